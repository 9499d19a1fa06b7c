public import FormworkLanguage

/// `formwork.yaml`: what the form set is called, its locales and calendar, and which files it holds.
public struct Manifest: Sendable {
    public var formatVersion: Int
    public var name: String
    public var defaultLocale: String
    public var locales: [String]
    public var currency: Located<String>?
    public var calendar: WorkCalendar
    public var includes: [Located<String>]
    public var file: String
    /// The `audit:` block: budgets and timings for `formwork audit`; nil when absent.
    public var audit: AuditSettings?
    /// The `change_control:` block: who proposes and who signs a new version; nil when absent.
    public var changeControl: ChangeControl?

    public init(
        formatVersion: Int, name: String, defaultLocale: String, locales: [String], currency: Located<String>?,
        calendar: WorkCalendar, includes: [Located<String>], file: String
    ) {
        self.formatVersion = formatVersion
        self.name = name
        self.defaultLocale = defaultLocale
        self.locales = locales
        self.currency = currency
        self.calendar = calendar
        self.includes = includes
        self.file = file
    }
}

/// The working calendar that SLA deadlines count business days on.
public struct WorkCalendar: Sendable, Equatable {
    public var timeZone: String
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    public var workdays: Set<Int>
    public var holidays: Set<LocalDate>

    public init(timeZone: String = "UTC", workdays: Set<Int> = [1, 2, 3, 4, 5], holidays: Set<LocalDate> = []) {
        self.timeZone = timeZone
        self.workdays = workdays
        self.holidays = holidays
    }

    public static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
}
