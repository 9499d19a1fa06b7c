import FormworkStore
import Testing

/// One suite, every `EventStore`: the in-memory twin, the journal on disk and the journal on the in-memory file
/// system.
@Suite("EventStore conformance")
struct EventStoreConformanceTests {
    @Test("appended records read back byte for byte", arguments: StoreKind.all)
    func appendAndReadBack(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let drafts = [
            RecordDraft(
                kind: "report-submitted", actor: "p-1", time: "2025-03-01T10:00:00Z", body: Array(#"{"a":1}"#.utf8)),
            RecordDraft(
                kind: "kind \"quoted\" \\ back\nslash", actor: "ünïcødé 🧾", time: "2025-03-01T10:00:01+01:00",
                body: Array(#"  {"b" : [1, 2.5e3, "x\u00e9\n", null, true, {}]} "#.utf8)),
        ]
        let stored = try store.append(drafts, commandID: "cmd-1")
        #expect(stored.count == 2)
        #expect(stored.map(\.seq) == [1, 2])
        #expect(stored.map(\.index) == [0, 1])
        #expect(stored.allSatisfy { $0.commandID == "cmd-1" })
        let read = try store.records(after: 0)
        #expect(read == stored)
        for (record, original) in zip(read, drafts) {
            #expect(record.body == original.body)
            #expect(record.kind == original.kind)
            #expect(record.actor == original.actor)
            #expect(record.time == original.time)
        }
    }

    @Test("seq is gap-free and each prev is the previous hash", arguments: StoreKind.all)
    func chain(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        try appendBatches(store, count: 30)
        let records = try store.records(after: 0)
        #expect(records.map(\.seq) == Array(1...UInt64(records.count)))
        #expect(records.first?.prev == String(repeating: "0", count: 64))
        for (previous, next) in zip(records, records.dropFirst()) {
            #expect(next.prev == previous.hash)
        }
        #expect(Set(records.map(\.hash)).count == records.count)
    }

    @Test("records(after:) returns the suffix", arguments: StoreKind.all)
    func recordsAfter(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        try appendBatches(store, count: 25)
        let all = try store.records(after: 0)
        for seq in 0...UInt64(all.count + 2) {
            #expect(try store.records(after: seq) == Array(all.dropFirst(Int(min(seq, UInt64(all.count))))))
        }
    }

    @Test("records(after:limit:) returns pages of the suffix that join into it, from any seq", arguments: StoreKind.all)
    func recordPages(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        try appendBatches(store, count: 25)
        let all = try store.records(after: 0)
        for seq in 0...UInt64(all.count + 1) {
            let suffix = Array(all.dropFirst(Int(min(seq, UInt64(all.count)))))
            #expect(try store.records(after: seq, limit: 0).isEmpty)
            #expect(try store.records(after: seq, limit: all.count + 5) == suffix)
            for limit in [1, 2, 3, 7] {
                // Page after page, each starting after the last record of the one before (often inside a batch).
                var joined: [StoredRecord] = []
                var after = seq
                while true {
                    let page = try store.records(after: after, limit: limit)
                    #expect(page.count <= limit)
                    joined += page
                    guard page.count == limit, let last = page.last else { break }
                    after = last.seq
                }
                #expect(joined == suffix)
            }
        }
    }

    @Test("a command id appended twice is stored once", arguments: StoreKind.all)
    func idempotentBatch(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        try appendBatches(store, count: 20)
        let first = try store.append([draft(1), draft(2)], commandID: "retry-me")
        try appendBatches(store, from: 100, count: 20)
        let before = try store.head()
        let again = try store.append([draft(3)], commandID: "retry-me")
        #expect(again == first)
        #expect(try store.head() == before)
        // Old batches, long covered by the index, are found too.
        let old = try store.append([draft(9)], commandID: "c-0")
        #expect(old.count == 1 && old[0].seq == 1)
        #expect(try store.head() == before)
    }

    @Test("a batch is all or nothing", arguments: StoreKind.all)
    func atomicBatch(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        try appendBatches(store, count: 3)
        let before = try store.records(after: 0)
        let bad = RecordDraft(kind: "k", actor: "a", time: "t", body: Array(#"{"unterminated": "#.utf8))
        let error = #expect(throws: StoreError.self) {
            try store.append([draft(1), draft(2), bad, draft(4)], commandID: "all-or-none")
        }
        #expect(error?.code == .invalidBody)
        #expect(try store.records(after: 0) == before)
        // The command id was not used up.
        #expect(try store.append([draft(1)], commandID: "all-or-none").count == 1)
    }

    @Test("head is the last record", arguments: StoreKind.all)
    func head(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        #expect(try store.head() == StoreHead(seq: 0, hash: String(repeating: "0", count: 64)))
        let batches = try appendBatches(store, count: 5)
        let last = try #require(batches.last?.last)
        #expect(try store.head() == StoreHead(seq: last.seq, hash: last.hash))
    }

    @Test("the latest snapshot wins", arguments: StoreKind.all)
    func snapshots(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        #expect(try store.latestSnapshot() == nil)
        let batches = try appendBatches(store, count: 12)
        let early = try #require(batches[2].last)
        let late = try #require(batches[10].last)
        let first = Snapshot(seq: early.seq, hash: early.hash, state: Array(#"{"state":1}"#.utf8))
        try store.writeSnapshot(first)
        #expect(try store.latestSnapshot() == first)
        let second = Snapshot(seq: late.seq, hash: late.hash, state: [0, 1, 2, 255])
        try store.writeSnapshot(second)
        #expect(try store.latestSnapshot() == second)
        let empty = Snapshot(seq: 0, hash: String(repeating: "0", count: 64), state: [])
        try store.writeSnapshot(empty)
        #expect(try store.latestSnapshot() == empty)
    }

    @Test(
        "a snapshot not in the journal is refused",
        arguments: StoreKind.all, [(UInt64(3), false), (UInt64(0), false), (UInt64(999), true)])
    func snapshotRefused(kind: StoreKind, target: (seq: UInt64, rightHash: Bool)) throws {
        let fixture = try kind.make()
        let store = fixture.store
        try appendBatches(store, count: 4)
        let record = try store.records(after: 0)[Int(min(max(target.seq, 1), 3)) - 1]
        let hash = target.rightHash ? record.hash : String(repeating: "a", count: 64)
        let error = #expect(throws: StoreError.self) {
            try store.writeSnapshot(Snapshot(seq: target.seq, hash: hash, state: [1]))
        }
        #expect(error?.code == .invalidSnapshot)
        #expect(try store.latestSnapshot() == nil)
    }

    @Test("a good store verifies", arguments: StoreKind.all)
    func verifyGood(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let empty = try store.verify()
        #expect(empty.isValid && empty.recordCount == 0)
        try appendBatches(store, count: 40)
        let head = try store.head()
        try store.writeSnapshot(Snapshot(seq: head.seq, hash: head.hash, state: [1, 2, 3]))
        let report = try store.verify()
        #expect(report.isValid, "\(String(describing: report.problem))")
        #expect(report.recordCount == head.seq)
        #expect(report.head == head)
    }

    @Test(
        "bad drafts are refused before anything is written",
        arguments: StoreKind.all,
        [
            ([RecordDraft](), "c", StoreError.Code.invalidRecord),
            ([draft(1)], "", .invalidRecord),
            ([draft(1)], String(repeating: "c", count: 300), .invalidRecord),
            ([RecordDraft(kind: "", actor: "a", time: "t", body: Array("{}".utf8))], "c", .invalidRecord),
            ([RecordDraft(kind: "k", actor: "a", time: "t", body: Array("[1]".utf8))], "c", .invalidBody),
            ([RecordDraft(kind: "k", actor: "a", time: "t", body: Array("{\"a\":\n1}".utf8))], "c", .invalidBody),
            ([RecordDraft(kind: "k", actor: "a", time: "t", body: Array("{\"a\":1} x".utf8))], "c", .invalidBody),
            (
                [RecordDraft(kind: "k", actor: "a", time: "t", body: [0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])], "c",
                .invalidBody
            ),
            ([RecordDraft(kind: "k", actor: "a", time: "t", body: Array("\u{FEFF}{}".utf8))], "c", .invalidBody),
            (
                [
                    RecordDraft(
                        kind: "k", actor: "a", time: "t", body: Array((String(repeating: "[", count: 300) + "{}").utf8))
                ], "c",
                .invalidBody
            ),
        ])
    func badDrafts(kind: StoreKind, input: ([RecordDraft], String, StoreError.Code)) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let error = #expect(throws: StoreError.self) { try store.append(input.0, commandID: input.1) }
        #expect(error?.code == input.2)
        #expect(try store.head().seq == 0)
    }

    @Test("both stores give the same hashes for the same input")
    func sameHashes() throws {
        let stores = try StoreKind.all.map { try $0.make() }
        for fixture in stores { try appendBatches(fixture.store, count: 10) }
        let records = try stores.map { try $0.store.records(after: 0) }
        #expect(records[0] == records[1])
        #expect(records[1] == records[2])
    }
}
