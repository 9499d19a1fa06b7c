/// What a store operation knows about the journal while it holds the lock: the point the command index covers,
/// the complete batches after it, and the head.
struct TailView {
    /// A journal line after the index's covered point.
    struct Line: Equatable {
        var start: Int64
        var end: Int64
        var seq: UInt64
        var hash: [UInt8]
        var commandID: String
        var index: Int
        var count: Int
    }

    /// The last record: its seq, hex hash and byte range (seq 0 and 0..<0 for an empty journal).
    struct Head: Equatable {
        var seq: UInt64
        var hash: [UInt8]
        var start: Int64
        var end: Int64
    }

    var header: IndexHeader
    /// False when the index could not be read or rebuilt (a read-only store): everything is scanned.
    var indexUsable: Bool
    var lines: [Line]
    var head: Head

    var publicHead: StoreHead { StoreHead(seq: head.seq, hash: String(decoding: head.hash, as: UTF8.self)) }
}
