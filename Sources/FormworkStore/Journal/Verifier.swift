/// The whole-store check behind `verify()`: every journal line (checksum, grammar, seq, chain, batch structure,
/// body JSON, unique command ids), the command index against the journal, and the snapshots against the chain.
struct Verifier {
    let directory: String
    let fileSystem: any StoreFileSystem
    let journal: any StoreFile
    let lock: any StoreFile
    let lockTimeoutMilliseconds: Int

    /// What is read under the lock before the journal is scanned without it.
    private struct Plan {
        var size: Int64
        var header: IndexHeader?
        var tableEntries: Set<IndexEntry>
        var snapshots: [(name: String, result: Result<Snapshot, StoreError>)]
        /// The first damaged or missing segment a snapshot names.
        var segmentProblem: VerifyProblem?
        /// The journal ends with more padding than a store writes (its records were not read).
        var paddingProblem: VerifyProblem?
        /// The latest readable snapshot's segments: how many, and their bytes.
        var segments = 0
        var segmentBytes = 0
    }

    private struct IndexEntry: Hashable {
        var fingerprint: UInt64
        var offset: Int64
    }

    func run() throws(StoreError) -> VerifyReport {
        let plan = try readPlan()
        if let problem = plan.paddingProblem {
            return VerifyReport(
                recordCount: 0, head: StoreHead(seq: 0, hash: String(repeating: "0", count: 64)), problem: problem)
        }
        var scanner = ChainScanner(after: 0, hash: Checksum.zeroHexBytes, end: 0, tolerateTornTail: true)
        var problem: VerifyProblem?
        var commandIDs: Set<String> = []
        let wanted = Set(plan.snapshots.compactMap { try? $0.result.get().seq })
        var hashes: [UInt64: [UInt8]] = [:]
        let header = plan.header
        try performIO("reading the journal") { () throws(FileSystemError) in
            try LineReader.forEachLine(in: journal, from: 0, to: plan.size) { start, bytes, ending in
                guard let record = scanner.feed(offset: start, line: bytes, ending: ending) else {
                    return !scanner.isStopped
                }
                problem = check(record, line: bytes, start: start, header: header, plan: plan, commandIDs: &commandIDs)
                if wanted.contains(record.seq) { hashes[record.seq] = record.hash }
                return problem == nil
            }
        }
        let head = StoreHead(seq: scanner.head.seq, hash: String(decoding: scanner.head.hash, as: UTF8.self))
        var warnings: [StoreWarning] = []
        if problem == nil {
            switch scanner.finish() {
            case .clean: break
            case .corrupt(let error):
                problem = VerifyProblem(
                    file: StoreLayout.journal, seq: error.seq, line: error.line, message: error.message)
            case .torn(let torn):
                warnings.append(
                    StoreWarning(
                        .tornTailFound,
                        "\(StoreLayout.journal):\(torn.seq): the journal ends with an unfinished, unacknowledged "
                            + "write (\(torn.reason)); it is cut off the next time the store is opened for writing"))
            }
        }
        if problem == nil { problem = indexProblem(header, head: head) }
        if problem == nil { problem = snapshotProblem(plan, hashes: hashes, head: head) }
        return VerifyReport(
            recordCount: problem.flatMap { $0.file == StoreLayout.journal ? $0.seq.map { $0 - 1 } : nil } ?? head.seq,
            head: head, problem: problem, warnings: warnings, segments: plan.segments, segmentBytes: plan.segmentBytes)
    }

