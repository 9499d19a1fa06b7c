/// The management reports `formwork report` makes.
public enum ReportKind: String, Sendable, CaseIterable {
    /// Reports filed per rep, region and form; on time against cadences; returned and rejected shares.
    case activity
    /// The manager's review KPI: reviewed, time to sign, overdue, escalations, substantive opinions.
    case reviews
    /// Customers per stage, conversion, time in stage, stalled customers.
    case funnel
    /// Deals, units, revenue and profit against the org's targets; the 120% coverage rule.
    case targets
    /// One rep's reports of the period with every opinion, in order, for a one-on-one.
    case meetingPack = "meeting-pack"
}
