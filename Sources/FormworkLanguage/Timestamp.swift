/// An instant in time: whole seconds since 1970-01-01T00:00:00Z, plus the UTC offset to print it with.
///
/// Two timestamps are equal when they denote the same instant, whatever their offsets: the offset only
/// changes how the instant is printed and which calendar day it falls on locally. Timestamps print and
/// parse as RFC 3339, e.g. `2026-03-01T09:30:00+08:00` or `2026-03-01T01:30:00Z`.
public struct Timestamp: Hashable, Comparable, Sendable, LosslessStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z, negative before it.
    public let secondsSinceEpoch: Int64
    /// The offset from UTC, in minutes, used for printing and for local dates; `nil` prints as `Z`.
    public let utcOffsetMinutes: Int?

    /// The largest offset RFC 3339 can write: 23 hours 59 minutes.
    public static let maximumOffsetMinutes = 23 * 60 + 59

    /// The instants RFC 3339 can write, from 0001-01-01T00:00:00+23:59 to 9999-12-31T23:59:59-23:59 (dates of
    /// years 1 to 9999 at any offset): every parsed timestamp is one of them. A reader of stored seconds refuses the
    /// others, whose dates could be neither computed nor printed.
    public static let representableSeconds: ClosedRange<Int64> = {
        let offset = Int64(maximumOffsetMinutes) * 60
        let first: Int64 = -719_162 * 86_400  // 0001-01-01T00:00:00Z
        let last: Int64 = 2_932_896 * 86_400 + 86_399  // 9999-12-31T23:59:59Z
        return (first - offset)...(last + offset)
    }()

    /// Creates a timestamp in UTC.
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.utcOffsetMinutes = nil
    }

    /// Creates a timestamp printed at the given offset from UTC, or returns `nil` when the offset is beyond
    /// ±23:59.
    public init?(secondsSinceEpoch: Int64, utcOffsetMinutes: Int?) {
        if let utcOffsetMinutes, utcOffsetMinutes.magnitude > Timestamp.maximumOffsetMinutes { return nil }
        self.secondsSinceEpoch = secondsSinceEpoch
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Creates the instant at which the local wall-clock time `date` `hour`:`minute`:`second` occurs at the
    /// given offset from UTC, or returns `nil` when a component is out of range.
    public init?(date: LocalDate, hour: Int, minute: Int, second: Int, utcOffsetMinutes: Int? = nil) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(secondsSinceEpoch: local - Int64((utcOffsetMinutes ?? 0) * 60), utcOffsetMinutes: utcOffsetMinutes)
    }

    /// Parses an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional fraction of a second (dropped), then
    /// `Z` or `±HH:MM`.
    ///
    /// Returns `nil` for any other shape, for dates that do not exist and for leap seconds (`:60`).
    public init?(_ description: String) {
        let scalars = Array(description.unicodeScalars)
        // The date is the first ten scalars, taken as a slice of the text (a view rebuilt from the scalars would be
        // the generic `append(contentsOf:)`, which costs a command's first parse ~0.2 ms).
        guard scalars.count >= 20, let date = LocalDate(String(Substring(description.unicodeScalars.prefix(10)))),
            scalars[10] == "T" || scalars[10] == "t", scalars[13] == ":", scalars[16] == ":",
            let hour = CivilCalendar.number(scalars[11..<13]), let minute = CivilCalendar.number(scalars[14..<16]),
            let second = CivilCalendar.number(scalars[17..<19])
        else { return nil }
        var index = 19
        if scalars[index] == "." {
            index += 1
            let fractionStart = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            guard index > fractionStart, index < scalars.count else { return nil }
        }
        let rest = scalars[index...]
        let offset: Int?
        if rest.count == 1, let zone = rest.first, zone == "Z" || zone == "z" {
            offset = nil
        } else if let minutes = Timestamp.offsetMinutes(rest) {
            offset = minutes
        } else {
            return nil
        }
        self.init(date: date, hour: hour, minute: minute, second: second, utcOffsetMinutes: offset)
    }

    /// Reads an offset written `+HH:MM` or `-HH:MM`.
    private static func offsetMinutes(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        let start = scalars.startIndex
        guard scalars.count == 6, scalars[start] == "+" || scalars[start] == "-", scalars[start + 3] == ":",
            let hours = CivilCalendar.number(scalars[(start + 1)..<(start + 3)]),
            let minutes = CivilCalendar.number(scalars[(start + 4)..<(start + 6)]), hours <= 23, minutes <= 59
        else { return nil }
        let total = hours * 60 + minutes
        return scalars[start] == "-" ? -total : total
    }

    /// The same instant, printed at another offset from UTC (`nil` for `Z`); `nil` when the offset is beyond
    /// ±23:59.
    public func withUTCOffset(minutes: Int?) -> Timestamp? {
        Timestamp(secondsSinceEpoch: secondsSinceEpoch, utcOffsetMinutes: minutes)
    }

    /// The instant `seconds` later (earlier when negative), or `nil` on overflow.
    public func adding(seconds: Int64) -> Timestamp? {
        let (sum, overflow) = secondsSinceEpoch.addingReportingOverflow(seconds)
        guard !overflow else { return nil }
        return Timestamp(secondsSinceEpoch: sum, utcOffsetMinutes: utcOffsetMinutes)
    }

    /// Seconds since the epoch of the wall-clock time at this timestamp's offset.
    private var localSeconds: Int64 {
        let (sum, overflow) = secondsSinceEpoch.addingReportingOverflow(Int64((utcOffsetMinutes ?? 0) * 60))
        return overflow ? secondsSinceEpoch : sum
    }

    /// The wall-clock fields at this timestamp's offset; the year is not limited to 1...9999.
    var localComponents: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let seconds = localSeconds
        let days = CivilCalendar.floorDivide(seconds, 86_400)
        let remainder = Int(seconds % 86_400)
        let secondOfDay = remainder < 0 ? remainder + 86_400 : remainder
        let civil = CivilCalendar.civil(fromDays: Int(days))
        return (civil.year, civil.month, civil.day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
    }

    /// The calendar date at this timestamp's offset (UTC when it has none), or `nil` outside years 1...9999.
    public var localDate: LocalDate? {
        let parts = localComponents
        return LocalDate(year: parts.year, month: parts.month, day: parts.day)
    }

    /// The timestamp as RFC 3339 at its own offset, e.g. `2026-03-01T09:30:00+08:00`.
    public var description: String {
        let parts = localComponents
        if (0...9999).contains(parts.year) { return Self.rfc3339(parts, offset: utcOffsetMinutes) }
        var text = CivilCalendar.pad(parts.year, 4) + "-" + CivilCalendar.pad(parts.month, 2) + "-"
        text += CivilCalendar.pad(parts.day, 2) + "T" + CivilCalendar.pad(parts.hour, 2) + ":"
        text += CivilCalendar.pad(parts.minute, 2) + ":" + CivilCalendar.pad(parts.second, 2)
        guard let offset = utcOffsetMinutes, offset != 0 else { return text + "Z" }
        let sign = offset < 0 ? "-" : "+"
        return text + sign + CivilCalendar.pad(abs(offset) / 60, 2) + ":" + CivilCalendar.pad(abs(offset) % 60, 2)
    }

    /// `description` for years 0…9999, written straight into the string's storage (it is written for every
    /// journal record): at most 25 bytes, `YYYY-MM-DDTHH:MM:SS` and `Z` or `±HH:MM`.
    private static func rfc3339(
        _ parts: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int), offset: Int?
    ) -> String {
        String(unsafeUninitializedCapacity: 25) { buffer in
            var count = 0
            func byte(_ value: UInt8) {
                buffer[count] = value
                count += 1
            }
            func two(_ value: Int) {
                byte(0x30 + UInt8(value / 10))
                byte(0x30 + UInt8(value % 10))
            }
            two(parts.year / 100)
            two(parts.year % 100)
            byte(0x2d)
            two(parts.month)
            byte(0x2d)
            two(parts.day)
            byte(0x54)
            two(parts.hour)
            byte(0x3a)
            two(parts.minute)
            byte(0x3a)
            two(parts.second)
            if let offset, offset != 0 {
                byte(offset < 0 ? 0x2d : 0x2b)
                two(abs(offset) / 60)
                byte(0x3a)
                two(abs(offset) % 60)
            } else {
                byte(0x5a)
            }
            return count
        }
    }

    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch == rhs.secondsSinceEpoch
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(secondsSinceEpoch)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}
