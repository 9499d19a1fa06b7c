import Synchronization

/// The in-memory twin of `JournalStore`: the same rules, the same hashes, no files.
///
/// Records are encoded exactly as the journal writes them, so a record's `hash` is the same in both stores.
/// For engine property tests and benchmarks; nothing survives the process.
public final class InMemoryEventStore: EventStore {
    private struct State {
        var records: [StoredRecord] = []
        /// Command id → where the batch is in `records`.
        var batches: [String: Range<Int>] = [:]
        var snapshot: Snapshot?
        var segments: [String: [UInt8]] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func append(
        _ drafts: [RecordDraft], commandID: String, expecting expected: StoreHead?
    ) throws(StoreError)
        -> [StoredRecord]
    {
        try DraftCheck.check(drafts, commandID: commandID)
        return try appendLocked(commandID: commandID, expecting: expected) { head in
            PreparedBatch(checked: drafts, commandID: commandID, after: head, prev: Array(head.hash.utf8))
        }
    }

    public func commit(_ batch: PreparedBatch) throws(StoreError) -> [StoredRecord] {
        try appendLocked(commandID: batch.commandID, expecting: batch.after) { _ in batch }
    }

    /// The batch already committed under `commandID`, or a `.conflict` when the head is not `expected`, or else
    /// the batch `prepare` gives after the current head, stored.
    private func appendLocked(
        commandID: String, expecting expected: StoreHead?, _ prepare: (StoreHead) -> PreparedBatch
    ) throws(StoreError) -> [StoredRecord] {
        try state.withLock { state throws(StoreError) in
            if let batch = state.batches[commandID] { return Array(state.records[batch]) }
            let current = head(of: state, at: UInt64(state.records.count))
            if let expected, expected != current {
                throw StoreError(.conflict, "another writer appended since seq \(expected.seq)")
            }
            let added = prepare(current).records
            state.batches[commandID] = state.records.count..<(state.records.count + added.count)
            state.records += added
            return added
        }
    }

    public func committedBatch(_ commandID: String) throws(StoreError) -> [StoredRecord]? {
        state.withLock { state in state.batches[commandID].map { Array(state.records[$0]) } }
    }

    public func records(after seq: UInt64) throws(StoreError) -> [StoredRecord] {
        try records(after: seq, limit: Int.max)
    }

    public func records(after seq: UInt64, limit: Int) throws(StoreError) -> [StoredRecord] {
        state.withLock { state in
            guard seq < UInt64(state.records.count) else { return [] }
            let start = Int(seq)
            return Array(state.records[start..<(start + min(max(0, limit), state.records.count - start))])
        }
    }

    public func head() throws(StoreError) -> StoreHead {
        state.withLock { state in
            state.records.last.map { StoreHead(seq: $0.seq, hash: $0.hash) } ?? .empty
        }
    }

    public func latestSnapshot() throws(StoreError) -> Snapshot? {
        state.withLock { $0.snapshot }
    }

    public func writeSnapshot(_ snapshot: Snapshot, segments: [SegmentFile]) throws(StoreError) {
        guard snapshot.state.count <= StoreLimits.maxSnapshotBytes else {
            throw StoreError(
                .invalidSnapshot, "the snapshot state is larger than \(StoreLimits.maxSnapshotBytes) bytes")
        }
        try state.withLock { state throws(StoreError) in
            let known: String?
            if snapshot.seq == 0 {
                known = Checksum.zeroHex
            } else if snapshot.seq <= UInt64(state.records.count) {
                known = state.records[Int(snapshot.seq) - 1].hash
            } else {
                known = nil
            }
            guard known == snapshot.hash else {
                throw StoreError(
                    .invalidSnapshot,
                    "the snapshot names seq \(snapshot.seq) with hash \(snapshot.hash), which is not in the journal")
            }
            for segment in segments { state.segments[segment.name] = segment.bytes }
            for name in snapshot.segments where state.segments[name] == nil {
                throw StoreError(.invalidSnapshot, "the snapshot names segment \(name), which does not exist")
            }
            let keep = Set(snapshot.segments + (state.snapshot?.segments ?? []))
            state.segments = state.segments.filter { keep.contains($0.key) }
            state.snapshot = snapshot
        }
    }

    public func segment(named name: String) throws(StoreError) -> Segment {
        guard let bytes = state.withLock({ $0.segments[name] }) else {
            throw StoreError(.invalidSnapshot, "there is no segment \(name)")
        }
        return try Segment(name: name, bytes: MemorySegmentBytes(data: bytes), size: UInt64(bytes.count))
    }

    public func verify() throws(StoreError) -> VerifyReport {
        state.withLock { state in
            var prev = Checksum.zeroHexBytes
            var good: UInt64 = 0
            for record in state.records {
                let draft = RecordDraft(kind: record.kind, actor: record.actor, time: record.time, body: record.body)
                let expectedCount = state.batches[record.commandID]?.count ?? 0
                let encoded = RecordLine.encode(
                    seq: record.seq, commandID: record.commandID, index: record.index, count: expectedCount,
                    draft: draft, prev: prev)
                guard record.seq == good + 1, Array(record.prev.utf8) == prev, Array(record.hash.utf8) == encoded.hash
                else {
                    let problem = VerifyProblem(
                        file: "memory", seq: good + 1, line: Int(good + 1), message: "the record does not chain")
                    return VerifyReport(recordCount: good, head: head(of: state, at: good), problem: problem)
                }
                prev = encoded.hash
                good += 1
            }
            return VerifyReport(recordCount: good, head: head(of: state, at: good), problem: nil)
        }
    }

    private func head(of state: State, at count: UInt64) -> StoreHead {
        count == 0 ? .empty : StoreHead(seq: count, hash: state.records[Int(count) - 1].hash)
    }
}
