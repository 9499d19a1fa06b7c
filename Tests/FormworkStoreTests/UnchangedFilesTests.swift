import FormworkStore
import Foundation
import Testing

/// The shortcut of an append or read on a store whose journal and index nobody changed since this store object
/// last looked (their stamps are the same): nothing is read again. Every change by another writer, a repair, a
/// rebuilt index or a same-length rewrite must still make the store look again.
@Suite("JournalStore skips re-reading only files nobody changed")
struct UnchangedFilesTests {
    /// Two store objects on one in-memory directory, with a small index so that checkpoints happen often.
    private func twoStores(every records: Int = 8) throws -> (InMemoryFileSystem, JournalStore, JournalStore) {
        let fileSystem = InMemoryFileSystem()
        let options = smallIndex(fileSystem: fileSystem, every: records)
        let (first, _) = try JournalStore.open(at: "/store", create: true, options: options)
        let (second, _) = try JournalStore.open(at: "/store", create: false, options: options)
        return (fileSystem, first, second)
    }

    @Test("an append to an unchanged store reads neither the journal nor the index header")
    func unchangedStoreIsNotRead() throws {
        let (fileSystem, store, _) = try twoStores()
        try appendBatches(store, count: 3)
        // Any read of the journal now fails: the next append must not need one.
        fileSystem.inject(.init(.read, pathSuffix: "journal.jsonl", times: 1_000))
        let records = try store.append([draft(1)], commandID: "unchanged")
        #expect(records.first?.seq == 7)
        #expect(try store.head().seq == 7)
    }

    @Test("after another writer appended, the journal is read again")
    func otherWriterMakesTheStoreLook() throws {
        let (fileSystem, store, other) = try twoStores()
        try appendBatches(store, count: 3)
        _ = try other.append([draft(2)], commandID: "other")
        fileSystem.inject(.init(.read, pathSuffix: "journal.jsonl", times: 1))
        let error = #expect(throws: StoreError.self) { try store.append([draft(3)], commandID: "mine") }
        #expect(error?.code == .io)
        // Without the fault, the append follows the other writer's record.
        let records = try store.append([draft(3)], commandID: "mine")
        let theirs = try other.records(after: 6)
        #expect(records.first?.seq == 8)
        #expect(records.first?.prev == theirs.first?.hash)
    }

    @Test("writers taking turns see each other's records, batches and checkpoints", arguments: [1, 8])
    func alternatingWriters(every records: Int) throws {
        let (_, first, second) = try twoStores(every: records)
        var written: [[StoredRecord]] = []
        for number in 0..<60 {
            let store = number % 3 == 0 ? second : first
            written.append(try store.append([draft(number), draft(number + 1)], commandID: "c-\(number)"))
        }
        let all = try first.records(after: 0)
        #expect(all.map(\.seq) == Array(1...120))
        #expect(try second.records(after: 0) == all)
        let head = try second.head()
        #expect(try first.head() == head)
        // Each store finds the other's batches (in its tail or through the index) and writes nothing again.
        for number in [0, 1, 2, 30, 58, 59] {
            #expect(try first.append([draft(9)], commandID: "c-\(number)") == written[number])
            #expect(try second.append([draft(9)], commandID: "c-\(number)") == written[number])
        }
        #expect(try first.head().seq == 120)
        #expect(try first.verify().isValid)
    }

