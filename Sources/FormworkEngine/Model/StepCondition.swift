public import FormworkDefinitions

/// A step's `when` re-evaluated against a new revision: whether it now applies.
public struct StepCondition: Sendable, Hashable, Codable {
    public var step: StepID
    public var skipped: Bool
    public var reason: String?

    public init(step: StepID, skipped: Bool, reason: String?) {
        self.step = step
        self.skipped = skipped
        self.reason = reason
    }
}
