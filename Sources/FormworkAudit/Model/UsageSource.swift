import FormworkDefinitions
public import FormworkEngine
public import FormworkLanguage

/// The reports a usage audit reads: every report record of a store, the period to judge, and the
/// time the store was read at (what "past its due time" is measured against).
public struct UsageSource: Sendable {
    public var reports: [ReportRecord]
    /// Only reports submitted on these days count; nil for every report.
    public var period: AuditPeriod?
    /// When the usage is judged; nil for the latest time any report records.
    public var asOf: Timestamp?

    /// Change proposals (`form_set_change`) are not sales reports and are left out.
    public init(reports: some Sequence<ReportRecord>, period: AuditPeriod? = nil, asOf: Timestamp? = nil) {
        self.reports = reports.filter { $0.workflow != ChangeControl.workflowID }
        self.period = period
        self.asOf = asOf
    }

    /// `report` with only what the audit reads, or nil when it does not read it (a change proposal): the current
    /// revision whole, the decisions and opinions, the steps and who approves them; not the history, the earlier
    /// revisions or the words of the policy and the signatures (`ReportRecord.withoutWords`). A store is read through
    /// it (a million whole reports took 6 GB); a test audits the example companies from kept and from whole reports
    /// and requires the same findings.
    @Sendable public static func keep(_ report: ReportRecord) -> ReportRecord? {
        guard report.workflow != ChangeControl.workflowID else { return nil }
        var kept = report.withoutWords
        kept.revisions = [report.revision]
        kept.history = []
        return kept
    }
}
