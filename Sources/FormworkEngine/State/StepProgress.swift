public import FormworkDefinitions
public import FormworkLanguage

/// The progress of one step of a report.
public struct StepProgress: Sendable, Hashable, Codable {
    public var step: StepID
    public var status: StepStatus
    /// Why the step is skipped or applies, in words.
    public var reason: String?
    public var openedAt: Timestamp?
    public var remindAt: Timestamp?
    public var dueAt: Timestamp?
    public var reminded: Bool
    public var escalated: Bool
    /// Approvers added by escalation.
    public var added: [PersonID]

    public init(step: StepID, status: StepStatus, reason: String?) {
        self.step = step
        self.status = status
        self.reason = reason
        reminded = false
        escalated = false
        added = []
    }
}
