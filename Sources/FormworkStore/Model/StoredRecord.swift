/// A record as the journal holds it: the caller's draft plus its place in the chain.
public struct StoredRecord: Sendable, Equatable {
    /// 1, 2, 3, … with no gaps.
    public var seq: UInt64
    /// The idempotency id of the batch the record came in.
    public var commandID: String
    /// The record's position within its batch, from 0.
    public var index: Int
    /// What happened.
    public var kind: String
    /// Who did it.
    public var actor: String
    /// When, as the caller wrote it.
    public var time: String
    /// The caller's JSON object, byte for byte.
    public var body: [UInt8]
    /// The lowercase hex SHA-256 of the previous record's bytes (64 zeros for seq 1).
    public var prev: String
    /// The lowercase hex SHA-256 of this record's bytes: the part of its journal line before the tab.
    public var hash: String

    public init(
        seq: UInt64, commandID: String, index: Int, kind: String, actor: String, time: String, body: [UInt8],
        prev: String, hash: String
    ) {
        self.seq = seq
        self.commandID = commandID
        self.index = index
        self.kind = kind
        self.actor = actor
        self.time = time
        self.body = body
        self.prev = prev
        self.hash = hash
    }
}
