public import FormworkDefinitions
public import FormworkLanguage

/// `reminder-sent`: a step's reminder fell due.
public struct ReminderSent: Sendable, Hashable, Codable {
    public var report: ReportID
    public var step: StepID
    /// When the engine noticed (the time given to `advanceTime`).
    public var at: Timestamp
    public var remindAt: Timestamp
    /// Approvers who have not yet approved.
    public var to: [PersonID]

    public init(report: ReportID, step: StepID, at: Timestamp, remindAt: Timestamp, to: [PersonID]) {
        self.report = report
        self.step = step
        self.at = at
        self.remindAt = remindAt
        self.to = to
    }
}
