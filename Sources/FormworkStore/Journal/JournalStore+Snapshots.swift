import Synchronization

extension JournalStore {
    public func latestSnapshot() throws(StoreError) -> Snapshot? {
        try state.withLock { state throws(StoreError) in
            try usable(state)
            return try withView(&state, exclusive: false) { state, view throws(StoreError) in
                var rejected: [String] = []
                for name in [StoreLayout.snapshot, StoreLayout.previousSnapshot] {
                    let path = StoreLayout.path(directory, name)
                    let kind = try performIO("looking for \(name)") { () throws(FileSystemError) in
                        try fileSystem.kind(of: path)
                    }
                    guard kind == .file else { continue }
                    let snapshot: Snapshot
                    do throws(StoreError) {
                        snapshot = try SnapshotFile.read(path, name: name, fileSystem: fileSystem)
                    } catch  where error.code == .corrupt {
                        rejected.append("\(name) was not used: \(error.message)")
                        continue
                    }
                    // A whole, checksummed snapshot is written only once the records it covers are acknowledged: one
                    // beyond the journal's end proves the journal lost them (it was cut, or an older copy restored),
                    // and no command may go on from the shorter history and write over the lost seqs.
                    if snapshot.seq > view.head.seq {
                        throw StoreError(
                            .corrupt,
                            "the journal ends at seq \(view.head.seq), but \(name) was taken at seq \(snapshot.seq): "
                                + "acknowledged records are missing (the journal was cut, or an older copy restored); "
                                + "restore \(StoreLayout.journal) from a backup",
                            file: StoreLayout.journal, seq: view.head.seq + 1, line: Int(clamping: view.head.seq + 1))
                    }
                    do throws(StoreError) {
                        guard
                            try chainContains(
                                seq: snapshot.seq, hash: Array(snapshot.hash.utf8), in: view, journal: state.journal)
                        else {
                            throw StoreError(
                                .corrupt, "it names seq \(snapshot.seq) with a hash that is not in the journal",
                                file: name)
                        }
                        if !rejected.isEmpty {
                            state.warnings.append(
                                StoreWarning(
                                    .snapshotFallback,
                                    "\(rejected.joined(separator: "; ")); the previous snapshot (seq \(snapshot.seq)) "
                                        + "was used",
                                    file: name))
                        }
                        return snapshot
                    } catch  where error.code == .corrupt {
                        rejected.append("\(name) was not used: \(error.message)")
                    }
                }
                if !rejected.isEmpty {
                    state.warnings.append(StoreWarning(.snapshotFallback, rejected.joined(separator: "; ")))
                }
                return nil
            }
        }
    }

    public func writeSnapshot(_ snapshot: Snapshot, segments: [SegmentFile]) throws(StoreError) {
        _ = try replaceSnapshot(snapshot, prepending: false) { () throws(StoreError) in
            for segment in segments { try writeSegment(segment) }
            return segments.map(\.name)
        }
    }

    /// Writes the segment `merge` makes straight to its file as it is made (a merge into a large store's oldest
    /// segment writes gigabytes: never held in memory), then the snapshot naming it before `snapshot.segments`.
    public func writeSnapshot(_ snapshot: Snapshot, merging merge: SegmentMerge) throws(StoreError) -> Snapshot {
        try replaceSnapshot(snapshot, prepending: true) { () throws(StoreError) in [try writeSegment(merge)] }
    }

