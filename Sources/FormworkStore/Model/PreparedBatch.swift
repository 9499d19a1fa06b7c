/// A batch checked and encoded to follow one head: everything `append` does before it takes the lock.
///
/// A writer that commits batch after batch prepares the next one while the store syncs the previous one
/// (see `CommitQueue`): the next batch chains onto the head the previous one will leave. `commit` writes it
/// only while the journal's head is still `after`, so a batch prepared after one that failed, or after which
/// another writer came first, is refused with `.conflict` and never stored out of order.
///
/// Both stores encode records the same way, so a batch prepared once can be committed to either.
public struct PreparedBatch: Sendable, Equatable {
    /// The batch's idempotency id.
    public let commandID: String
    /// The head the batch chains onto.
    public let after: StoreHead
    /// The records as they will be stored: seq, `prev` and hash given.
    public let records: [StoredRecord]
    /// The journal lines of the records, one after the other.
    let lines: [UInt8]
    /// Where each record's line ends within `lines`.
    let lineEnds: [Int]

    /// Checks `drafts` as `append` does (`.invalidRecord`, `.invalidBody`) and encodes them after `head`.
    public init(_ drafts: [RecordDraft], commandID: String, after head: StoreHead) throws(StoreError) {
        try DraftCheck.check(drafts, commandID: commandID)
        let hash = Array(head.hash.utf8)
        guard Checksum.isHex(hash) else {
            throw StoreError(.invalidRecord, "a batch cannot follow \(head): its hash is not 64 lowercase hex digits")
        }
        self.init(checked: drafts, commandID: commandID, after: head, prev: hash)
    }

    /// Encodes drafts that `DraftCheck` accepted after a head read from the journal.
    init(checked drafts: [RecordDraft], commandID: String, after head: StoreHead, prev: [UInt8]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var records: [StoredRecord] = []
        ends.reserveCapacity(drafts.count)
        records.reserveCapacity(drafts.count)
        var prev = prev
        var seq = head.seq
        for (index, draft) in drafts.enumerated() {
            seq += 1
            let (line, hash) = RecordLine.encode(
                seq: seq, commandID: commandID, index: index, count: drafts.count, draft: draft, prev: prev)
            records.append(
                StoredRecord(
                    seq: seq, commandID: commandID, index: index, kind: draft.kind, actor: draft.actor,
                    time: draft.time, body: draft.body, prev: String(decoding: prev, as: UTF8.self),
                    hash: String(decoding: hash, as: UTF8.self)))
            if bytes.isEmpty { bytes = line } else { bytes += line }
            ends.append(bytes.count)
            prev = hash
        }
        self.commandID = commandID
        self.after = head
        self.records = records
        self.lines = bytes
        self.lineEnds = ends
    }

    /// The head once the batch is stored.
    public var head: StoreHead {
        records.last.map { StoreHead(seq: $0.seq, hash: $0.hash) } ?? after
    }

    /// Whether `stored`, what a commit returned, is this batch rather than an earlier one committed under the
    /// same command id.
    public func isStored(as stored: [StoredRecord]) -> Bool {
        stored.last?.seq == records.last?.seq && stored.last?.hash == records.last?.hash
    }
}
