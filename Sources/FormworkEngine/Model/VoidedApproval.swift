public import FormworkDefinitions

/// An approval voided because a material field changed on resubmission.
public struct VoidedApproval: Sendable, Hashable, Codable {
    public var step: StepID
    public var signer: PersonID
    public var actingFor: PersonID?
    /// The revision that approval had signed.
    public var revision: Int

    public init(step: StepID, signer: PersonID, actingFor: PersonID?, revision: Int) {
        self.step = step
        self.signer = signer
        self.actingFor = actingFor
        self.revision = revision
    }
}
