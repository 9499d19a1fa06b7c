extension JournalStore {
    /// Looks at the journal's tail since the index's covered point (only the bytes appended since the last look,
    /// when nothing else changed), checking every line. Returns `nil` when a repair is needed and the lock is only
    /// shared: the caller retakes it exclusively and asks again.
    ///
    /// When the stamps (the journal's size, the index's identity and size, the lock file's generation) are those
    /// recorded when the cached view was last known to be right, no store process wrote, cut, repaired,
    /// checkpointed or rebuilt anything since (each raises the generation first), and the cached view is
    /// returned without reading either file.
    func refresh(_ state: inout State, exclusive: Bool) throws(StoreError) -> TailView? {
        let journal = state.journal
        let stamps = try currentStamps(of: journal, lock: state.lock)
        state.generation = stamps.generation
        state.stamps = stamps
        if fileSystem.stampsFiles, let cached = state.view, let verified = state.verified, verified == stamps {
            return cached
        }
        state.verified = nil
        state.journalSize = stamps.journalSize
        // Everything below reads the records only: up to where the padding begins.
        let found = try performIO("reading the journal's end") { () throws(FileSystemError) in
            try JournalPadding.dataEnd(of: journal, size: stamps.journalSize)
        }
        guard let size = found else { throw JournalPadding.tooMuchPadding(size: stamps.journalSize) }
        var header: IndexHeader
        var indexUsable = true
        if let found = try performIO("reading the index", { () throws(FileSystemError) in try index.header() }) {
            header = found
        } else if !state.writable {
            header = .empty
            indexUsable = false
        } else if !exclusive {
            return nil
        } else {
            return try rebuildIndex(&state, size: size)
        }
        try checkCovered(header, journal: journal, size: size)

        var lines: TailLines = []
        var scanner: ChainScanner
        var from: Int64
        if let cached = state.view, cached.header == header, cached.indexUsable == indexUsable,
            cached.head.end <= size, try lineIsIntact(cached.head, in: journal)
        {
            lines = cached.lines
            from = cached.head.end
            scanner = ChainScanner(
                after: cached.head.seq, hash: cached.head.hash, end: cached.head.end, start: cached.head.start,
                tolerateTornTail: true)
        } else {
            from = header.coveredEnd
            scanner = ChainScanner(
                after: header.coveredSeq, hash: header.coveredHash, end: header.coveredEnd, start: header.coveredStart,
                tolerateTornTail: true)
        }
        var added: [TailView.Line] = []
        try performIO("reading the journal") { () throws(FileSystemError) in
            try LineReader.forEachLine(in: journal, from: from, to: size) { start, bytes, ending in
                if let record = scanner.feed(offset: start, line: bytes, ending: ending) {
                    added.append(
                        TailView.Line(
                            start: start, end: start + Int64(bytes.count) + 1, seq: record.seq, hash: record.hash,
                            commandID: record.commandID, index: record.index, count: record.count))
                }
                return !scanner.isStopped
            }
        }
        var unchanged = true
        switch scanner.finish() {
        case .clean:
            break
        case .corrupt(let error):
            throw error
        case .torn(let torn):
            try refuseIfAcknowledged(torn)
            if state.writable {
                guard exclusive else { return nil }
                try repair(torn, size: size, state: &state)
            }
            // Read-only, the torn bytes stay in the file: the stamps still describe what was looked at.
            unchanged = !state.writable
            added.removeAll { $0.start >= torn.offset }
        }
        lines += added
        let head = TailView.Head(
            seq: scanner.head.seq, hash: scanner.head.hash, start: scanner.head.start, end: scanner.head.end)
        let view = TailView(header: header, indexUsable: indexUsable, lines: lines, head: head)
        state.view = view
        // After a repair the journal is not what the stamps saw: the next call looks again.
        state.verified = unchanged ? stamps : nil
        return view
    }

    /// The journal's size, the index's stamp and the lock file's generation now.
    func currentStamps(of journal: any StoreFile, lock: any StoreFile) throws(StoreError) -> Stamps {
        let journalSize = try performIO("reading the journal's size") { () throws(FileSystemError) in
            try journal.size()
        }
        let indexStamp = try performIO("reading the index") { () throws(FileSystemError) in
            try fileSystem.stamp(of: index.path).map(Stamps.identity)
        }
        let generation = try performIO("reading the lock file") { () throws(FileSystemError) in
            try Self.generation(of: lock)
        }
        return Stamps(journalSize: journalSize, index: indexStamp, generation: generation)
    }

    /// The line the index says it covers must be in the journal, unchanged: otherwise the journal lost
    /// acknowledged records or was replaced, and the store refuses to open.
    private func checkCovered(_ header: IndexHeader, journal: any StoreFile, size: Int64) throws(StoreError) {
        guard header.coveredSeq > 0 else { return }
        let seq = header.coveredSeq
        guard size >= header.coveredEnd else {
            if let damage = try firstDamage(in: journal, before: size) { throw damage }
            throw StoreError(
                .corrupt,
                "\(StoreLayout.journal) holds \(size) bytes of records, but \(StoreLayout.index) records seq \(seq) "
                    + "ending at byte "
                    + "\(header.coveredEnd): acknowledged records are missing (the journal was cut or replaced)",
                file: StoreLayout.journal, seq: seq, line: Int(clamping: seq))
        }
        let line = try performIO("reading the journal") { () throws(FileSystemError) in
            try LineReader.line(in: journal, at: header.coveredStart, before: header.coveredEnd)
        }
        let parsed = line.flatMap { line in line.end == header.coveredEnd ? try? RecordLine.parse(line.bytes[...]) : nil
        }
        guard let parsed, parsed.seq == seq, parsed.hash == header.coveredHash else {
            if let damage = try firstDamage(in: journal, before: header.coveredEnd) { throw damage }
            throw StoreError(
                .corrupt,
                "the record does not match \(StoreLayout.index), which covers the journal up to it: the record was "
                    + "altered, or the journal replaced (if the journal is the one to trust, remove "
                    + "\(StoreLayout.index) and it is rebuilt)",
                file: StoreLayout.journal, seq: seq, line: Int(clamping: seq))
        }
    }

    /// The first bad record before `end`, found by checking the chain from the start: only on the way to refusing
    /// to open, so that the error names the record rather than the index's covered point.
    private func firstDamage(in journal: any StoreFile, before end: Int64) throws(StoreError) -> StoreError? {
        var scanner = ChainScanner(after: 0, hash: Checksum.zeroHexBytes, end: 0, tolerateTornTail: false)
        try performIO("reading the journal") { () throws(FileSystemError) in
            try LineReader.forEachLine(in: journal, from: 0, to: end) { start, bytes, ending in
                _ = scanner.feed(offset: start, line: bytes, ending: ending)
                return !scanner.isStopped
            }
        }
        guard let problem = scanner.firstProblem else { return nil }
        return StoreError(
            .corrupt, problem.message, file: StoreLayout.journal, seq: problem.seq, line: Int(clamping: problem.seq))
    }

    /// True when the line `head` names still holds the same bytes (no other process cut and rewrote the tail).
    private func lineIsIntact(_ head: TailView.Head, in journal: any StoreFile) throws(StoreError) -> Bool {
        guard head.seq > 0 else { return head.end == 0 }
        let bytes = try performIO("reading the journal") { () throws(FileSystemError) in
            try journal.read(at: head.start, count: Int(head.end - head.start))
        }
        guard bytes.count == Int(head.end - head.start), bytes.last == 0x0a, bytes.count > 65 else { return false }
        return bytes[(bytes.count - 65)..<(bytes.count - 1)].elementsEqual(head.hash)
            && Checksum.hex(of: bytes[..<(bytes.count - 66)]) == head.hash
    }

    /// A snapshot is written only once the records it covers are acknowledged: a whole, checksummed one taken at
    /// or after the torn batch proves that the journal lost acknowledged records (it was cut or overwritten after
    /// the fact) rather than that a write was interrupted, and the store refuses to open instead of cutting them
    /// off as unacknowledged, as it does when the index covers them.
    private func refuseIfAcknowledged(_ torn: ChainScanner.TornTail) throws(StoreError) {
        for name in [StoreLayout.snapshot, StoreLayout.previousSnapshot] {
            let path = StoreLayout.path(directory, name)
            guard (try? fileSystem.kind(of: path)) == .file,
                let snapshot = try? SnapshotFile.read(path, name: name, fileSystem: fileSystem),
                snapshot.seq >= torn.seq
            else { continue }
            throw StoreError(
                .corrupt,
                "the journal breaks off at seq \(torn.seq) (\(torn.reason)), but \(name) was taken at seq "
                    + "\(snapshot.seq): acknowledged records are missing (the journal was cut or overwritten); "
                    + "restore \(StoreLayout.journal) from a backup",
                file: StoreLayout.journal, seq: torn.seq, line: Int(clamping: torn.seq))
        }
    }

    /// Copies the torn bytes aside (`journal.torn-<seq>`, without the padding before them), then cuts the journal
    /// to its last complete batch.
    func repair(_ torn: ChainScanner.TornTail, size: Int64, state: inout State) throws(StoreError) {
        let journal = state.journal
        try announceChange(&state)
        let (name, copied) = try performIO("saving the torn tail") { () throws(FileSystemError) -> (String, Int64) in
            var name = StoreLayout.tornPrefix + String(torn.seq)
            var attempt = 1
            while try fileSystem.kind(of: StoreLayout.path(directory, name)) != .missing {
                attempt += 1
                name = StoreLayout.tornPrefix + String(torn.seq) + "." + String(attempt)
            }
            let copy = try fileSystem.open(StoreLayout.path(directory, name), mode: .createNew)
            defer { copy.close() }
            let first = try JournalPadding.skip(in: journal, from: torn.offset, to: size)
            var offset = first
            while offset < size {
                let chunk = try journal.read(at: offset, count: Int(min(1 << 20, size - offset)))
                if chunk.isEmpty { break }
                try copy.append(chunk)
                offset += Int64(chunk.count)
            }
            try copy.sync()
            try fileSystem.syncDirectory(directory)
            return (name, offset - first)
        }
        // Cut at the last complete batch, padding and all: the next write grows the journal again.
        try performIO("cutting the torn tail off the journal") { () throws(FileSystemError) in
            try journal.truncate(to: torn.offset)
            try journal.syncData()
        }
        state.view = nil
        state.verified = nil
        state.warnings.append(
            StoreWarning(
                .tornTailRepaired,
                "\(StoreLayout.journal):\(torn.seq): an unfinished write at the end of the journal (seq \(torn.seq) "
                    + "onwards, \(copied) bytes: \(torn.reason)) was never acknowledged; it was cut off "
                    + "and copied to \(name)",
                file: name))
    }

    /// Rebuilds a missing or unreadable index from the whole journal (repairing a torn tail on the way).
    private func rebuildIndex(_ state: inout State, size: Int64) throws(StoreError) -> TailView {
        let journal = state.journal
        try announceChange(&state)
        forgetIndexReader(&state)
        var scanner = ChainScanner(after: 0, hash: Checksum.zeroHexBytes, end: 0, tolerateTornTail: true)
        var entries: [(UInt64, Int64)] = []
        try performIO("reading the journal") { () throws(FileSystemError) in
            try LineReader.forEachLine(in: journal, from: 0, to: size) { start, bytes, ending in
                if let record = scanner.feed(offset: start, line: bytes, ending: ending), record.index == 0 {
                    entries.append((CommandIndex.fingerprint(record.commandID), start))
                }
                return !scanner.isStopped
            }
        }
        switch scanner.finish() {
        case .clean: break
        case .corrupt(let error): throw error
        case .torn(let torn):
            try refuseIfAcknowledged(torn)
            try repair(torn, size: size, state: &state)
            entries.removeAll { $0.1 >= torn.offset }
        }
        var covered = IndexHeader.empty
        covered.coveredSeq = scanner.head.seq
        covered.coveredStart = scanner.head.start
        covered.coveredEnd = scanner.head.end
        covered.coveredHash = scanner.head.hash
        let header = try performIO("rebuilding the index") { () throws(FileSystemError) in
            try index.rebuild(adding: entries, covering: covered, from: nil)
        }
        state.warnings.append(
            StoreWarning(
                .indexRebuilt,
                "\(StoreLayout.index) was missing or unreadable; it was rebuilt from the journal (\(entries.count) "
                    + "batches)",
                file: StoreLayout.index))
        let head = TailView.Head(
            seq: scanner.head.seq, hash: scanner.head.hash, start: scanner.head.start, end: scanner.head.end)
        let view = TailView(header: header, indexUsable: true, lines: [], head: head)
        state.view = view
        return view
    }

    /// Closes the index kept open for reading: this store is about to write the index, or replace it.
    func forgetIndexReader(_ state: inout State) {
        state.indexReader?.file.close()
        state.indexReader = nil
    }

    /// Runs `body` with `index.bin` open for reading (`nil` when there is none): the file kept from an earlier
    /// call while the last look's stamp still names it, else opened now, and kept when the file system stamps
    /// files (otherwise nothing tells when it is replaced, and it is closed again).
    func withIndexReader<T>(
        _ state: inout State, _ body: ((any StoreFile)?) throws(FileSystemError) -> T
    ) throws(FileSystemError) -> T {
        let stamp = fileSystem.stampsFiles ? state.stamps?.index : nil
        if let kept = state.indexReader {
            if let stamp, kept.device == stamp.device, kept.inode == stamp.inode { return try body(kept.file) }
            forgetIndexReader(&state)
        }
        guard let file = try index.openForReading() else { return try body(nil) }
        guard let stamp else {
            defer { file.close() }
            return try body(file)
        }
        state.indexReader = (stamp.device, stamp.inode, file)
        return try body(file)
    }
}
