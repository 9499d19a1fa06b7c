public import FormworkDefinitions

/// The snapshot of the approval policy and of who approves, taken at submission.
///
/// Decisions are judged against this snapshot, never against the live policy or org: editing the
/// policy or moving people mid-flight cannot strand or silently change a report.
public struct Routing: Sendable, Hashable, Codable {
    public var policy: PolicyID
    /// The SHA-256 of the policy file the report is pinned to.
    public var policyVersion: String
    /// What a signature under this policy means, in the engine's locale.
    public var meaning: String
    /// `self_approval` of the policy.
    public var selfApproval: Bool
    /// `until_first_decision` or `never`.
    public var recall: String
    /// Whether the org's delegation windows apply.
    public var delegation: Bool
    /// Fields whose change on resubmission voids earlier approvals.
    public var material: [FieldID]
    /// Decisions that need an opinion.
    public var opinionRequired: [Decision]
    /// Every step of the policy, in order, skipped or not.
    public var steps: [RoutedStep]

    public init(
        policy: PolicyID, policyVersion: String, meaning: String, selfApproval: Bool, recall: String,
        delegation: Bool, material: [FieldID], opinionRequired: [Decision], steps: [RoutedStep]
    ) {
        self.policy = policy
        self.policyVersion = policyVersion
        self.meaning = meaning
        self.selfApproval = selfApproval
        self.recall = recall
        self.delegation = delegation
        self.material = material
        self.opinionRequired = opinionRequired
        self.steps = steps
    }

    /// Whether the submitter may recall the report until the first decision.
    public var allowsRecall: Bool { recall == "until_first_decision" }
}
