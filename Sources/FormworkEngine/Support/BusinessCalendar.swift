import FormworkDefinitions
import FormworkLanguage
import Foundation

/// Business-day arithmetic on the form set's `WorkCalendar`.
///
/// A business day is a calendar day, in the calendar's time zone, that is a workday and not a
/// holiday. "N business days" from an instant ends at the last second (23:59:59 local) of the N-th
/// business day after the instant's local day: one business day from a Friday afternoon is the end of
/// Monday, never 24 business hours.
///
/// The offsets come from the form set's `ZoneOffsets` table when it has one for the calendar's zone, as a loaded or
/// compiled form set does; Foundation's `TimeZone` answers for an instant outside the table and for a set without
/// one. Both give the same offsets (`ZoneOffsetsTests`).
struct BusinessCalendar: Sendable {
    let calendar: WorkCalendar
    private let table: ZoneOffsets?
    /// Foundation's zone, made at once when there is no table: a command with one never sets up ICU's zone data.
    private let zone: TimeZone?

    init(_ calendar: WorkCalendar, offsets: ZoneOffsets? = nil) {
        self.calendar = calendar
        table = offsets?.zone == calendar.timeZone ? offsets : nil
        zone = table == nil ? Self.foundationZone(calendar.timeZone) : nil
    }

    private static func foundationZone(_ identifier: String) -> TimeZone {
        TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }

    /// The zone's offset from UTC at `instant`, in minutes.
    func offsetMinutes(at instant: Timestamp) -> Int {
        if let seconds = table?.offset(at: instant.secondsSinceEpoch) { return seconds / 60 }
        let zone = zone ?? Self.foundationZone(calendar.timeZone)
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch))) / 60
    }

    /// The instant printed at the calendar's offset.
    func local(_ instant: Timestamp) -> Timestamp {
        instant.withUTCOffset(minutes: offsetMinutes(at: instant)) ?? instant
    }

    /// The calendar day of `instant` in the calendar's time zone (what `today()` gives).
    func localDate(of instant: Timestamp) -> LocalDate {
        local(instant).localDate ?? LocalDate.minimum
    }

    func isBusinessDay(_ date: LocalDate) -> Bool {
        calendar.workdays.contains(date.weekday.rawValue) && !calendar.holidays.contains(date)
    }

    /// The last second of `date` in the calendar's time zone, printed at that offset.
    func endOfDay(_ date: LocalDate) -> Timestamp? {
        guard let guess = Timestamp(date: date, hour: 23, minute: 59, second: 59, utcOffsetMinutes: 0) else {
            return nil
        }
        let offset = offsetMinutes(at: guess)
        let first = Timestamp(date: date, hour: 23, minute: 59, second: 59, utcOffsetMinutes: offset)
        guard let first else { return nil }
        let corrected = offsetMinutes(at: first)
        guard let candidate = Timestamp(date: date, hour: 23, minute: 59, second: 59, utcOffsetMinutes: corrected)
        else { return nil }
        // Almost always: 23:59:59 exists once, and the next second is the next day.
        if localDate(of: candidate) == date, let next = candidate.adding(seconds: 1), localDate(of: next) > date {
            return candidate
        }
        return lastSecond(upTo: date, near: candidate)
    }

    /// The last second whose local date is `date` or earlier, near `start`: where a change of offset makes
    /// 23:59:59 happen twice (a clock going back at midnight: the later one), never (the earlier second before
    /// the jump), or skips the day itself (the last second before the next day begins).
    private func lastSecond(upTo date: LocalDate, near start: Timestamp) -> Timestamp? {
        let base = start.secondsSinceEpoch
        var last: Int64?
        // Quarter hours over a day and more either side: every offset change falls between two of them.
        for step: Int64 in -104...104 where localDate(of: Timestamp(secondsSinceEpoch: base + step * 900)) <= date {
            last = base + step * 900
        }
        guard var low = last else { return nil }
        var high = low + 900  // a later local date: found within the quarter hour, by halves
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if localDate(of: Timestamp(secondsSinceEpoch: middle)) <= date { low = middle } else { high = middle }
        }
        return local(Timestamp(secondsSinceEpoch: low))
    }

    /// The end of the `count`-th business day after the local day of `start` (the end of that day
    /// itself for 0); nil when the calendar has no business day within ten years.
    func endOfBusinessDays(_ count: Int, after start: Timestamp) -> Timestamp? {
        var date = localDate(of: start)
        var remaining = max(0, count)
        var guardDays = 3660
        while remaining > 0 {
            guard let next = date.adding(days: 1), guardDays > 0 else { return nil }
            date = next
            guardDays -= 1
            if isBusinessDay(date) { remaining -= 1 }
        }
        return endOfDay(date)
    }
}
