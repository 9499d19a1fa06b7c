import Foundation
import Testing

@testable import FormworkStore

/// Segments written as they are made (a snapshot's merge, a compaction): the same bytes as made in memory, whatever
/// the pieces; a store names them as it writes them; a compaction merges a snapshot's segments into one without the
/// state changing, and gives up when the snapshot changed under it.
@Suite struct SegmentMergeTests {
    /// Three generations of values over overlapping keys, each a segment (newest first), and the new entries.
    static func generations() throws -> (older: [Segment], pending: [SegmentEntry], expected: [String: [UInt8]]) {
        func generation(_ tag: String, _ keys: [String]) -> [SegmentEntry] {
            keys.map { SegmentEntry(key: $0, value: Array("\(tag):\($0):".utf8) + [UInt8](repeating: 7, count: 40)) }
        }
        let oldest = generation("old", (0..<150).map { "r/R-\($0)" })
        let middle = generation("mid", (90..<220).map { "r/R-\($0)" } + (0..<40).map { "c/C-\($0)" })
        let pending =
            generation("new", (200..<260).map { "r/R-\($0)" })
            + [SegmentEntry(key: "c/C-1", value: [1]), SegmentEntry(key: "c/C-1", value: [2])]
        var expected: [String: [UInt8]] = [:]
        for entry in oldest + middle + pending { expected[entry.key] = entry.value }
        let older = try [middle, oldest].map { entries in
            let file = try SegmentFile(entries)
            return try Segment(
                name: file.name, bytes: MemorySegmentBytes(data: file.bytes), size: UInt64(file.bytes.count))
        }
        return (older, pending, expected)
    }

    /// One snapshot at each of `records`, each writing the next of `layers` as a new segment over the ones before
    /// (state: its number); the last one written.
    static func layered(
        _ store: any EventStore, at records: [StoredRecord], _ layers: [[SegmentEntry]]
    ) throws -> Snapshot {
        var snapshot = Snapshot(seq: 0, hash: "", state: [])
        for (number, (record, entries)) in zip(records, layers).enumerated() {
            snapshot = try store.writeSnapshot(
                Snapshot(seq: record.seq, hash: record.hash, state: [UInt8(number)], segments: snapshot.segments),
                merging: SegmentMerge(entries))
        }
        return snapshot
    }

    @Test(
        "a merge written in pieces of any size makes the bytes and the name of the segment made whole",
        arguments: [1, 7, 100, 4_096, 1 << 20])
    func piecesMakeTheSameSegment(pieceBytes: Int) throws {
        let (older, pending, expected) = try Self.generations()
        let whole = try SegmentFile(try older.reversed().flatMap { try $0.entries() } + pending)
        var bytes: [UInt8] = []
        var pieces = 0
        let (identity, size) = try SegmentFormat.write(SegmentMerge(pending, over: older), pieceBytes: pieceBytes) {
            bytes += $0
            pieces += 1
        }
        bytes.replaceSubrange(SegmentFormat.identityRange, with: identity)
        #expect(size == bytes.count)
        #expect(bytes == whole.bytes)
        #expect(SegmentFile.name(identity: identity) == whole.name)
        if pieceBytes < 100 { #expect(pieces > 300) }
        let merged = try Segment(name: whole.name, bytes: MemorySegmentBytes(data: bytes), size: UInt64(bytes.count))
        try merged.verify()
        #expect(merged.count == expected.count)
        for (key, value) in expected { #expect(try merged.value(for: key) == value, "\(key)") }
    }

    @Test("a cursor reads values in any order, and refuses one that is not where it was located")
    func cursorOrder() throws {
        let file = try SegmentFile(SegmentTests.entries(30))
        let segment = try SegmentTests.open(file)
        let located = try segment.locate()
        let order = located.reversed() + located.shuffled()
        for window in [1, 50, 1 << 20] {
            var cursor = try segment.cursor(over: Array(order), windowBytes: window)
            for location in order {
                let stored = try cursor.next()
                #expect(stored.count == location.length)
                #expect(Array(stored.dropFirst(4).prefix(location.key.utf8.count)) == Array(location.key.utf8))
            }
            #expect(throws: StoreError.self) { _ = try cursor.next() }
        }
        // Another key's place under this key's name.
        let swapped = Segment.Location(key: located[1].key, offset: located[0].offset, length: located[0].length)
        var wrong = try segment.cursor(over: [swapped], windowBytes: 100)
        #expect(throws: StoreError.self) { _ = try wrong.next() }
        let outside = Segment.Location(key: located[0].key, offset: UInt64(file.bytes.count), length: 20)
        #expect(throws: StoreError.self) { _ = try segment.cursor(over: [outside], windowBytes: 100) }
    }

    @Test(
        "a merge over a damaged older segment writes nothing and leaves the snapshot as it was",
        arguments: [true, false])
    func damagedMergeWritesNothing(onDisk: Bool) throws {
        let directory = TemporaryDirectory()
        let fileSystem: any StoreFileSystem = onDisk ? PosixFileSystem() : InMemoryFileSystem()
        let path = onDisk ? directory.child("store") : "/store"
        let (store, _) = try JournalStore.open(at: path, create: true, options: smallIndex(fileSystem: fileSystem))
        let batches = try appendBatches(store, count: 4)
        let first = try store.writeSnapshot(
            Snapshot(seq: batches[1].last!.seq, hash: batches[1].last!.hash, state: [1]),
            merging: SegmentMerge(SegmentTests.entries(50)))
        let file = try SegmentFile(SegmentTests.entries(50))
        let damaged = try SegmentTests.damaged(file, "報告 7", offset: 1, flip: 1)
        let error = #expect(throws: StoreError.self) {
            try store.writeSnapshot(
                Snapshot(seq: batches[3].last!.seq, hash: batches[3].last!.hash, state: [2]),
                merging: SegmentMerge([SegmentEntry(key: "r/new", value: [1])], over: [damaged]))
        }
        #expect(error?.code == .corrupt)
        #expect(try store.latestSnapshot() == first)
        #expect(
            try fileSystem.entries(in: path).sorted() == ["format.json", "index.bin", "journal.jsonl", "lock"]
                + first.segments + ["snapshot.dat"])
    }

