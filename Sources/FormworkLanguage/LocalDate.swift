/// A calendar date with no time of day and no time zone, in the proleptic Gregorian calendar.
///
/// Years run from 1 to 9999 so that every date prints as `YYYY-MM-DD` and parses back. Day arithmetic goes
/// through the number of days since 1970-01-01 (Howard Hinnant's `days_from_civil` / `civil_from_days`),
/// which is exact for the whole range and needs no `Calendar` or time zone database.
public struct LocalDate: Hashable, Comparable, Sendable, LosslessStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...28/29/30/31.
    public let day: Int

    /// The earliest date that can be represented: 0001-01-01.
    public static let minimum = LocalDate(unchecked: 1, 1, 1)
    /// The latest date that can be represented: 9999-12-31.
    public static let maximum = LocalDate(unchecked: 9999, 12, 31)

    /// Creates a date, or returns `nil` when the year, month or day is out of range (including 29 February
    /// in a year that is not a leap year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        guard day >= 1, day <= LocalDate.numberOfDays(inMonth: month, year: year) else { return nil }
        self.init(unchecked: year, month, day)
    }

    /// Creates the date that is `daysSinceEpoch` days after 1970-01-01 (negative values are before it),
    /// or returns `nil` outside 0001-01-01...9999-12-31.
    public init?(daysSinceEpoch: Int) {
        guard (LocalDate.minimum.daysSinceEpoch...LocalDate.maximum.daysSinceEpoch).contains(daysSinceEpoch)
        else { return nil }
        let civil = CivilCalendar.civil(fromDays: daysSinceEpoch)
        self.init(unchecked: civil.year, civil.month, civil.day)
    }

    /// Parses a date written strictly as `YYYY-MM-DD` (four-digit year, two-digit month and day).
    ///
    /// Returns `nil` for any other shape and for dates that do not exist, such as `2026-02-29`.
    public init?(_ description: String) {
        let scalars = Array(description.unicodeScalars)
        guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-" else { return nil }
        guard let year = CivilCalendar.number(scalars[0..<4]), let month = CivilCalendar.number(scalars[5..<7]),
            let day = CivilCalendar.number(scalars[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1...12) of `year`; 0 for a month out of range.
    public static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    /// The number of days from 1970-01-01 to this date (negative before it).
    public var daysSinceEpoch: Int {
        CivilCalendar.days(fromYear: year, month: month, day: day)
    }

    /// The date `days` days later (earlier when negative), or `nil` when that leaves the supported range.
    public func adding(days: Int) -> LocalDate? {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        guard !overflow else { return nil }
        return LocalDate(daysSinceEpoch: sum)
    }

    /// The number of days from this date to `other`: positive when `other` is later.
    public func days(to other: LocalDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO weekday 4).
        let index = CivilCalendar.floorModulo(daysSinceEpoch + 3, 7) + 1
        return Weekday(rawValue: index) ?? .monday
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        CivilCalendar.pad(year, 4) + "-" + CivilCalendar.pad(month, 2) + "-" + CivilCalendar.pad(day, 2)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
