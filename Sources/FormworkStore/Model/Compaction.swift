/// What `compact()` did: the segments the latest snapshot named, merged into one.
public struct Compaction: Sendable, Equatable {
    /// The segments merged (newest first), and their size in bytes together.
    public var merged: [String]
    public var mergedBytes: Int
    /// The segment they were merged into (nil when there was nothing to merge: no snapshot, or one segment), its
    /// size in bytes and its number of keyed values.
    public var segment: String?
    public var bytes: Int
    public var values: Int

    public init(merged: [String] = [], mergedBytes: Int = 0, segment: String? = nil, bytes: Int = 0, values: Int = 0) {
        self.merged = merged
        self.mergedBytes = mergedBytes
        self.segment = segment
        self.bytes = bytes
        self.values = values
    }
}
