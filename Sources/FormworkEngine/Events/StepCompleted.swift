public import FormworkDefinitions
public import FormworkLanguage

/// `step-completed`: a step reached its quorum.
public struct StepCompleted: Sendable, Hashable, Codable {
    public var report: ReportID
    public var step: StepID
    public var at: Timestamp
    /// The distinct approvers (principals) whose approvals made the quorum.
    public var approvers: [PersonID]

    public init(report: ReportID, step: StepID, at: Timestamp, approvers: [PersonID]) {
        self.report = report
        self.step = step
        self.at = at
        self.approvers = approvers
    }
}
