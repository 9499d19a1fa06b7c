public import FormworkDefinitions

/// A step's deadlines in business days, and whom to add when it is overdue (resolved at submission).
public struct StepSLA: Sendable, Hashable, Codable {
    /// Business days from the step's opening until it is due.
    public var days: Int
    /// Business days until the reminder, if any.
    public var remindAfter: Int?
    /// Approvers added to the step when it is overdue (`escalate_to`).
    public var escalateTo: [PersonID]
    /// How `escalate_to` was resolved.
    public var trace: [String]

    public init(days: Int, remindAfter: Int?, escalateTo: [PersonID], trace: [String]) {
        self.days = days
        self.remindAfter = remindAfter
        self.escalateTo = escalateTo
        self.trace = trace
    }
}
