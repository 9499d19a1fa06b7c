import Synchronization

extension JournalStore {
    /// Merges the latest snapshot's segments into one without holding the store's lock while the merge is written
    /// (it reads and writes the whole state: seconds for a large store, which commands must not wait for), then,
    /// under the lock, puts it in place of the segments it merged if the snapshot still names them last, as a
    /// snapshot written meanwhile does unless its own merge took them in. Otherwise nothing changes and the
    /// compaction is refused as `.busy`, to be tried again.
    ///
    /// One compaction runs at a time (`compact.lock`). The segments merged stay until the next snapshot, as the
    /// previous snapshot's: a crash at any point leaves a store that opens with its state whole.
    public func compact() throws(StoreError) -> Compaction {
        let lockPath = StoreLayout.path(directory, StoreLayout.compactionLock)
        let lock = try performIO("opening \(StoreLayout.compactionLock)") { () throws(FileSystemError) in
            try fileSystem.open(lockPath, mode: FileOpenMode(write: true, create: true))
        }
        defer { lock.close() }
        let locked = try performIO("locking \(StoreLayout.compactionLock)") { () throws(FileSystemError) in
            try lock.tryLock(exclusive: true)
        }
        guard locked else { throw StoreError(.busy, "another compaction of this store is running") }
        guard let merge = try mergeSegments() else { return Compaction() }
        try install(merge)
        let segment = try segment(named: merge.name)
        return Compaction(
            merged: merge.merged, mergedBytes: merge.mergedBytes, segment: merge.name, bytes: segment.byteCount,
            values: segment.count)
    }

    /// A compaction's merge, written to its temp file and not yet in place.
    struct SegmentsMerged {
        /// The segments merged (the latest snapshot's, newest first), their bytes, and the merge's name.
        var merged: [String]
        var mergedBytes: Int
        var name: String
    }

    /// Writes the merge of the latest snapshot's segments to `StoreLayout.compacting`, without the store's lock;
    /// `nil` when there is no snapshot of two segments or more.
    func mergeSegments() throws(StoreError) -> SegmentsMerged? {
        guard let snapshot = try latestSnapshot(), snapshot.segments.count > 1 else { return nil }
        let segments = try snapshot.segments.map { name throws(StoreError) in try segment(named: name) }
        let name = try writeSegment(SegmentMerge([], over: segments), to: StoreLayout.compacting)
        return SegmentsMerged(
            merged: snapshot.segments, mergedBytes: segments.reduce(0) { $0 + $1.byteCount }, name: name)
    }

    /// Under the store's lock: renames the merge to its name and replaces the snapshot with one naming it in place
    /// of the segments it merged (the same seq, hash and state), when the snapshot still names them last; `.busy`
    /// otherwise. The temp file is removed whenever the merge is not put in place.
    func install(_ merge: SegmentsMerged) throws(StoreError) {
        let temporary = StoreLayout.path(directory, StoreLayout.compacting)
        do throws(StoreError) {
            try state.withLock { state throws(StoreError) in
                try usable(state)
                try withView(&state, exclusive: true) { state, _ throws(StoreError) in
                    guard state.writable else {
                        throw StoreError(.io, "the store is read-only: \(directory) cannot be written")
                    }
                    let current = try? SnapshotFile.read(
                        StoreLayout.path(directory, StoreLayout.snapshot), name: StoreLayout.snapshot,
                        fileSystem: fileSystem)
                    guard let current, current.segments.count >= merge.merged.count,
                        Array(current.segments.suffix(merge.merged.count)) == merge.merged
                    else {
                        throw StoreError(
                            .busy, "the store's snapshot changed while its segments were merged; try again")
                    }
                    var compacted = current
                    compacted.segments = current.segments.dropLast(merge.merged.count) + [merge.name]
                    try performIO("writing \(merge.name)") { () throws(FileSystemError) in
                        try fileSystem.rename(temporary, to: StoreLayout.path(directory, merge.name))
                        try fileSystem.syncDirectory(directory)
                        try CrashSafeFile.replace(
                            StoreLayout.snapshot, in: directory, with: SnapshotFile.encode(compacted),
                            fileSystem: fileSystem, keepingPreviousAs: StoreLayout.previousSnapshot)
                    }
                    try removeSegments(keeping: Set(compacted.segments + current.segments))
                }
            }
        } catch {
            _ = try? fileSystem.remove(temporary)
            throw error
        }
    }
}
