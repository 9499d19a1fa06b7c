import Foundation
import Testing

@testable import FormworkDefinitions

/// The offsets table a loaded form set keeps for its calendar's zone answers as Foundation's `TimeZone` does.
@Suite struct ZoneOffsetsTests {
    /// Zones with summer time either side of the equator, half-hour and 45-minute offsets, a day skipped
    /// (Pacific/Apia, December 2011), standard offsets that changed (Europe/Moscow 2011 and 2014,
    /// Asia/Pyongyang 2015 and 2018), a clock going back at midnight (America/Santiago), and none at all.
    static let zones = [
        "Asia/Taipei", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
        "Asia/Kolkata", "Pacific/Apia", "Europe/Moscow", "Asia/Pyongyang", "America/Santiago", "UTC",
        "America/Sao_Paulo", "Africa/Casablanca", "Pacific/Chatham",
    ]

    @Test(arguments: zones)
    func theTableGivesFoundationsOffsetAtEveryInstant(_ identifier: String) throws {
        let table = try #require(ZoneOffsets.reading(identifier))
        let zone = try #require(TimeZone(identifier: identifier))
        func foundation(_ seconds: Int64) -> Int {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        var instants: [Int64] = [0, ZoneOffsets.covered.upperBound - 1]
        // Either side of every change, where a table that is off by one would show.
        for change in table.changes { instants += [change - 1, change, change + 1] }
        var state: UInt64 = 0x5EED_2017
        for _ in 0..<4_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            instants.append(Int64((state >> 11) % UInt64(ZoneOffsets.covered.upperBound)))
        }
        for seconds in instants where ZoneOffsets.covered.contains(seconds) {
            #expect(table.offset(at: seconds) == foundation(seconds), "\(identifier) at \(seconds)")
        }
        #expect(table.offset(at: -1) == nil)
        #expect(table.offset(at: ZoneOffsets.covered.upperBound) == nil)
    }

    @Test func aZoneWithSummerTimeHasTwoChangesAYear() throws {
        let berlin = try #require(ZoneOffsets.reading("Europe/Berlin"))
        // Summer time since 1980: two changes a year until 2100, and the offsets alternate.
        #expect(berlin.changes.count > 2 * (2100 - 1980))
        #expect(Set(berlin.offsets) == [3_600, 7_200])
        let taipei = try #require(ZoneOffsets.reading("Asia/Taipei"))
        #expect(taipei.changes.count < 10)
        #expect(taipei.offsets.last == 8 * 3_600)
        #expect(ZoneOffsets.reading("Mars/Olympus_Mons") == nil)
    }

    @Test func aTableIsMadeOnlyFromChangesThatAscendInTheRange() {
        #expect(ZoneOffsets(zone: "X", changes: [0, 10], offsets: [0, 3_600]) != nil)
        #expect(ZoneOffsets(zone: "X", changes: [], offsets: []) == nil)
        #expect(ZoneOffsets(zone: "X", changes: [1], offsets: [0]) == nil)
        #expect(ZoneOffsets(zone: "X", changes: [0, 10, 10], offsets: [0, 1, 2]) == nil)
        #expect(ZoneOffsets(zone: "X", changes: [0, 10], offsets: [0]) == nil)
        #expect(ZoneOffsets(zone: "X", changes: [0, ZoneOffsets.covered.upperBound], offsets: [0, 0]) == nil)
        #expect(ZoneOffsets(zone: "X", changes: [0], offsets: [86_400]) == nil)
        #expect(ZoneOffsets(zone: "X", changes: [0], offsets: [Int.min]) == nil)
    }
}