    @Test(
        "a snapshot's merge is written as it is made and named first; the store holds what it names",
        arguments: StoreKind.all)
    func snapshotMerging(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let batches = try appendBatches(store, count: 6)
        let (_, pending, _) = try Self.generations()
        let base = try store.writeSnapshot(
            Snapshot(seq: batches[1].last!.seq, hash: batches[1].last!.hash, state: [1]),
            merging: SegmentMerge(SegmentTests.entries(20)))
        #expect(base.segments.count == 1)
        #expect(try store.latestSnapshot() == base)
        let older = try store.segment(named: base.segments[0])
        let next = try store.writeSnapshot(
            Snapshot(seq: batches[4].last!.seq, hash: batches[4].last!.hash, state: [2], segments: base.segments),
            merging: SegmentMerge(pending))
        #expect(next.segments.count == 2 && next.segments[1] == base.segments[0])
        #expect(next.segments[0] == (try SegmentFile(pending)).name)
        #expect(try store.latestSnapshot() == next)
        #expect(try store.segment(named: next.segments[0]).value(for: "c/C-1") == [2])
        // Merged over the one below: one segment holding both, the newer value winning.
        let merged = try store.writeSnapshot(
            Snapshot(seq: batches[5].last!.seq, hash: batches[5].last!.hash, state: [3]),
            merging: SegmentMerge([SegmentEntry(key: "r/R-3", value: [9])], over: [older]))
        let segment = try store.segment(named: merged.segments[0])
        #expect(merged.segments.count == 1 && segment.count == 20)
        #expect(try segment.value(for: "r/R-3") == [9])
        #expect(try segment.value(for: "r/R-4") == SegmentTests.entries(20)[4].value)
        #expect(try store.verify().isValid)
    }