    @Test("a rewrite of the last line made outside the store, keeping the length, is found by verify and the next open")
    func sameLengthRewrite() throws {
        let (fileSystem, store, _) = try twoStores()
        try appendBatches(store, count: 3)
        var bytes = try #require(fileSystem.contents(of: "/store/journal.jsonl"))
        // One byte of the last record's body: the length stays, its checksum no longer matches. No store wrote it,
        // so nothing announced it: an open store's view does not see it (docs/store-format.md, "Writing").
        let lastLine = try #require(recordBytes(bytes).dropLast().lastIndex(of: 0x0a))
        let body = try #require(bytes[lastLine...].firstIndex(of: UInt8(ascii: "n")))
        bytes[body] = UInt8(ascii: "m")
        fileSystem.setContents(of: "/store/journal.jsonl", to: bytes)
        let report = try store.verify()
        #expect(report.warnings.map(\.code) == [.tornTailFound])
        #expect(report.head.seq == 3)
        // The next process to open the store takes the damaged last batch for a torn write, as after a crash.
        store.close()
        let (reopened, warnings) = try JournalStore.open(
            at: "/store", create: false, options: smallIndex(fileSystem: fileSystem))
        #expect(warnings.map(\.code) == [.tornTailRepaired])
        #expect(try reopened.append([draft(4)], commandID: "after").first?.seq == 4)
        #expect(try reopened.verify().isValid)
    }

    @Test("an index removed while the store is open is rebuilt by its next append")
    func removedIndex() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true, options: smallIndex(every: 4))
        try appendBatches(store, count: 10)
        try FileManager.default.removeItem(atPath: path + "/index.bin")
        let records = try store.append([draft(1)], commandID: "next")
        #expect(store.takeWarnings().map(\.code) == [.indexRebuilt])
        #expect(records.first?.seq == 20)
        #expect(FileManager.default.fileExists(atPath: path + "/index.bin"))
        #expect(try store.append([draft(1)], commandID: "c-2").first?.seq == 4)
        #expect(try store.verify().isValid)
    }

    @Test("on disk, a second store's appends and a torn tail left by a dead writer are seen")
    func onDisk() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true, options: smallIndex(every: 4))
        let (other, _) = try JournalStore.open(at: path, create: false, options: smallIndex(every: 4))
        try appendBatches(store, count: 5)
        try appendBatches(other, from: 5, count: 5)
        #expect(try store.append([draft(1)], commandID: "mine").first?.seq == 20)
        // A writer that died in the middle of its write leaves half a line.
        let journal = path + "/journal.jsonl"
        try writeFile(journal, try fileBytes(journal) + Array(#"{"v":1,"seq":21"#.utf8))
        #expect(try store.append([draft(2)], commandID: "mine-2").first?.seq == 21)
        #expect(store.takeWarnings().map(\.code) == [.tornTailRepaired])
        #expect(try other.append([draft(3)], commandID: "theirs").first?.seq == 22)
        #expect(try store.records(after: 19).map(\.commandID) == ["mine", "mine-2", "theirs"])
        #expect(try store.verify().isValid)
    }

    @Test("a file system from outside the package, without stamps, gets a store that always looks")
    func outsideFileSystem() throws {
        let memory = InMemoryFileSystem()
        let options = smallIndex(fileSystem: OutsideFileSystem(base: memory), every: 8)
        let (store, _) = try JournalStore.open(at: "/store", create: true, options: options)
        let (other, _) = try JournalStore.open(at: "/store", create: false, options: options)
        try appendBatches(store, count: 3)
        #expect(try other.append([draft(1)], commandID: "theirs").first?.seq == 7)
        #expect(try store.head().seq == 7)
        // The rewrite keeps every size: only a store that reads the tail again finds it.
        var bytes = try #require(memory.contents(of: "/store/journal.jsonl"))
        let lastLine = try #require(recordBytes(bytes).dropLast().lastIndex(of: 0x0a))
        let body = try #require(bytes[lastLine...].firstIndex(of: UInt8(ascii: "n")))
        bytes[body] = UInt8(ascii: "m")
        memory.setContents(of: "/store/journal.jsonl", to: bytes)
        #expect(try store.append([draft(2)], commandID: "mine").first?.seq == 7)
        #expect(store.takeWarnings().map(\.code) == [.tornTailRepaired])
        #expect(try store.verify().isValid)
    }
}

/// A file system written outside the package: it forwards to an in-memory one and implements only what the
/// protocols require, so the store gets the protocols' defaults for stamps.
private struct OutsideFileSystem: ForwardingFileSystem {
    let base: InMemoryFileSystem
}
