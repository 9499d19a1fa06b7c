import Foundation
import Testing

@testable import FormworkStore

/// The index's in-place checkpoints (entries inserted page by page into the on-disk table) and the journal's
/// growth (the batch, then its padding written from one block): what a later lookup and a later reader see.
@Suite("Index checkpoints and journal growth")
struct IndexCheckpointTests {
    /// Every batch of a store that crossed many checkpoints, in place and by rebuild, is found by its command id
    /// (a second append with the same id returns it and writes nothing), and the index counts each batch once.
    @Test("checkpoints in place keep every batch findable and counted once", arguments: [false, true])
    func everyBatchFound(onDisk: Bool) throws {
        let directory = TemporaryDirectory()
        let fileSystem: any StoreFileSystem = onDisk ? PosixFileSystem() : InMemoryFileSystem()
        let path = onDisk ? directory.child("store") : "/store"
        // A checkpoint every 5 records: hundreds of in-place checkpoints over a table of several pages (1,024
        // entries of 16 bytes, then 2,048 after the rebuild at half full).
        let options = smallIndex(fileSystem: fileSystem, every: 5)
        let (store, _) = try JournalStore.open(at: path, create: true, options: options)
        let batches = try appendBatches(store, count: 700)
        let head = try store.head()
        for (number, batch) in batches.enumerated() {
            #expect(try store.committedBatch("c-\(number)") == batch)
            #expect(try store.append([draft(99_999)], commandID: "c-\(number)") == batch)
        }
        #expect(try store.head() == head)
        #expect(try store.committedBatch("c-700") == nil)

        let index = CommandIndex(fileSystem: fileSystem, directory: path)
        let header = try #require(try index.header())
        let file = try #require(try index.openForReading())
        defer { file.close() }
        let entries = try CommandIndex.entries(of: file, capacity: header.capacity)
        #expect(header.capacity == 2_048)
        // The tail after the last checkpoint is not in the table yet.
        #expect(Int(header.count) == entries.count)
        #expect(entries.count >= 700 - 5 && entries.count <= 700)
        #expect(Set(entries.map(\.0)).count == entries.count)
        let (reopened, _) = try JournalStore.open(at: path, create: false, options: options)
        for number in stride(from: 0, to: 700, by: 37) {
            #expect(try reopened.committedBatch("c-\(number)") == batches[number])
        }
    }

    /// Entries whose probe runs past the table's last slot go on from the first, across the last and first pages.
    @Test("an insert probing past the last slot wraps to the first page")
    func probeWraps() throws {
        let fileSystem = InMemoryFileSystem()
        let index = CommandIndex(fileSystem: fileSystem, directory: "/index")
        _ = try fileSystem.makeDirectory("/index")
        let empty = try index.rebuild(adding: [], covering: .empty, from: nil)
        let capacity = empty.capacity
        // Three fingerprints that all start at the last slot: one lands there, the others at slots 0 and 1.
        let last = capacity - 1
        let entries: [(UInt64, Int64)] = [(last, 10), (last + capacity, 20), (last + 2 * capacity, 30)]
        var covered = empty
        covered.coveredSeq = 3
        let header = try index.add(entries, covering: covered, over: empty)
        #expect(header.count == 3)
        #expect(header.coveredSeq == 3)
        let file = try #require(try index.openForReading())
        defer { file.close() }
        let table = try CommandIndex.entries(of: file, capacity: capacity)
        #expect(Set(table.map(\.1)) == [10, 20, 30])
        let bytes = try file.read(at: IndexHeader.tableOffset, count: 2 * IndexHeader.entrySize)
        #expect(IndexHeader.readLittleEndian(bytes, at: 0) == last + capacity)
        #expect(IndexHeader.readLittleEndian(bytes, at: IndexHeader.entrySize) == last + 2 * capacity)
        // The same entries again add nothing.
        let again = try index.add(entries, covering: covered, over: header)
        #expect(again.count == 3)
    }

    /// A write of bytes and a run after them leaves exactly those bytes, on disk and in the in-memory twin, over
    /// what was there and past the old end.
    @Test("a write followed by a run of one byte", arguments: [false, true])
    func writeThenRun(onDisk: Bool) throws {
        let directory = TemporaryDirectory()
        let fileSystem: any StoreFileSystem = onDisk ? PosixFileSystem() : InMemoryFileSystem()
        let path = onDisk ? directory.child("file") : "/file"
        let file = try fileSystem.open(path, mode: .createNew)
        defer { file.close() }
        try file.write(Array(repeating: 0x78, count: 100), at: 0)
        // Longer than the 64 KiB block, and not a multiple of it.
        let run = 200_000
        try file.write(Array("line\n".utf8), thenRepeating: JournalPadding.byte, count: run, at: 10)
        try file.write(Array("ab".utf8), thenRepeating: 0x2e, count: 70_000, at: Int64(10 + 5 + run))
        let bytes = try file.read(at: 0, count: 1 << 20)
        var expected = [UInt8](repeating: 0x78, count: 10) + Array("line\n".utf8)
        expected += [UInt8](repeating: JournalPadding.byte, count: run)
        expected += Array("ab".utf8) + [UInt8](repeating: 0x2e, count: 70_000)
        #expect(bytes.count == expected.count)
        #expect(bytes == expected)
        try file.write([0x41], thenRepeating: 0x20, count: 0, at: 0)
        #expect(try file.read(at: 0, count: 2) == [0x41, 0x78])
    }
}