    @Test(
        "compaction merges a snapshot's segments into one; the snapshot's seq, state and values stay",
        arguments: StoreKind.all)
    func compaction(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let batches = try appendBatches(store, count: 8)
        #expect(try store.compact() == Compaction())
        let (older, pending, expected) = try Self.generations()
        // Three segments, oldest first, as three snapshots write them.
        let snapshot = try Self.layered(
            store, at: [1, 3, 5].map { batches[$0].last! }, [try older[1].entries(), try older[0].entries(), pending])
        #expect(snapshot.segments.count == 3)
        let sizes = try snapshot.segments.reduce(0) { $0 + (try store.segment(named: $1)).byteCount }
        let done = try store.compact()
        #expect(done.merged == snapshot.segments && done.mergedBytes == sizes)
        #expect(done.values == expected.count)
        let compacted = try #require(try store.latestSnapshot())
        #expect(compacted.segments == [try #require(done.segment)])
        #expect(compacted.seq == snapshot.seq && compacted.hash == snapshot.hash && compacted.state == snapshot.state)
        let segment = try store.segment(named: compacted.segments[0])
        #expect(segment.byteCount == done.bytes && segment.count == expected.count)
        for (key, value) in expected { #expect(try segment.value(for: key) == value, "\(key)") }
        #expect(try store.verify().isValid)
        // Nothing is left to merge; the merged segments go with the next snapshot.
        #expect(try store.compact().segment == nil)
        #expect(throws: Never.self) { try store.segment(named: snapshot.segments[2]) }
        let last = batches[7].last!
        try store.writeSnapshot(Snapshot(seq: last.seq, hash: last.hash, state: [9], segments: compacted.segments))
        #expect(throws: StoreError.self) { try store.segment(named: snapshot.segments[2]) }
    }

    @Test("a compaction puts its merge in place under snapshots written meanwhile, and gives up when they merged it")
    func compactionMeanwhile() throws {
        for overwritten in [false, true] {
            let fileSystem = InMemoryFileSystem()
            let (store, _) = try JournalStore.open(at: "/s", create: true, options: smallIndex(fileSystem: fileSystem))
            let batches = try appendBatches(store, count: 6)
            let snapshot = try Self.layered(
                store, at: [batches[0].last!, batches[1].last!],
                (0..<2).map { [SegmentEntry(key: "k/\($0)", value: [UInt8($0)])] })
            let merge = try #require(try store.mergeSegments())
            #expect(try fileSystem.entries(in: "/s").contains(StoreLayout.compacting))
            // Another command's snapshot, on top of the two (or, merging them, in their place).
            let record = batches[5].last!
            let meanwhile = try store.writeSnapshot(
                Snapshot(
                    seq: record.seq, hash: record.hash, state: [2], segments: overwritten ? [] : snapshot.segments),
                merging: SegmentMerge(
                    [SegmentEntry(key: "k/2", value: [2])],
                    over: overwritten ? try snapshot.segments.map { try store.segment(named: $0) } : []))
            // Writers leave the compaction's temp file alone.
            #expect(try fileSystem.entries(in: "/s").contains(StoreLayout.compacting))
            if overwritten {
                let error = #expect(throws: StoreError.self) { try store.install(merge) }
                #expect(error?.code == .busy)
                #expect(try store.latestSnapshot() == meanwhile)
            } else {
                try store.install(merge)
                let latest = try #require(try store.latestSnapshot())
                #expect(latest.segments == [meanwhile.segments[0], merge.name])
                #expect(latest.seq == meanwhile.seq && latest.state == meanwhile.state)
                for number in 0..<3 {
                    let found = try latest.segments.lazy.compactMap {
                        try store.segment(named: $0).value(for: "k/\(number)")
                    }.first
                    #expect(found == [UInt8(number)])
                }
            }
            #expect(try !fileSystem.entries(in: "/s").contains(StoreLayout.compacting))
            #expect(try store.verify().isValid)
        }
    }

    @Test("one compaction at a time")
    func oneAtATime() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        let batches = try appendBatches(store, count: 2)
        let snapshot = try Self.layered(
            store, at: [batches[0].last!, batches[1].last!], (0..<2).map { [SegmentEntry(key: "k/\($0)", value: [1])] })
        let other = try PosixFileSystem().open(
            path + "/" + StoreLayout.compactionLock, mode: FileOpenMode(write: true, create: true))
        #expect(try other.tryLock(exclusive: true))
        let error = #expect(throws: StoreError.self) { try store.compact() }
        #expect(error?.code == .busy)
        #expect(try store.latestSnapshot() == snapshot)
        other.close()
        // A child process another test spawns at that moment holds a copy of `other`'s descriptor until it runs its
        // program (a `flock` belongs to the open file, not to the descriptor), so the lock may outlive `close()` by a
        // moment on a loaded machine: busy is tried again, as a user's cron job would, for up to ten seconds.
        #expect(try Self.compactWhenFree(store).merged == snapshot.segments)
    }

    /// `store.compact()`, tried again while another compaction holds the lock, for up to ten seconds.
    private static func compactWhenFree(_ store: JournalStore) throws(StoreError) -> Compaction {
        for _ in 0..<199 {
            do {
                return try store.compact()
            } catch  where error.code == .busy {
                usleep(50_000)
            }
        }
        return try store.compact()
    }
}
