import FormworkStore
import Testing

/// SQLite-style crash simulation: the "process" dies at every I/O operation in turn, then the machine loses
/// power (unsynced bytes and directory entries gone, or torn), or only the process dies. After each: the store
/// opens, every acknowledged batch is there exactly once, seq is gap-free and the chain verifies.
@Suite("simulated crashes at every I/O operation")
struct PowerLossTests {
    private static let modes: [InMemoryFileSystem.UnsyncedData] = [.lost, .keptPrefix(97), .kept]

    /// Appends 12 batches (and a snapshot every 4) until the first failure; returns what was acknowledged.
    private func workload(_ store: JournalStore) -> [String: [StoredRecord]] {
        var acknowledged: [String: [StoredRecord]] = [:]
        for number in 0..<12 {
            let commandID = "w-\(number)"
            guard
                let records = try? store.append(
                    (0...(number % 3)).map { draft(number * 10 + $0) }, commandID: commandID)
            else { break }
            acknowledged[commandID] = records
            if number % 4 == 3 {
                guard let head = try? store.head(),
                    (try? store.writeSnapshot(Snapshot(seq: head.seq, hash: head.hash, state: [UInt8(number)]))) != nil
                else { break }
            }
        }
        return acknowledged
    }

    private func options(_ fileSystem: InMemoryFileSystem) -> JournalStore.Options {
        smallIndex(fileSystem: fileSystem, every: 3)
    }

    @Test("every operation of the write path, every kind of crash")
    func everyOperation() throws {
        // A dry run counts the operations of the workload.
        let dry = InMemoryFileSystem()
        let (store, _) = try JournalStore.open(at: "/s", create: true, options: options(dry))
        let start = dry.operationCount
        #expect(workload(store).count == 12)
        let total = dry.operationCount - start
        #expect(total > 100)

        var crashes = 0
        for failAt in 1...(total + 1) {
            for mode in Self.modes {
                let fileSystem = InMemoryFileSystem()
                let (store, _) = try JournalStore.open(at: "/s", create: true, options: options(fileSystem))
                fileSystem.failAll(afterOperations: failAt)
                let acknowledged = workload(store)
                fileSystem.crash(unsyncedData: mode)
                crashes += 1
                try check(fileSystem, acknowledged: acknowledged, context: "crash at operation \(failAt), \(mode)")
            }
        }
        #expect(crashes >= 300)
    }

    /// Appends 12 batches with a snapshot every 3 whose segment is written as it is made (on top of the ones before,
    /// or, the second, merged with them), then compacts the three segments left, until the first failure.
    private func segmentWorkload(_ store: JournalStore) -> [String: [StoredRecord]] {
        var acknowledged: [String: [StoredRecord]] = [:]
        var segments: [String] = []
        for number in 0..<12 {
            let commandID = "w-\(number)"
            guard let records = try? store.append([draft(number)], commandID: commandID) else { return acknowledged }
            acknowledged[commandID] = records
            guard number % 3 == 2 else { continue }
            let generation = UInt8(number / 3)
            let entries = [
                SegmentEntry(key: "k/\(generation)", value: [generation]),
                SegmentEntry(key: "shared", value: [generation]),
            ]
            let merging = generation == 1
            guard let older = try? (merging ? segments : []).map({ try store.segment(named: $0) }),
                let written = try? store.writeSnapshot(
                    Snapshot(
                        seq: records[0].seq, hash: records[0].hash, state: [generation],
                        segments: merging ? [] : segments),
                    merging: SegmentMerge(entries, over: older))
            else { return acknowledged }
            segments = written.segments
        }
        _ = try? store.compact()
        return acknowledged
    }

    @Test("every operation of snapshots written as they are made, and of a compaction, every kind of crash")
    func segmentsAndCompaction() throws {
        let dry = InMemoryFileSystem()
        let (store, _) = try JournalStore.open(at: "/s", create: true, options: options(dry))
        let start = dry.operationCount
        #expect(segmentWorkload(store).count == 12)
        #expect(try store.latestSnapshot()?.segments.count == 1)
        let total = dry.operationCount - start
        for failAt in 1...(total + 1) {
            for mode in Self.modes {
                let fileSystem = InMemoryFileSystem()
                let (store, _) = try JournalStore.open(at: "/s", create: true, options: options(fileSystem))
                fileSystem.failAll(afterOperations: failAt)
                let acknowledged = segmentWorkload(store)
                fileSystem.crash(unsyncedData: mode)
                let context = "crash at operation \(failAt) of \(total), \(mode)"
                // The snapshot that opens holds, in its segments, every generation up to its own, newest winning.
                let (reopened, _) = try JournalStore.open(at: "/s", create: false, options: options(fileSystem))
                if let snapshot = try reopened.latestSnapshot() {
                    let generation = try #require(snapshot.state.first, "\(context)")
                    let segments = try snapshot.segments.map { try reopened.segment(named: $0) }
                    func value(_ key: String) throws -> [UInt8]? {
                        try segments.lazy.compactMap { try $0.value(for: key) }.first
                    }
                    #expect(try value("shared") == [generation], "\(context)")
                    for older in 0...generation { #expect(try value("k/\(older)") == [older], "\(context)") }
                    #expect(try value("k/\(generation + 1)") == nil, "\(context)")
                }
                try check(fileSystem, acknowledged: acknowledged, context: context)
            }
        }
    }

    @Test("a crash while the store is being created leaves no half store")
    func duringCreation() throws {
        for failAt in 1...40 {
            for mode in Self.modes {
                let fileSystem = InMemoryFileSystem()
                fileSystem.failAll(afterOperations: failAt)
                _ = try? JournalStore.open(at: "/s", create: true, options: options(fileSystem))
                fileSystem.crash(unsyncedData: mode)
                // Either there is no store yet (create it again), or a whole one.
                let (store, _) = try JournalStore.open(at: "/s", create: true, options: options(fileSystem))
                #expect(try store.verify().isValid, "creation crash at operation \(failAt), \(mode)")
                #expect(try store.append([draft(1)], commandID: "first").first?.seq == 1)
            }
        }
    }

    private func check(_ fileSystem: InMemoryFileSystem, acknowledged: [String: [StoredRecord]], context: String) throws
    {
        let (store, _) = try JournalStore.open(at: "/s", create: false, options: options(fileSystem))
        let records = try store.records(after: 0)
        #expect(records.map(\.seq) == Array(stride(from: 1, through: UInt64(records.count), by: 1)), "\(context)")
        var batches: [String: [StoredRecord]] = [:]
        for record in records { batches[record.commandID, default: []].append(record) }
        for (commandID, expected) in acknowledged {
            #expect(batches[commandID] == expected, "\(context): acknowledged batch \(commandID)")
        }
        for (commandID, batch) in batches {
            #expect(batch.map(\.index) == Array(0..<batch.count), "\(context): batch \(commandID) stored once, whole")
        }
        let report = try store.verify()
        #expect(report.isValid, "\(context): \(String(describing: report.problem))")
        if let snapshot = try store.latestSnapshot() {
            #expect(records.contains { $0.seq == snapshot.seq && $0.hash == snapshot.hash }, "\(context)")
        }
        // Writing goes on: a retry of every batch is answered from the journal, a new one gets the next seq.
        for (commandID, expected) in acknowledged {
            #expect(try store.append([draft(0)], commandID: commandID) == expected, "\(context)")
        }
        #expect(try store.append([draft(0)], commandID: "after").first?.seq == UInt64(records.count + 1), "\(context)")
    }
}
