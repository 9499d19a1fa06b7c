public import FormworkDefinitions

/// A decision taken on a report, as kept in the state.
public struct DecisionEntry: Sendable, Hashable, Codable {
    public var step: StepID
    public var decision: Decision
    public var opinion: String?
    public var signature: Signature
    /// True when a material change on resubmission voided this approval.
    public var voided: Bool

    public init(step: StepID, decision: Decision, opinion: String?, signature: Signature, voided: Bool = false) {
        self.step = step
        self.decision = decision
        self.opinion = opinion
        self.signature = signature
        self.voided = voided
    }

    /// Whether this is an approval that still counts.
    public var isStandingApproval: Bool { decision == .approve && !voided }
}