    /// The size, index and snapshots, read under the shared lock so they agree with each other.
    private func readPlan() throws(StoreError) -> Plan {
        try JournalStore.acquire(lock, exclusive: false, timeoutMilliseconds: lockTimeoutMilliseconds)
        defer { _ = try? lock.unlock() }
        let index = CommandIndex(fileSystem: fileSystem, directory: directory)
        let fileSize = try performIO("reading the journal's size") { () throws(FileSystemError) in try journal.size() }
        let found = try performIO("reading the journal's end") { () throws(FileSystemError) in
            try JournalPadding.dataEnd(of: journal, size: fileSize)
        }
        // More padding than a store writes is a problem to report (exit 1), with nothing read past it.
        guard let size = found else {
            return Plan(
                size: 0, header: nil, tableEntries: [], snapshots: [], segmentProblem: nil,
                paddingProblem: VerifyProblem(
                    file: StoreLayout.journal, seq: nil, line: nil,
                    message: JournalPadding.tooMuchPadding(size: fileSize).message))
        }
        let header = try performIO("reading the index") { () throws(FileSystemError) in try index.header() }
        var entries: Set<IndexEntry> = []
        if let header {
            entries = try performIO("reading the index") { () throws(FileSystemError) in
                let file = try fileSystem.open(index.path, mode: .read)
                defer { file.close() }
                return Set(
                    try CommandIndex.entries(of: file, capacity: header.capacity).map {
                        IndexEntry(fingerprint: $0.0, offset: $0.1)
                    })
            }
        }
        var snapshots: [(String, Result<Snapshot, StoreError>)] = []
        for name in [StoreLayout.snapshot, StoreLayout.previousSnapshot] {
            let path = StoreLayout.path(directory, name)
            let kind = try performIO("looking for \(name)") { () throws(FileSystemError) in
                try fileSystem.kind(of: path)
            }
            guard kind != .missing else { continue }
            do throws(StoreError) {
                snapshots.append((name, .success(try SnapshotFile.read(path, name: name, fileSystem: fileSystem))))
            } catch  where error.code == .corrupt {
                snapshots.append((name, .failure(error)))
            }
        }
        var segmentProblem: VerifyProblem?
        let named = snapshots.compactMap { try? $0.1.get() }.flatMap(\.segments)
        var sizes: [String: Int64] = [:]
        for name in Set(named).sorted() where segmentProblem == nil {
            do throws(StoreError) {
                let file = try performIO("opening \(name)") { () throws(FileSystemError) in
                    try fileSystem.open(StoreLayout.path(directory, name), mode: .read)
                }
                let size = try performIO("reading \(name)") { () throws(FileSystemError) in try file.size() }
                sizes[name] = size
                try Segment(name: name, bytes: FileSegmentBytes(file: file, name: name), size: UInt64(max(0, size)))
                    .verify()
            } catch {
                segmentProblem = VerifyProblem(file: name, seq: nil, line: nil, message: error.message)
            }
        }
        let latest = snapshots.lazy.compactMap { try? $0.1.get() }.first?.segments ?? []
        return Plan(
            size: size, header: header, tableEntries: entries, snapshots: snapshots, segmentProblem: segmentProblem,
            paddingProblem: nil, segments: latest.count,
            segmentBytes: latest.reduce(0) { $0 + Int(clamping: sizes[$1] ?? 0) })
    }

    /// The checks beyond the chain for one good record.
    private func check(
        _ record: RecordLine, line: ArraySlice<UInt8>, start: Int64, header: IndexHeader?, plan: Plan,
        commandIDs: inout Set<String>
    ) -> VerifyProblem? {
        func problem(_ file: String, _ message: String) -> VerifyProblem {
            VerifyProblem(file: file, seq: record.seq, line: Int(clamping: record.seq), message: message)
        }
        let base = line.startIndex
        let body = line[(base + record.bodyRange.lowerBound)..<(base + record.bodyRange.upperBound)]
        if let bodyProblem = body.withUnsafeBufferPointer({ JSONText.objectProblem($0) }) {
            return problem(StoreLayout.journal, bodyProblem)
        }
        if record.index == 0 {
            guard commandIDs.insert(record.commandID).inserted else {
                return problem(
                    StoreLayout.journal, "batch \(record.commandID) was already committed earlier in the journal")
            }
            if let header, record.seq <= header.coveredSeq,
                !plan.tableEntries.contains(
                    IndexEntry(fingerprint: CommandIndex.fingerprint(record.commandID), offset: start))
            {
                return problem(StoreLayout.index, "the index has no entry for batch \(record.commandID)")
            }
        }
        if let header, record.seq == header.coveredSeq {
            let end = start + Int64(line.count) + 1
            guard start == header.coveredStart, end == header.coveredEnd, record.hash == header.coveredHash else {
                return problem(StoreLayout.index, "the index's covered point does not match this record")
            }
        }
        return nil
    }

    private func indexProblem(_ header: IndexHeader?, head: StoreHead) -> VerifyProblem? {
        guard let header else {
            return VerifyProblem(
                file: StoreLayout.index, seq: nil, line: nil,
                message: "the index is missing or unreadable (it is rebuilt the next time the store is opened)")
        }
        guard header.coveredSeq <= head.seq else {
            return VerifyProblem(
                file: StoreLayout.journal, seq: head.seq + 1, line: Int(clamping: head.seq + 1),
                message: "the journal ends at seq \(head.seq) but the index covers it up to seq \(header.coveredSeq): "
                    + "acknowledged records are missing")
        }
        return nil
    }

    private func snapshotProblem(_ plan: Plan, hashes: [UInt64: [UInt8]], head: StoreHead) -> VerifyProblem? {
        for (name, result) in plan.snapshots {
            switch result {
            case .failure(let error):
                return VerifyProblem(file: name, seq: nil, line: nil, message: error.message)
            case .success(let snapshot):
                if snapshot.seq > head.seq {
                    // Taken only once its records were acknowledged: the journal lost them.
                    return VerifyProblem(
                        file: StoreLayout.journal, seq: head.seq + 1, line: Int(clamping: head.seq + 1),
                        message: "the journal ends at seq \(head.seq), but \(name) was taken at seq \(snapshot.seq): "
                            + "acknowledged records are missing (the journal was cut, or an older copy restored)")
                }
                let known = snapshot.seq == 0 ? Checksum.zeroHexBytes : hashes[snapshot.seq]
                guard let known, known.elementsEqual(snapshot.hash.utf8) else {
                    return VerifyProblem(
                        file: name, seq: nil, line: nil,
                        message: "the snapshot names seq \(snapshot.seq) with a hash that is not in the journal")
                }
            }
        }
        return plan.segmentProblem
    }
}
