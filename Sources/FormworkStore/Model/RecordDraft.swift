/// A record as the caller hands it to the store, before the store gives it a place in the chain.
public struct RecordDraft: Sendable, Equatable {
    /// What happened, e.g. `"report-submitted"`.
    public var kind: String
    /// Who did it: a person id, or `"system"`.
    public var actor: String
    /// When, as RFC 3339 text chosen by the caller: the store never reads the clock.
    public var time: String
    /// One JSON object, already encoded, compact (no line breaks or tabs): stored and returned byte for byte.
    public var body: [UInt8]

    public init(kind: String, actor: String, time: String, body: [UInt8]) {
        self.kind = kind
        self.actor = actor
        self.time = time
        self.body = body
    }
}
