import FormworkLanguage
import Foundation
import PropertyBased
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test(
        "RFC 3339 texts parse to the right instant and print back",
        arguments: [
            ("1970-01-01T00:00:00Z", Int64(0), "1970-01-01T00:00:00Z"),
            ("2026-03-01T09:30:00+08:00", 1_772_328_600, "2026-03-01T09:30:00+08:00"),
            ("2026-03-01T01:30:00Z", 1_772_328_600, "2026-03-01T01:30:00Z"),
            ("2026-03-01T01:30:00z", 1_772_328_600, "2026-03-01T01:30:00Z"),
            ("2026-02-28T20:30:00-05:00", 1_772_328_600, "2026-02-28T20:30:00-05:00"),
            ("2026-03-01t01:30:00.123456Z", 1_772_328_600, "2026-03-01T01:30:00Z"),
            ("1969-12-31T23:59:59Z", -1, "1969-12-31T23:59:59Z"),
            ("2024-02-29T12:00:00+05:45", 1_709_187_300, "2024-02-29T12:00:00+05:45"),
            ("2026-03-01T01:30:00+00:00", 1_772_328_600, "2026-03-01T01:30:00Z"),
        ])
    func parses(text: String, seconds: Int64, printed: String) throws {
        let timestamp = try #require(Timestamp(text))
        #expect(timestamp.secondsSinceEpoch == seconds)
        #expect(timestamp.description == printed)
    }

    @Test(
        "malformed or impossible date-times are refused",
        arguments: [
            "2026-03-01T09:30:00", "2026-03-01 09:30:00Z", "2026-02-29T09:30:00Z", "2026-03-01T24:00:00Z",
            "2026-03-01T09:60:00Z", "2026-03-01T09:30:60Z", "2026-03-01T09:30:00+24:00", "2026-03-01T09:30:00+0800",
            "2026-03-01T09:30Z", "2026-03-01T09:30:00.Z", "2026-03-01T09:30:00+08:00 ", "", "2026-03-01",
        ])
    func refuses(text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test("equality and order are by instant; the offset only changes printing and the local date")
    func instantSemantics() throws {
        let east = try #require(Timestamp("2026-03-01T07:30:00+08:00"))
        let west = try #require(Timestamp("2026-02-28T18:30:00-05:00"))
        #expect(east == west)
        #expect(east.hashValue == west.hashValue)
        #expect(east.localDate?.description == "2026-03-01")
        #expect(west.localDate?.description == "2026-02-28")
        #expect(east.withUTCOffset(minutes: nil)?.description == "2026-02-28T23:30:00Z")
        #expect(east.withUTCOffset(minutes: 24 * 60) == nil)
        #expect(try #require(east.adding(seconds: 1)) > west)
        #expect(Timestamp(secondsSinceEpoch: Int64.max).adding(seconds: 1) == nil)
    }

    @Test("builds from a local date and time at an offset")
    func fromComponents() throws {
        let date = try #require(LocalDate("2026-03-01"))
        let timestamp = try #require(Timestamp(date: date, hour: 9, minute: 30, second: 0, utcOffsetMinutes: 480))
        #expect(timestamp.description == "2026-03-01T09:30:00+08:00")
        #expect(Timestamp(date: date, hour: 24, minute: 0, second: 0) == nil)
    }

    @Test("timestamps encode as RFC 3339 strings")
    func codable() throws {
        let timestamp = try #require(Timestamp("2026-03-01T09:30:00+08:00"))
        let data = try JSONEncoder().encode([timestamp])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-03-01T09:30:00+08:00\"]")
        #expect(try JSONDecoder().decode([Timestamp].self, from: data).first?.description == timestamp.description)
    }

    @Test("extreme instants print and convert without trapping")
    func extremes() {
        #expect(Timestamp(secondsSinceEpoch: .min).description.hasSuffix("Z"))
        #expect(Timestamp(secondsSinceEpoch: .max).description.hasSuffix("Z"))
        #expect(Timestamp(secondsSinceEpoch: .max).localDate == nil)
        #expect(Timestamp(secondsSinceEpoch: .min, utcOffsetMinutes: -600)?.localDate == nil)
        #expect(Timestamp(secondsSinceEpoch: 0, utcOffsetMinutes: .min) == nil)
        #expect(Timestamp(secondsSinceEpoch: 0, utcOffsetMinutes: 1440) == nil)
    }

    @Test("every instant in years 1 to 9999 prints and parses back, at any offset")
    func roundTrip() async {
        let first = Int64(LocalDate.minimum.daysSinceEpoch) * 86_400 + 86_400
        let last = Int64(LocalDate.maximum.daysSinceEpoch) * 86_400 - 86_400
        let offsets = Gen.int(in: -Timestamp.maximumOffsetMinutes...Timestamp.maximumOffsetMinutes)
        await propertyCheck(count: 1000, input: Gen.int64(in: first...last), offsets) { seconds, offset in
            guard let timestamp = Timestamp(secondsSinceEpoch: seconds, utcOffsetMinutes: offset) else {
                Issue.record("offset \(offset) refused")
                return
            }
            let parsed = Timestamp(timestamp.description)
            #expect(parsed?.secondsSinceEpoch == seconds, "\(timestamp)")
            #expect(parsed?.utcOffsetMinutes == (offset == 0 ? nil : offset))
        }
    }

    @Test("printing matches the padded fields at any instant and offset, and parses back")
    func printsEveryInstant() async {
        let instants = Gen.int(in: -62_135_596_800...253_402_300_799)
        let offsets = Gen.int(in: -(23 * 60 + 59)...(23 * 60 + 59))
        await propertyCheck(count: 2000, input: instants, offsets) { seconds, minutes in
            for offset in [nil, 0, minutes] {
                guard let timestamp = Timestamp(secondsSinceEpoch: Int64(seconds), utcOffsetMinutes: offset),
                    let local = timestamp.localDate
                else { continue }
                let time = timestamp.description
                func pad(_ value: Int, _ width: Int) -> String {
                    String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
                }
                let localSeconds = Int64(seconds) + Int64((offset ?? 0) * 60)
                let secondOfDay = Int(((localSeconds % 86_400) + 86_400) % 86_400)
                var expected =
                    "\(pad(local.year, 4))-\(pad(local.month, 2))-\(pad(local.day, 2))T"
                    + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
                if let offset, offset != 0 {
                    expected += (offset < 0 ? "-" : "+") + pad(abs(offset) / 60, 2) + ":" + pad(abs(offset) % 60, 2)
                } else {
                    expected += "Z"
                }
                #expect(time == expected)
                #expect(Timestamp(time) == timestamp)
            }
        }
    }
}
