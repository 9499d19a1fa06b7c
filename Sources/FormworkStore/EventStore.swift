/// An append-only, hash-chained journal of opaque JSON records, with idempotent batches and snapshots.
///
/// The API is synchronous: every call returns when its work is done, and `append` only once the batch is
/// durable. `JournalStore` keeps the journal in a directory; `InMemoryEventStore` is its twin for tests and
/// benchmarks. Both pass the same conformance suite.
public protocol EventStore: Sendable {
    /// Appends a batch atomically (all records or none) under one sync, after giving each record its seq
    /// and `prev`.
    ///
    /// Idempotent: when a batch with `commandID` was already committed, returns the stored records and
    /// writes nothing (the drafts are not compared). Returns only after the batch is durable.
    func append(_ drafts: [RecordDraft], commandID: String) throws(StoreError) -> [StoredRecord]
    /// `append`, but only while the journal's head is still `expected`: a writer that computed the
    /// batch from the state at `expected` learns with `.conflict` that another writer came first, and
    /// can catch up and decide again (optimistic concurrency). A batch already committed under
    /// `commandID` is returned as it is, whatever the head.
    func append(
        _ drafts: [RecordDraft], commandID: String, expecting expected: StoreHead?
    ) throws(StoreError)
        -> [StoredRecord]
    /// Appends a batch prepared after `batch.after`, only while that is still the journal's head
    /// (`.conflict` otherwise): `append(drafts, commandID:, expecting: batch.after)` with the encoding done
    /// beforehand, so that it can overlap the sync of the batch before it.
    ///
    /// Idempotent like `append`: when a batch with the same command id was already committed, returns its
    /// records (`batch.isStored(as:)` tells which) and writes nothing. Returns only after the batch is durable.
    func commit(_ batch: PreparedBatch) throws(StoreError) -> [StoredRecord]
    /// Commits `batches` in order, each exactly as `commit` would (its own write and sync, or its conflict, or
    /// the batch committed before under its id), calling `settle` with each outcome as soon as it is known: a
    /// batch is reported durable before the next one is written. A store may take its lock once for all of
    /// them.
    func commit(
        contentsOf batches: [PreparedBatch], settle: (Int, Result<[StoredRecord], StoreError>) -> Void
    )
    /// The records of the batch committed under `commandID`, or nil when there is none.
    func committedBatch(_ commandID: String) throws(StoreError) -> [StoredRecord]?
    /// The records whose seq is greater than `seq`, in order; `records(after: 0)` is the whole journal.
    func records(after seq: UInt64) throws(StoreError) -> [StoredRecord]
    /// At most `limit` of the records whose seq is greater than `seq`, in order: a page, so that a reader of
    /// a long journal (a rebuild) holds one page at a time. Fewer than `limit` means the head was reached.
    func records(after seq: UInt64, limit: Int) throws(StoreError) -> [StoredRecord]
    /// The seq and hash of the last record (0 and 64 zeros when the journal is empty).
    func head() throws(StoreError) -> StoreHead
    /// The most recently written snapshot that is still valid, if any.
    func latestSnapshot() throws(StoreError) -> Snapshot?
    /// Writes `segments`, then replaces the snapshot with `snapshot`, which may name those segments
    /// and segments already written. Afterwards the segments that neither the new snapshot nor the
    /// one before it names are removed. Crash-safe; refused when the snapshot's `{seq, hash}` is not in
    /// the journal, or when the snapshot names a segment that does not exist.
    func writeSnapshot(_ snapshot: Snapshot, segments: [SegmentFile]) throws(StoreError)
    /// Writes the segment `merge` makes, then replaces the snapshot with `snapshot` naming that segment first (its
    /// name follows from its bytes), as `writeSnapshot(_:segments:)` would; returns the snapshot as written. A store
    /// on files writes the segment as it is made, without holding it.
    func writeSnapshot(_ snapshot: Snapshot, merging merge: SegmentMerge) throws(StoreError) -> Snapshot
    /// Merges every segment the latest snapshot names into one, and replaces the snapshot with one that names it
    /// alone (the same seq, hash and state): each lookup then searches one segment, and no command's snapshot has a
    /// large merge left to make. Nothing is done without a snapshot of two segments or more.
    func compact() throws(StoreError) -> Compaction
    /// Opens a segment that a snapshot names.
    func segment(named name: String) throws(StoreError) -> Segment
    /// Checks the whole chain; the report names the first bad record.
    func verify() throws(StoreError) -> VerifyReport
}

