public import FormworkDefinitions
public import FormworkLanguage

/// `approvals-voided`: a material field changed on resubmission, so the approvals given so far no longer count.
public struct ApprovalsVoided: Sendable, Hashable, Codable {
    public var report: ReportID
    public var at: Timestamp
    /// The new revision that voided them.
    public var revision: Int
    /// The material fields that changed.
    public var fields: [FieldID]
    public var approvals: [VoidedApproval]

    public init(report: ReportID, at: Timestamp, revision: Int, fields: [FieldID], approvals: [VoidedApproval]) {
        self.report = report
        self.at = at
        self.revision = revision
        self.fields = fields
        self.approvals = approvals
    }
}
