import FormworkLanguage
import Foundation
import PropertyBased
import Testing

@Suite("LocalDate")
struct LocalDateTests {
    @Test(
        "valid dates parse and print back",
        arguments: ["2026-01-31", "2024-02-29", "2000-02-29", "1970-01-01", "0001-01-01", "9999-12-31", "1969-12-31"])
    func roundTrip(text: String) throws {
        let date = try #require(LocalDate(text))
        #expect(date.description == text)
    }

    @Test(
        "invalid dates are refused",
        arguments: [
            "2026-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
            "0000-01-01", "2026-1-31", "26-01-31", "2026/01/31", "2026-01-31T00:00:00Z", " 2026-01-31", "",
            "２０２６-01-31", "2026-01-3a", "+026-01-31",
        ])
    func refusesInvalid(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test("leap years follow the Gregorian rule")
    func leapYears() {
        #expect(LocalDate.isLeapYear(2024))
        #expect(LocalDate.isLeapYear(2000))
        #expect(!LocalDate.isLeapYear(1900))
        #expect(!LocalDate.isLeapYear(2026))
        #expect(LocalDate.numberOfDays(inMonth: 2, year: 2024) == 29)
        #expect(LocalDate.numberOfDays(inMonth: 2, year: 2100) == 28)
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2023, month: 2, day: 29) == nil)
    }

    @Test(
        "days since 1970-01-01",
        arguments: [
            ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11_017),
            ("2026-03-15", 20_527), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
        ])
    func daysSinceEpoch(text: String, days: Int) throws {
        let date = try #require(LocalDate(text))
        #expect(date.daysSinceEpoch == days)
        #expect(LocalDate(daysSinceEpoch: days) == date)
    }

    @Test("day arithmetic crosses months, leap days and years")
    func adding() throws {
        let date = try #require(LocalDate("2024-02-28"))
        #expect(date.adding(days: 1)?.description == "2024-02-29")
        #expect(date.adding(days: 2)?.description == "2024-03-01")
        #expect(date.adding(days: 366)?.description == "2025-02-28")
        #expect(date.adding(days: -59)?.description == "2023-12-31")
        #expect(LocalDate.maximum.adding(days: 1) == nil)
        #expect(LocalDate.minimum.adding(days: -1) == nil)
        #expect(date.adding(days: Int.max) == nil)
        #expect(date.days(to: try #require(LocalDate("2024-03-01"))) == 2)
    }

    @Test(
        "weekdays",
        arguments: [
            ("1970-01-01", Weekday.thursday), ("2026-03-15", .sunday), ("2026-03-16", .monday),
            ("2000-01-01", .saturday), ("1969-12-29", .monday), ("0001-01-01", .monday),
        ])
    func weekdays(text: String, weekday: Weekday) throws {
        #expect(try #require(LocalDate(text)).weekday == weekday)
    }

    @Test("dates order by calendar")
    func ordering() throws {
        let dates = try ["2026-01-31", "2025-12-31", "2026-02-01"].map { try #require(LocalDate($0)) }
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-01-31", "2026-02-01"])
    }

    @Test("dates encode as YYYY-MM-DD strings and refuse anything else")
    func codable() throws {
        let date = try #require(LocalDate("2026-03-15"))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-03-15\"]")
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data("[\"2026-02-30\"]".utf8))
        }
    }

    @Test("days since the epoch convert both ways over the whole range")
    func daysRoundTrip() async {
        let range = LocalDate.minimum.daysSinceEpoch...LocalDate.maximum.daysSinceEpoch
        await propertyCheck(count: 1000, input: Gen.int(in: range)) { days in
            guard let date = LocalDate(daysSinceEpoch: days) else {
                Issue.record("no date for \(days)")
                return
            }
            #expect(date.daysSinceEpoch == days)
            #expect(LocalDate(date.description) == date)
            #expect(date.adding(days: 1).map { $0 > date } ?? (date == .maximum))
            let expected = Weekday(rawValue: ((days + 3) % 7 + 7) % 7 + 1)
            #expect(date.weekday == expected)
        }
    }
}