extension EventStore {
    /// A page cut from the whole rest of the journal: right, but not bounded in memory; the stores here read
    /// only the page.
    public func records(after seq: UInt64, limit: Int) throws(StoreError) -> [StoredRecord] {
        Array(try records(after: seq).prefix(max(0, limit)))
    }

    /// The records after `seq` (at most `limit` of them), handed to `body` a page of at most `pageSize` at a time,
    /// so that a reader of a long journal holds one page; `body` is not called with an empty page.
    public func forEachPage(
        after seq: UInt64, limit: Int = .max, pageSize: Int, _ body: ([StoredRecord]) throws(StoreError) -> Void
    ) throws(StoreError) {
        var after = seq
        var left = max(0, limit)
        while left > 0 {
            let wanted = min(left, max(1, pageSize))
            let page = try records(after: after, limit: wanted)
            if !page.isEmpty { try body(page) }
            guard page.count == wanted, let last = page.last else { return }
            left -= page.count
            after = last.seq
        }
    }

    /// The segment made in memory, then written with the snapshot.
    public func writeSnapshot(_ snapshot: Snapshot, merging merge: SegmentMerge) throws(StoreError) -> Snapshot {
        let file = try SegmentFile(merge)
        var named = snapshot
        named.segments = [file.name] + snapshot.segments
        try writeSnapshot(named, segments: [file])
        return named
    }

    /// The merge made as a snapshot of its own, over the latest (a store that other processes write must make sure
    /// the snapshot does not change in between: `JournalStore` checks it under its lock).
    public func compact() throws(StoreError) -> Compaction {
        guard let snapshot = try latestSnapshot(), snapshot.segments.count > 1 else { return Compaction() }
        let segments = try snapshot.segments.map { name throws(StoreError) in try segment(named: name) }
        var alone = snapshot
        alone.segments = []
        let written = try writeSnapshot(alone, merging: SegmentMerge([], over: segments))
        let merged = try segment(named: written.segments[0])
        return Compaction(
            merged: snapshot.segments, mergedBytes: segments.reduce(0) { $0 + $1.byteCount }, segment: merged.name,
            bytes: merged.byteCount, values: merged.count)
    }

    /// Replaces the snapshot, crash-safely; refuses one whose `{seq, hash}` is not in the journal.
    public func writeSnapshot(_ snapshot: Snapshot) throws(StoreError) {
        try writeSnapshot(snapshot, segments: [])
    }

    public func commit(
        contentsOf batches: [PreparedBatch], settle: (Int, Result<[StoredRecord], StoreError>) -> Void
    ) {
        commitOneByOne(batches, from: 0, settle: settle)
    }

    /// `commit(contentsOf:settle:)` of the batches from `first` on, one `commit` after the other.
    func commitOneByOne(
        _ batches: [PreparedBatch], from first: Int, settle: (Int, Result<[StoredRecord], StoreError>) -> Void
    ) {
        for index in first..<batches.count {
            do throws(StoreError) {
                settle(index, .success(try commit(batches[index])))
            } catch {
                settle(index, .failure(error))
            }
        }
    }

    public func append(_ drafts: [RecordDraft], commandID: String) throws(StoreError) -> [StoredRecord] {
        try append(drafts, commandID: commandID, expecting: nil)
    }
}
