public import FormworkDefinitions
public import FormworkLanguage

/// `step-opened`: a step starts waiting for decisions; its deadlines are fixed here.
public struct StepOpened: Sendable, Hashable, Codable {
    public var report: ReportID
    public var step: StepID
    public var at: Timestamp
    /// End of the business day of the reminder, if the step has an SLA with `remind_after`.
    public var remindAt: Timestamp?
    /// End of the business day the step is due, if the step has an SLA.
    public var dueAt: Timestamp?

    public init(report: ReportID, step: StepID, at: Timestamp, remindAt: Timestamp?, dueAt: Timestamp?) {
        self.report = report
        self.step = step
        self.at = at
        self.remindAt = remindAt
        self.dueAt = dueAt
    }
}
