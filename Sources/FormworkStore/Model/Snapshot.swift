/// The caller's state as of one record of the journal, so that opening replays only the records after it.
public struct Snapshot: Sendable, Equatable {
    /// The seq of the last record the state includes.
    public var seq: UInt64
    /// The hash of that record: a snapshot names a point of one particular chain.
    public var hash: String
    /// The caller's encoded state, opaque to the store.
    public var state: [UInt8]
    /// The segments (keyed values, newest first) the state is completed by; see `SegmentFile`.
    public var segments: [String]

    public init(seq: UInt64, hash: String, state: [UInt8], segments: [String] = []) {
        self.seq = seq
        self.hash = hash
        self.state = state
        self.segments = segments
    }
}
