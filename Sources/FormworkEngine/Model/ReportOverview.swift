/// A report with what comes next and what blocks it, in words.
public struct ReportOverview: Sendable, Hashable, Codable {
    public var record: ReportRecord
    /// What happens next: who must act, at which step, by when.
    public var next: [String]
    /// What stands in the way, if anything (empty when nothing does).
    public var blockers: [String]

    public init(record: ReportRecord, next: [String], blockers: [String]) {
        self.record = record
        self.next = next
        self.blockers = blockers
    }
}
