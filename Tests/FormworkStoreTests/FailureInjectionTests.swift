import FormworkStore
import Testing

/// Failed writes, syncs and renames through the in-memory file system: a clear `.io`, no acknowledgement, and a
/// store that still opens and verifies.
@Suite("injected I/O failures")
struct FailureInjectionTests {
    private let eio: Int32 = 5
    private let enospc: Int32 = 28

    private func makeStore() throws -> (InMemoryFileSystem, JournalStore, [StoredRecord]) {
        let fileSystem = InMemoryFileSystem()
        let (store, _) = try JournalStore.open(at: "/s", create: true, options: smallIndex(fileSystem: fileSystem))
        try appendBatches(store, count: 5)
        return (fileSystem, store, try store.records(after: 0))
    }

    private func reopen(_ fileSystem: InMemoryFileSystem) throws -> JournalStore {
        try JournalStore.open(at: "/s", create: false, options: smallIndex(fileSystem: fileSystem)).0
    }

    @Test(
        "a failed write or sync is not acknowledged and leaves no trace",
        arguments: [
            InMemoryFileSystem.Fault(.write, pathSuffix: "journal.jsonl", errno: 5),
            InMemoryFileSystem.Fault(.write, pathSuffix: "journal.jsonl", bytesWrittenFirst: 40),
            InMemoryFileSystem.Fault(.syncData, pathSuffix: "journal.jsonl", errno: 5),
        ])
    func failedAppend(fault: InMemoryFileSystem.Fault) throws {
        let (fileSystem, store, before) = try makeStore()
        let journal = try #require(fileSystem.contents(of: "/s/journal.jsonl"))
        fileSystem.inject(fault)
        let error = #expect(throws: StoreError.self) { try store.append([draft(1), draft(2)], commandID: "lost") }
        #expect(error?.code == .io)
        #expect(error?.exitCode == 74)
        // The records are what they were; the padding after them is cut with the failed write.
        let after = try #require(fileSystem.contents(of: "/s/journal.jsonl"))
        #expect(after == recordBytes(journal))
        #expect(try store.records(after: 0) == before)
        // The same store goes on working, and the command id was not used up.
        let retried = try store.append([draft(1), draft(2)], commandID: "lost")
        #expect(retried.first?.seq == UInt64(before.count + 1))
        #expect(try reopen(fileSystem).verify().isValid)
    }

    @Test("when a failed append cannot be undone the store refuses further calls; reopening recovers")
    func failedUndo() throws {
        let (fileSystem, store, before) = try makeStore()
        fileSystem.inject(.init(.syncData, pathSuffix: "journal.jsonl", errno: eio))
        fileSystem.inject(.init(.truncate, pathSuffix: "journal.jsonl", errno: eio))
        #expect(throws: StoreError.self) { try store.append([draft(1)], commandID: "limbo") }
        let broken = #expect(throws: StoreError.self) { try store.head() }
        #expect(broken?.code == .io)
        // The unacknowledged batch reached the file; a retry after reopening finds it instead of writing it again.
        let reopened = try reopen(fileSystem)
        let retried = try reopened.append([draft(1)], commandID: "limbo")
        #expect(retried.first?.seq == UInt64(before.count + 1))
        #expect(try reopened.records(after: 0).count == before.count + 1)
        #expect(try reopened.verify().isValid)
    }

    @Test(
        "a failed snapshot replacement keeps the previous snapshot",
        arguments: [
            InMemoryFileSystem.Operation.write, .sync, .rename, .syncDirectory,
        ])
    func failedSnapshot(operation: InMemoryFileSystem.Operation) throws {
        let (fileSystem, store, records) = try makeStore()
        let first = Snapshot(seq: records[1].seq, hash: records[1].hash, state: [1])
        try store.writeSnapshot(first)
        fileSystem.inject(.init(operation, errno: enospc))
        let second = Snapshot(seq: records[3].seq, hash: records[3].hash, state: [2])
        let error = #expect(throws: StoreError.self) { try store.writeSnapshot(second) }
        #expect(error?.code == .io)
        let latest = try store.latestSnapshot()
        #expect(latest == first || (operation == .syncDirectory && latest == second))
        // The next replacement works (a stale temp file does not block it).
        try store.writeSnapshot(second)
        #expect(try store.latestSnapshot() == second)
    }

    @Test("an index that cannot be updated does not fail the append")
    func failedIndex() throws {
        let (fileSystem, store, _) = try makeStore()
        fileSystem.inject(.init(.syncData, pathSuffix: "index.bin", errno: eio, times: 1000))
        fileSystem.inject(.init(.sync, pathSuffix: "index.bin.tmp", errno: eio, times: 1000))
        try appendBatches(store, from: 100, count: 20)
        #expect(store.takeWarnings().contains { $0.code == .indexNotUpdated })
        #expect(try store.append([draft(0)], commandID: "c-0").first?.seq == 1)
        let reopened = try reopen(fileSystem)
        #expect(try reopened.verify().isValid)
        #expect(try reopened.append([draft(0)], commandID: "c-104").first?.commandID == "c-104")
        #expect(try reopened.records(after: 0).filter { $0.commandID == "c-104" }.count == 1 + 104 % 3)
    }

    @Test("a lock held elsewhere makes the store busy after the timeout")
    func busy() throws {
        let fileSystem = InMemoryFileSystem()
        let options = JournalStore.Options(fileSystem: fileSystem, lockTimeoutMilliseconds: 20)
        let (store, _) = try JournalStore.open(at: "/s", create: true, options: options)
        let other = try fileSystem.open("/s/lock", mode: .readWrite)
        #expect(try other.tryLock(exclusive: true))
        let error = #expect(throws: StoreError.self) { try store.append([draft(1)], commandID: "wait") }
        #expect(error?.code == .busy)
        #expect(error?.exitCode == 75)
        other.close()
        #expect(try store.append([draft(1)], commandID: "wait").count == 1)
    }

    @Test("a store that can only be read still opens for reading")
    func readOnlyStore() throws {
        let (fileSystem, store, before) = try makeStore()
        store.close()
        // Opening for writing is refused, as on a read-only mount.
        fileSystem.inject(.init(.open, pathSuffix: "journal.jsonl", errno: 30))
        let reader = try reopen(fileSystem)
        #expect(try reader.records(after: 0) == before)
        let error = #expect(throws: StoreError.self) { try reader.append([draft(1)], commandID: "no") }
        #expect(error?.code == .io)
    }

    @Test("a lock file that cannot be written makes the store read-only, and nothing is written")
    func readOnlyLock() throws {
        let (fileSystem, store, before) = try makeStore()
        store.close()
        let journal = fileSystem.contents(of: "/s/journal.jsonl")
        // A writer raises the lock file's generation before each change: without it, others would not see it.
        fileSystem.inject(.init(.open, pathSuffix: "/lock", errno: 13))
        let reader = try reopen(fileSystem)
        #expect(try reader.records(after: 0) == before)
        let error = #expect(throws: StoreError.self) { try reader.append([draft(1)], commandID: "no") }
        #expect(error?.code == .io)
        #expect(error?.message.contains("read-only") == true)
        #expect(fileSystem.contents(of: "/s/journal.jsonl") == journal)
    }
}
