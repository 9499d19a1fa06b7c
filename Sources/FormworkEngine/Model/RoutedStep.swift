public import FormworkDefinitions

/// One step of the policy as resolved at submission: who approves, how many are needed, and how.
public struct RoutedStep: Sendable, Hashable, Codable {
    public var id: StepID
    /// What a signature at this step means (the step's `meaning`, else the policy's).
    public var meaning: String
    /// The step's `when` condition as written, re-evaluated on resubmission; nil when it has none.
    public var when: String?
    /// Whether the step was skipped at submission (its `when` was false).
    public var skipped: Bool
    /// Why the step was skipped or kept, in words, with the values the condition read.
    public var reason: String?
    /// The eligible approvers found, distinct, in the order found.
    public var approvers: [PersonID]
    /// How each source was resolved, one line per source (the resolver trace).
    public var trace: [String]
    /// `any`, `all` or a number, as in the policy.
    public var quorum: String
    /// How many distinct approvers must approve.
    public var required: Int
    /// The decisions this step offers.
    public var decisions: [Decision]
    /// The step's deadlines, if it has an `sla`.
    public var sla: StepSLA?

    public init(
        id: StepID, meaning: String, when: String?, skipped: Bool, reason: String?, approvers: [PersonID],
        trace: [String], quorum: String, required: Int, decisions: [Decision], sla: StepSLA?
    ) {
        self.id = id
        self.meaning = meaning
        self.when = when
        self.skipped = skipped
        self.reason = reason
        self.approvers = approvers
        self.trace = trace
        self.quorum = quorum
        self.required = required
        self.decisions = decisions
        self.sla = sla
    }
}
