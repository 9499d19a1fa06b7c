import FormworkStore

/// An in-memory store behind a class whose methods the tests' stores override: what they change is all they say.
class ForwardingStore: EventStore, @unchecked Sendable {
    let base: InMemoryEventStore
    init(_ base: InMemoryEventStore) { self.base = base }
    func commit(_ batch: PreparedBatch) throws(StoreError) -> [StoredRecord] { try base.commit(batch) }
    func append(
        _ drafts: [RecordDraft], commandID: String, expecting: StoreHead?
    ) throws(StoreError) -> [StoredRecord] {
        try base.append(drafts, commandID: commandID, expecting: expecting)
    }
    func committedBatch(_ commandID: String) throws(StoreError) -> [StoredRecord]? {
        try base.committedBatch(commandID)
    }
    func records(after seq: UInt64) throws(StoreError) -> [StoredRecord] { try base.records(after: seq) }
    func head() throws(StoreError) -> StoreHead { try base.head() }
    func latestSnapshot() throws(StoreError) -> Snapshot? { try base.latestSnapshot() }
    func writeSnapshot(_ snapshot: Snapshot, segments: [SegmentFile]) throws(StoreError) {
        try base.writeSnapshot(snapshot, segments: segments)
    }
    func writeSnapshot(_ snapshot: Snapshot, merging merge: SegmentMerge) throws(StoreError) -> Snapshot {
        try base.writeSnapshot(snapshot, merging: merge)
    }
    func compact() throws(StoreError) -> Compaction { try base.compact() }
    func segment(named name: String) throws(StoreError) -> Segment { try base.segment(named: name) }
    func verify() throws(StoreError) -> VerifyReport { try base.verify() }
}
