public import FormworkDefinitions
public import FormworkLanguage

/// An electronic signature under a decision: who signed, when, what it means, and the exact
/// revision signed (its hash), after 21 CFR Part 11 §11.50.
public struct Signature: Sendable, Hashable, Codable {
    /// The person who signed.
    public var signer: PersonID
    /// The signer's name as the org gave it at the time.
    public var name: String
    /// The absent approver the signer acted for under a delegation, if any.
    public var actingFor: PersonID?
    /// What the signature means: the step's or the policy's `meaning`, with the decision.
    public var meaning: String
    /// The revision signed and its hash.
    public var revision: Int
    public var revisionHash: String
    public var at: Timestamp

    public init(
        signer: PersonID, name: String, actingFor: PersonID?, meaning: String, revision: Int, revisionHash: String,
        at: Timestamp
    ) {
        self.signer = signer
        self.name = name
        self.actingFor = actingFor
        self.meaning = meaning
        self.revision = revision
        self.revisionHash = revisionHash
        self.at = at
    }

    /// The person whose approval this counts as: the one acted for, else the signer.
    public var principal: PersonID { actingFor ?? signer }
}
