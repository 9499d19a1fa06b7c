import FormworkDefinitions
import FormworkLanguage
import Testing

@testable import FormworkEngine

/// Business days read the zone's offsets from the form set's table (`ZoneOffsets`) when it has one: the days and
/// deadlines are those Foundation's `TimeZone` gives, around every change of offset.
@Suite struct BusinessCalendarTests {
    @Test(arguments: ["Europe/Berlin", "America/Santiago", "Pacific/Apia", "Australia/Lord_Howe", "Asia/Taipei"])
    func theOffsetsTableGivesFoundationsDaysAndDeadlines(_ zone: String) throws {
        let calendar = WorkCalendar(timeZone: zone, workdays: [1, 2, 3, 4, 5], holidays: [])
        let table = try #require(ZoneOffsets.reading(zone))
        let fromTable = BusinessCalendar(calendar, offsets: table)
        let fromFoundation = BusinessCalendar(calendar)
        // Every quarter hour from two hours before each change of offset between 2010 and 2030 to two after it,
        // and a day at noon UTC through 2026.
        var instants: [Int64] = []
        for change in table.changes where change >= 1_262_304_000 && change < 1_893_456_000 {
            instants += stride(from: change - 7_200, through: change + 7_200, by: 900).map { $0 }
        }
        instants += stride(from: Int64(1_767_268_800), to: 1_798_804_800, by: 86_400).map { $0 }
        #expect(instants.count > 300)
        for seconds in instants {
            let instant = Timestamp(secondsSinceEpoch: seconds)
            #expect(fromTable.offsetMinutes(at: instant) == fromFoundation.offsetMinutes(at: instant))
            #expect(fromTable.localDate(of: instant) == fromFoundation.localDate(of: instant))
            for days in 0...2 {
                #expect(
                    fromTable.endOfBusinessDays(days, after: instant)
                        == fromFoundation.endOfBusinessDays(days, after: instant), "\(zone) \(seconds) +\(days)")
            }
        }
    }

    @Test func aTableOfAnotherZoneIsNotUsed() throws {
        let calendar = WorkCalendar(timeZone: "Asia/Taipei")
        let berlin = try #require(ZoneOffsets.reading("Europe/Berlin"))
        let instant = Timestamp(secondsSinceEpoch: 1_782_000_000)
        #expect(BusinessCalendar(calendar, offsets: berlin).offsetMinutes(at: instant) == 480)
        // Outside the table's years Foundation answers.
        let taipei = try #require(ZoneOffsets.reading("Asia/Taipei"))
        let later = Timestamp(secondsSinceEpoch: ZoneOffsets.covered.upperBound + 1_000)
        #expect(BusinessCalendar(calendar, offsets: taipei).offsetMinutes(at: later) == 480)
    }
}