    /// The work shared by both ways of writing a snapshot, under the exclusive lock: `write` writes the new segments
    /// and returns their names (put before the ones the snapshot names when `prepending`); every other segment the
    /// snapshot names is checked to exist; then the snapshot file is replaced, and the segments neither it nor the
    /// one before it names are removed. Returns the snapshot written.
    private func replaceSnapshot(
        _ snapshot: Snapshot, prepending: Bool, write: () throws(StoreError) -> [String]
    ) throws(StoreError) -> Snapshot {
        guard snapshot.state.count <= StoreLimits.maxSnapshotBytes else {
            throw StoreError(
                .invalidSnapshot, "the snapshot state is larger than \(StoreLimits.maxSnapshotBytes) bytes")
        }
        guard snapshot.segments.count + (prepending ? 1 : 0) <= StoreLimits.maxSnapshotSegments,
            snapshot.segments.allSatisfy(SegmentFile.isValidName)
        else {
            throw StoreError(
                .invalidSnapshot, "a snapshot names at most \(StoreLimits.maxSnapshotSegments) well-formed segments")
        }
        let hash = Array(snapshot.hash.utf8)
        return try state.withLock { state throws(StoreError) in
            try usable(state)
            return try withView(&state, exclusive: true) { state, view throws(StoreError) in
                guard Checksum.isHex(hash),
                    try chainContains(seq: snapshot.seq, hash: hash, in: view, journal: state.journal)
                else {
                    throw StoreError(
                        .invalidSnapshot,
                        "the snapshot names seq \(snapshot.seq) with hash \(snapshot.hash), which is not in the journal"
                    )
                }
                guard state.writable else {
                    throw StoreError(.io, "the store is read-only: \(directory) cannot be written")
                }
                let written = try write()
                var snapshot = snapshot
                if prepending { snapshot.segments = written + snapshot.segments }
                for name in snapshot.segments where !written.contains(name) {
                    let kind = try performIO("looking for \(name)") { () throws(FileSystemError) in
                        try fileSystem.kind(of: StoreLayout.path(directory, name))
                    }
                    guard kind == .file else {
                        throw StoreError(.invalidSnapshot, "the snapshot names segment \(name), which does not exist")
                    }
                }
                // What `snapshot.previous.dat` is once the new one is in: the current snapshot, renamed; or, when
                // there is none (a replacement killed between its renames leaves none), the previous one as it
                // is. Its segments are kept with the new snapshot's.
                let current =
                    (try? SnapshotFile.read(
                        StoreLayout.path(directory, StoreLayout.snapshot), name: StoreLayout.snapshot,
                        fileSystem: fileSystem))
                    ?? (try? SnapshotFile.read(
                        StoreLayout.path(directory, StoreLayout.previousSnapshot), name: StoreLayout.previousSnapshot,
                        fileSystem: fileSystem))
                try performIO("writing \(StoreLayout.snapshot)") { () throws(FileSystemError) in
                    try CrashSafeFile.replace(
                        StoreLayout.snapshot, in: directory, with: SnapshotFile.encode(snapshot),
                        fileSystem: fileSystem,
                        afterTempWrite: .snapshotAfterTempWrite, afterRename: .snapshotAfterRename,
                        keepingPreviousAs: StoreLayout.previousSnapshot)
                }
                try removeSegments(keeping: Set(snapshot.segments + (current?.segments ?? [])))
                return snapshot
            }
        }
    }

    /// Writes the segment `merge` makes to a temp file as it is made, puts its identity in its header, syncs it and
    /// renames it to its name (a file of that name holds the same bytes, or is that segment damaged: either way it
    /// is replaced), then syncs the directory. Returns the name.
    private func writeSegment(_ merge: SegmentMerge) throws(StoreError) -> String {
        let name = try writeSegment(merge, to: StoreLayout.segmentInProgress)
        try performIO("writing \(name)") { () throws(FileSystemError) in
            try fileSystem.rename(
                StoreLayout.path(directory, StoreLayout.segmentInProgress), to: StoreLayout.path(directory, name))
            try fileSystem.syncDirectory(directory)
        }
        return name
    }

