import Foundation

/// The UTC offsets of the calendar's time zone from 1970 up to 2100, read from Foundation's zone data when the
/// form set is loaded and kept in its compiled form (docs/design/compiled-form-sets.md, "The time zone").
///
/// Business days need only "the offset at this instant". Foundation answers it from ICU's zone data, whose
/// setting up was ~5% of a command that found its form set compiled; the table answers it with a binary search,
/// and the engine asks Foundation only for an instant outside the table (or for a form set without one).
public struct ZoneOffsets: Sendable, Equatable {
    /// What the table covers, in seconds since the epoch: 1970-01-01 up to (not including) 2100-01-01 UTC.
    public static let covered: Range<Int64> = 0..<4_102_444_800

    /// The zone's identifier (`Asia/Taipei`): a table answers only for the zone it was read from.
    public let zone: String
    /// The instants, in seconds since the epoch, from which each offset holds: ascending, the first the start of
    /// `covered`.
    public let changes: [Int64]
    /// The offset from UTC, in seconds, from the change at the same position to the next.
    public let offsets: [Int]

    /// A table from its parts; nil unless the changes ascend from the start of `covered` within it, each has an
    /// offset, and every offset is within a day.
    public init?(zone: String, changes: [Int64], offsets: [Int]) {
        guard let first = changes.first, let last = changes.last, changes.count == offsets.count,
            first == Self.covered.lowerBound, last < Self.covered.upperBound,
            zip(changes, changes.dropFirst()).allSatisfy({ $0 < $1 }),
            offsets.allSatisfy({ $0 > -86_400 && $0 < 86_400 })
        else { return nil }
        self.zone = zone
        self.changes = changes
        self.offsets = offsets
    }

    /// The table of the zone Foundation knows as `identifier`, following its transitions from the start of
    /// `covered`; nil for a zone Foundation does not know, or one whose changes fall between two seconds.
    public static func reading(_ identifier: String) -> ZoneOffsets? {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        var changes = [covered.lowerBound]
        var offsets = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(covered.lowerBound)))]
        var after = Date(timeIntervalSince1970: TimeInterval(covered.lowerBound))
        while let next = zone.nextDaylightSavingTimeTransition(after: after) {
            let seconds = next.timeIntervalSince1970
            guard seconds > after.timeIntervalSince1970 else { return nil }
            if seconds >= TimeInterval(covered.upperBound) { break }
            guard seconds == seconds.rounded(.down) else { return nil }
            let offset = zone.secondsFromGMT(for: next)
            if offset != offsets.last {
                changes.append(Int64(seconds))
                offsets.append(offset)
            }
            after = next
        }
        return ZoneOffsets(zone: identifier, changes: changes, offsets: offsets)
    }

    /// The offset from UTC, in seconds, at `seconds` since the epoch; nil outside `covered`.
    public func offset(at seconds: Int64) -> Int? {
        guard Self.covered.contains(seconds) else { return nil }
        // The last change at or before `seconds` (the first is the range's start, so there is one).
        var low = 0
        var high = changes.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if changes[middle] <= seconds { low = middle } else { high = middle }
        }
        return offsets[low]
    }
}
