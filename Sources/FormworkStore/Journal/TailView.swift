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
    var lines: TailLines
    var head: Head

    var publicHead: StoreHead { StoreHead(seq: head.seq, hash: String(decoding: head.hash, as: UTF8.self)) }
}

/// The lines of a tail view, with the batches' first lines by command id.
///
/// Every append extends the view the store holds, and copying a thousand lines (each with a hash and a command
/// id to retain) for each batch was a tenth of a durable submit's processor time. So the lines live in storage
/// shared by the views that extend one another, each seeing its first `count`: appending adds to the storage in
/// place unless a longer view was made from it already (then this one is copied first), so a view's lines never
/// change under it. Used only by the store, under its lock.
struct TailLines: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    // Unchecked: only ever reached through the store's state, under its mutex.
    private final class Storage: @unchecked Sendable {
        var lines: [TailView.Line]
        /// Each batch's first line (`index == 0`) by command id: the first such line when there are several.
        var batchStarts: [String: Int]

        init(_ lines: [TailView.Line]) {
            self.lines = []
            batchStarts = [:]
            append(contentsOf: lines)
        }

        func append(contentsOf new: some Sequence<TailView.Line>) {
            for line in new {
                if line.index == 0, batchStarts[line.commandID] == nil { batchStarts[line.commandID] = lines.count }
                lines.append(line)
            }
        }
    }

    private var storage: Storage
    private(set) var endIndex: Int

    init(_ lines: [TailView.Line]) {
        storage = Storage(lines)
        endIndex = lines.count
    }

    init(arrayLiteral lines: TailView.Line...) { self.init(lines) }

    var startIndex: Int { 0 }
    subscript(position: Int) -> TailView.Line {
        precondition(position >= 0 && position < endIndex, "a line beyond the view")
        return storage.lines[position]
    }

    /// The first line of the batch committed under `commandID`, if it is among these lines.
    func batchStart(of commandID: String) -> TailView.Line? {
        guard let position = storage.batchStarts[commandID], position < endIndex else { return nil }
        return storage.lines[position]
    }

    static func += (lines: inout TailLines, new: some Sequence<TailView.Line>) {
        if lines.storage.lines.count != lines.endIndex {
            lines.storage = Storage(Array(lines.storage.lines[..<lines.endIndex]))
        }
        lines.storage.append(contentsOf: new)
        lines.endIndex = lines.storage.lines.count
    }
}
