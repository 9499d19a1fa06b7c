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
}
