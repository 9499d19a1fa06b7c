public import FormworkDefinitions
public import FormworkLanguage

/// What a management report looks at: the period, and optionally one region or one person.
public struct ReportScope: Sendable, Hashable {
    /// The days whose reports count; nil for every report in the store.
    public var period: ReportPeriod?
    public var region: RegionID?
    public var person: PersonID?
    /// The moment "now" means for overdue reports and stalled customers (the store's latest event,
    /// or `--now`).
    public var asOf: Timestamp
    /// Days in a stage after which a customer counts as stalled (funnel).
    public var stalledDays: Int

    public init(
        period: ReportPeriod? = nil, region: RegionID? = nil, person: PersonID? = nil, asOf: Timestamp,
        stalledDays: Int = 30
    ) {
        self.period = period
        self.region = region
        self.person = person
        self.asOf = asOf
        self.stalledDays = stalledDays
    }
}
