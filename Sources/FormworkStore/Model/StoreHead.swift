/// The last record of the journal: its seq and hash (0 and 64 zeros when the journal is empty).
public struct StoreHead: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var seq: UInt64
    public var hash: String

    public init(seq: UInt64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// The head of an empty journal.
    public static let empty = StoreHead(seq: 0, hash: Checksum.zeroHex)

    public var description: String { "seq \(seq) (\(hash.prefix(12)))" }
}
