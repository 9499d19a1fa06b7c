public import FormworkDefinitions
public import FormworkLanguage

/// `step-escalated`: a step is overdue; the `escalate_to` approvers are added to it (never an approval).
public struct StepEscalated: Sendable, Hashable, Codable {
    public var report: ReportID
    public var step: StepID
    /// When the engine noticed (the time given to `advanceTime`).
    public var at: Timestamp
    public var dueAt: Timestamp
    /// Approvers added to the step (may be empty when there is nobody to add).
    public var added: [PersonID]
    /// How `escalate_to` was resolved.
    public var trace: [String]

    public init(report: ReportID, step: StepID, at: Timestamp, dueAt: Timestamp, added: [PersonID], trace: [String]) {
        self.report = report
        self.step = step
        self.at = at
        self.dueAt = dueAt
        self.added = added
        self.trace = trace
    }
}
