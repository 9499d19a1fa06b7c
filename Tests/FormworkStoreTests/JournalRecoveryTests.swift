import FormworkStore
import Foundation
import Testing

@Suite("JournalStore reopening and tail repair")
struct JournalRecoveryTests {
    @Test("reopening keeps records, head, snapshot and idempotency")
    func reopen() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, warnings) = try JournalStore.open(at: path, create: true, options: smallIndex())
        #expect(warnings.isEmpty)
        try appendBatches(store, count: 50)
        let head = try store.head()
        let snapshot = Snapshot(seq: head.seq, hash: head.hash, state: Array(#"{"s":1}"#.utf8))
        try store.writeSnapshot(snapshot)
        let records = try store.records(after: 0)
        store.close()

        let (reopened, again) = try JournalStore.open(at: path, create: false, options: smallIndex())
        #expect(again.isEmpty)
        #expect(try reopened.records(after: 0) == records)
        #expect(try reopened.head() == head)
        #expect(try reopened.latestSnapshot() == snapshot)
        for number in [0, 17, 49] {
            let batch = try reopened.append([draft(1)], commandID: "c-\(number)")
            #expect(batch == records.filter { $0.commandID == "c-\(number)" })
        }
        #expect(try reopened.head() == head)
        #expect(try reopened.verify().isValid)
        // The default options open the same store (the index's checkpoint size is not part of the format).
        let (other, _) = try JournalStore.open(at: path, create: false)
        #expect(try other.records(after: head.seq - 3) == Array(records.suffix(3)))
    }

    @Test("a half-written last line is cut off with a warning and copied aside")
    func tornLastLine() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        try appendBatches(store, count: 5)
        let records = try store.records(after: 0)
        store.close()
        let torn = Array(#"{"v":1,"seq":12,"cmd":"c-9","i":0,"n":1,"time":"2025"#.utf8)
        try writeFile(path + "/journal.jsonl", try fileBytes(path + "/journal.jsonl") + torn)

        let (reopened, warnings) = try JournalStore.open(at: path, create: false)
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.code == .tornTailRepaired)
        #expect(warning.file == "journal.torn-\(records.count + 1)")
        #expect(warning.message.contains("journal.jsonl:\(records.count + 1)"))
        #expect(try fileBytes(path + "/journal.torn-\(records.count + 1)") == torn)
        #expect(try reopened.records(after: 0) == records)
        let next = try reopened.append([draft(1)], commandID: "after-repair")
        #expect(next[0].seq == UInt64(records.count + 1))
        #expect(next[0].prev == records.last?.hash)
        #expect(try reopened.verify().isValid)
    }

    @Test("a last line with a bad checksum removes its whole unacknowledged batch")
    func tornLastBatch() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        try appendBatches(store, count: 3)
        let kept = try store.records(after: 0)
        _ = try store.append([draft(1), draft(2), draft(3)], commandID: "three")
        store.close()
        var lines = try journalLines(path)
        let original = lines
        let last = lines.count - 1
        lines[last][lines[last].count - 70] ^= 0x01
        try writeJournal(path, lines)

        let (reopened, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.tornTailRepaired])
        #expect(try reopened.records(after: 0) == kept)
        let aside = try fileBytes(path + "/journal.torn-\(kept.count + 1)")
        #expect(aside == lines.suffix(3).flatMap { $0 + [0x0a] })
        #expect(aside != original.suffix(3).flatMap { $0 + [0x0a] })
        #expect(try reopened.verify().isValid)
    }

    @Test("a batch missing its last records is removed whole")
    func incompleteBatch() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        try appendBatches(store, count: 4)
        let kept = try store.records(after: 0)
        _ = try store.append([draft(1), draft(2), draft(3)], commandID: "three")
        store.close()
        try writeJournal(path, Array(try journalLines(path).dropLast()))

        let (reopened, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.tornTailRepaired])
        #expect(warnings.first?.message.contains("has only 2 of its 3 records") == true)
        #expect(try reopened.records(after: 0) == kept)
        // The command id is free again: the batch was never acknowledged.
        #expect(try reopened.append([draft(5)], commandID: "three")[0].seq == UInt64(kept.count + 1))
    }

    /// A snapshot is only taken of acknowledged records: a journal that breaks off inside a batch a snapshot
    /// covers lost acknowledged records, and the store refuses to open (and writes nothing) instead of cutting
    /// the batch off as an unfinished write. An older snapshot is no such evidence.
    @Test(
        "a journal cut inside a batch that a snapshot covers is refused, not repaired",
        arguments: [("snapshot covers the batch", true), ("snapshot older than the batch", false)])
    func cutUnderASnapshot(_ name: String, covered: Bool) throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        try appendBatches(store, count: 4)
        var head = try store.head()
        if covered {
            _ = try store.append([draft(1), draft(2), draft(3)], commandID: "three")
            head = try store.head()
        }
        try store.writeSnapshot(Snapshot(seq: head.seq, hash: head.hash, state: Array(#"{"s":1}"#.utf8)))
        if !covered { _ = try store.append([draft(1), draft(2), draft(3)], commandID: "three") }
        store.close()
        try writeJournal(path, Array(try journalLines(path).dropLast()))
        let cut = try fileBytes(path + "/journal.jsonl")

        guard covered else {
            let (reopened, warnings) = try JournalStore.open(at: path, create: false)
            #expect(warnings.map(\.code) == [.tornTailRepaired])
            #expect(try reopened.head() == head)
            return
        }
        let error = #expect(throws: StoreError.self) { try JournalStore.open(at: path, create: false) }
        #expect(error?.code == .corrupt)
        #expect(error?.seq == 8)
        #expect(
            error?.message.contains("the journal breaks off at seq 8 (") == true
                && error?.message.contains("but snapshot.dat was taken at seq 10") == true,
            "\(String(describing: error))")
        #expect(try fileBytes(path + "/journal.jsonl") == cut)
        #expect(!FileManager.default.fileExists(atPath: path + "/journal.torn-8"))
        #expect(try JournalStore.verify(at: path).isValid == false)
    }

    @Test("a second torn tail at the same seq gets its own file")
    func tornTwice() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        try appendBatches(store, count: 2)
        store.close()
        let journal = path + "/journal.jsonl"
        let good = try fileBytes(journal)
        for attempt in 1...2 {
            try writeFile(journal, good + Array("partial \(attempt)".utf8))
            let (reopened, warnings) = try JournalStore.open(at: path, create: false)
            reopened.close()
            #expect(warnings.count == 1)
        }
        let seq = try journalLines(path).count + 1
        #expect(try fileBytes(path + "/journal.torn-\(seq)") == Array("partial 1".utf8))
        #expect(try fileBytes(path + "/journal.torn-\(seq).2") == Array("partial 2".utf8))
    }

    @Test("an append repairs a tail torn by a writer that died after this store was opened")
    func repairOnAppend() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        try appendBatches(store, count: 2)
        let journal = path + "/journal.jsonl"
        try writeFile(journal, try fileBytes(journal) + Array(#"{"v":1,"seq""#.utf8))
        let record = try store.append([draft(7)], commandID: "next")
        #expect(record[0].seq == 4)
        #expect(store.takeWarnings().map(\.code) == [.tornTailRepaired])
        #expect(try store.verify().isValid)
    }

    @Test("corruption before the last line refuses to open, naming the record")
    func corruptionBeforeTail() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        try appendBatches(store, count: 6)
        store.close()
        var lines = try journalLines(path)
        lines[4][30] ^= 0x01
        try writeJournal(path, lines)
        let error = #expect(throws: StoreError.self) { try JournalStore.open(at: path, create: false) }
        #expect(error?.code == .corrupt)
        #expect(error?.seq == 5)
        #expect(error?.line == 5)
        #expect(error?.description.hasPrefix("journal.jsonl:5: seq 5: checksum mismatch") == true)
    }
}
