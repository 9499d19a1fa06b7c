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
                    do throws(StoreError) {
                        let snapshot = try SnapshotFile.read(path, name: name, fileSystem: fileSystem)
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

    public func writeSnapshot(_ snapshot: Snapshot) throws(StoreError) {
        guard snapshot.state.count <= StoreLimits.maxSnapshotBytes else {
            throw StoreError(
                .invalidSnapshot, "the snapshot state is larger than \(StoreLimits.maxSnapshotBytes) bytes")
        }
        let hash = Array(snapshot.hash.utf8)
        try state.withLock { state throws(StoreError) in
            try usable(state)
            try withView(&state, exclusive: true) { state, view throws(StoreError) in
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
                try performIO("writing \(StoreLayout.snapshot)") { () throws(FileSystemError) in
                    try CrashSafeFile.replace(
                        StoreLayout.snapshot, in: directory, with: SnapshotFile.encode(snapshot),
                        fileSystem: fileSystem,
                        afterTempWrite: .snapshotAfterTempWrite, afterRename: .snapshotAfterRename,
                        keepingPreviousAs: StoreLayout.previousSnapshot)
                }
            }
        }
    }
}