    /// Writes the segment `merge` makes to the temp file `temporary` (a stale one is removed first), puts its
    /// identity in its header and syncs it. Returns the segment's name; the temp file is removed on a failure.
    func writeSegment(_ merge: SegmentMerge, to temporary: String) throws(StoreError) -> String {
        let path = StoreLayout.path(directory, temporary)
        let file = try performIO("writing a segment") { () throws(FileSystemError) in
            try fileSystem.remove(path)
            return try fileSystem.open(path, mode: .createNew)
        }
        do throws(StoreError) {
            let (identity, _) = try SegmentFormat.write(merge) { piece throws(StoreError) in
                try performIO("writing a segment") { () throws(FileSystemError) in try file.append(piece) }
            }
            let name = SegmentFile.name(identity: identity)
            try performIO("writing \(name)") { () throws(FileSystemError) in
                try file.write(identity, at: Int64(SegmentFormat.identityRange.lowerBound))
                try file.sync()
            }
            file.close()
            return name
        } catch {
            file.close()
            _ = try? fileSystem.remove(path)
            throw error
        }
    }

    /// Writes a segment file crash-safely (temp file, fsync, rename, directory fsync) unless a file with its
    /// bytes exists: its name is derived from its content. A file of that name with other bytes is the same
    /// segment damaged (a rebuild after damage makes the segment it was again): it is replaced.
    private func writeSegment(_ segment: SegmentFile) throws(StoreError) {
        try performIO("writing \(segment.name)") { () throws(FileSystemError) in
            let path = StoreLayout.path(directory, segment.name)
            if try fileSystem.kind(of: path) == .file {
                let existing = try fileSystem.open(path, mode: .read)
                defer { existing.close() }
                if try existing.size() == Int64(segment.bytes.count), try Self.holds(existing, segment.bytes) {
                    return
                }
            }
            try CrashSafeFile.replace(segment.name, in: directory, with: segment.bytes, fileSystem: fileSystem)
        }
    }

    /// Whether `file` holds exactly `bytes`, compared a megabyte at a time (a snapshot's segment can be hundreds of
    /// megabytes: read whole, it needed as much memory again).
    private static func holds(_ file: any StoreFile, _ bytes: [UInt8]) throws(FileSystemError) -> Bool {
        let piece = 1 << 20
        var start = 0
        while start < bytes.count {
            let count = min(piece, bytes.count - start)
            guard try file.read(at: Int64(start), count: count).elementsEqual(bytes[start..<(start + count)]) else {
                return false
            }
            start += count
        }
        return true
    }

    /// Removes the segment files (and leftover temp files of segments, and of a segment being written) that `keep`
    /// does not name.
    func removeSegments(keeping keep: Set<String>) throws(StoreError) {
        try performIO("removing old segments") { () throws(FileSystemError) in
            for name in try fileSystem.entries(in: directory) {
                let base = name.hasSuffix(".tmp") ? String(name.dropLast(4)) : name
                guard
                    name == StoreLayout.segmentInProgress
                        || (SegmentFile.isValidName(base) && (name != base || !keep.contains(name)))
                else { continue }
                _ = try fileSystem.remove(StoreLayout.path(directory, name))
            }
        }
    }

    public func segment(named name: String) throws(StoreError) -> Segment {
        guard SegmentFile.isValidName(name) else {
            throw StoreError(.invalidSnapshot, "'\(name)' is not the name of a segment")
        }
        let file = try performIO("opening \(name)") { () throws(FileSystemError) in
            try fileSystem.open(StoreLayout.path(directory, name), mode: .read)
        }
        let size = try performIO("reading \(name)") { () throws(FileSystemError) in try file.size() }
        return try Segment(name: name, bytes: FileSegmentBytes(file: file, name: name), size: UInt64(max(0, size)))
    }
}

/// A segment file, read with `pread`; closed when the last reader lets go of it.
final class FileSegmentBytes: SegmentBytes {
    let file: any StoreFile
    let name: String

    init(file: any StoreFile, name: String) {
        self.file = file
        self.name = name
    }

    deinit { file.close() }

    func read(at offset: UInt64, count: Int) throws(StoreError) -> [UInt8] {
        guard offset <= UInt64(Int64.max) else { return [] }
        return try performIO("reading \(name)") { () throws(FileSystemError) in
            try file.read(at: Int64(offset), count: count)
        }
    }
}
