import Synchronization

extension JournalStore {
    public func append(
        _ drafts: [RecordDraft], commandID: String, expecting expected: StoreHead?
    ) throws(StoreError)
        -> [StoredRecord]
    {
        try DraftCheck.check(drafts, commandID: commandID)
        // With a head to expect, the batch is encoded before the lock is taken, as a prepared batch would be. (A
        // head that is no hash at all is left to the locked path, which finds it is not the head.)
        if let expected, case let prev = Array(expected.hash.utf8), Checksum.isHex(prev) {
            return try commit(PreparedBatch(checked: drafts, commandID: commandID, after: expected, prev: prev))
        }
        return try appendLocked(commandID: commandID, expecting: expected) { view in
            PreparedBatch(checked: drafts, commandID: commandID, after: view.publicHead, prev: view.head.hash)
        }
    }

    public func commit(_ batch: PreparedBatch) throws(StoreError) -> [StoredRecord] {
        try appendLocked(commandID: batch.commandID, expecting: batch.after) { _ in batch }
    }

    /// Takes the lock once for all `batches`: while it is held no other writer can come in between, so the
    /// journal is looked at once, and each batch is then checked against the head the one before it left.
    public func commit(
        contentsOf batches: [PreparedBatch], settle: (Int, Result<[StoredRecord], StoreError>) -> Void
    ) {
        var next = 0
        do throws(StoreError) {
            try state.withLock { state throws(StoreError) in
                try usable(state)
                try withView(&state, exclusive: true) { state, first throws(StoreError) in
                    var view = first
                    while next < batches.count {
                        let batch = batches[next]
                        next += 1
                        let outcome: Result<[StoredRecord], StoreError>
                        do throws(StoreError) {
                            outcome = .success(
                                try appendHolding(
                                    commandID: batch.commandID, expecting: batch.after, view: view, state: &state
                                ) { _ in batch })
                        } catch {
                            outcome = .failure(error)
                        }
                        settle(next - 1, outcome)
                        finishWrite(&state)
                        // After a failed write the view is gone; the batches left are looked at afresh.
                        guard let current = state.view else { return }
                        view = current
                    }
                }
            }
        } catch  where next < batches.count {
            settle(next, .failure(error))
            next += 1
        } catch {
            // Only the lock and the look at the journal throw, before any batch: every batch has its outcome.
        }
        // What is left (a failed look at the journal, or a failed write) goes the one-at-a-time way.
        commitOneByOne(batches, from: next, settle: settle)
    }

    /// Takes the lock and looks at the journal, then `appendHolding`.
    private func appendLocked(
        commandID: String, expecting expected: StoreHead?, _ prepare: (TailView) -> PreparedBatch
    ) throws(StoreError) -> [StoredRecord] {
        try state.withLock { state throws(StoreError) in
            try usable(state)
            return try withView(&state, exclusive: true) { state, view throws(StoreError) in
                let records = try appendHolding(
                    commandID: commandID, expecting: expected, view: view, state: &state, prepare)
                finishWrite(&state)
                return records
            }
        }
    }

    /// With the lock held and `view` current: the batch already committed under `commandID`, or a `.conflict`
    /// when the head is not `expected`, or else the batch `prepare` gives for the view, written and synced.
    private func appendHolding(
        commandID: String, expecting expected: StoreHead?, view: TailView, state: inout State,
        _ prepare: (TailView) -> PreparedBatch
    ) throws(StoreError) -> [StoredRecord] {
        if let stored = try committedBatch(commandID, in: view, state: &state) { return stored }
        if let expected, expected != view.publicHead {
            throw StoreError(
                .conflict, "another writer appended since seq \(expected.seq); the head is now \(view.publicHead)")
        }
        guard state.writable else {
            throw StoreError(.io, "the store is read-only: \(directory) cannot be written")
        }
        return try write(prepare(view), after: view, state: &state)
    }

    /// Writes the batch with one write and one fdatasync; undoes it when either fails.
    private func write(
        _ batch: PreparedBatch, after view: TailView, state: inout State
    ) throws(StoreError) -> [StoredRecord] {
        let records = batch.records
        var lines: [TailView.Line] = []
        lines.reserveCapacity(records.count)
        var start = view.head.end
        for (record, end) in zip(records, batch.lineEnds) {
            let lineEnd = view.head.end + Int64(end)
            lines.append(
                TailView.Line(
                    start: start, end: lineEnd, seq: record.seq, hash: Array(record.hash.utf8),
                    commandID: record.commandID, index: record.index, count: records.count))
            start = lineEnd
        }
        let journal = state.journal
        let end = view.head.end + Int64(batch.lines.count)
        let grows = end > state.journalSize
        if grows && options.journalPadding > 0 && state.formatVersion < 2 { try raiseFormat(&state) }
        try announceChange(&state)
        Failpoint.beforeWrite.reached()
        do throws(FileSystemError) {
            // Over the padding when the batch fits in it: the size does not change, so the sync writes the data
            // alone. Otherwise the batch and a new stretch of padding after it, in the same write.
            if grows && options.journalPadding > 0 {
                let size = JournalPadding.grownSize(toHold: end, chunk: options.journalPadding)
                do {
                    try journal.write(
                        batch.lines, thenRepeating: JournalPadding.byte, count: Int(size - end), at: view.head.end)
                    state.journalSize = size
                } catch  where error.errno == SystemErrors.noSpace {
                    // No room for the padding: the batch alone, as format 1 appends it (what a failed write
                    // left after the records is cut first).
                    try journal.truncate(to: view.head.end)
                    try journal.write(batch.lines, at: view.head.end)
                    state.journalSize = end
                }
            } else {
                try journal.write(batch.lines, at: view.head.end)
                state.journalSize = max(state.journalSize, end)
            }
            Failpoint.afterWriteBeforeFsync.reached()
            // A failed fdatasync is final for this batch: never retried, never acknowledged (fsyncgate).
            try journal.syncData()
        } catch {
            undoWrite(to: view.head.end, state: &state)
            throw StoreError.io(error, "appending batch \(batch.commandID) to the journal")
        }
        Failpoint.afterFsyncBeforeAck.reached()
        guard let last = lines.last else { return records }
        var next = view
        next.lines += lines
        next.head = TailView.Head(seq: last.seq, hash: last.hash, start: last.start, end: last.end)
        state.view = next
        state.verified = nil
        state.unfinishedWrite = true
        return records
    }

    /// After a batch is written and its outcome reported: moves the index's covered point when it is due, and
    /// takes the stamps the view now describes. Apart from `write` so that a queued batch is acknowledged
    /// without waiting for the index's two syncs (the lock is still held, so no other writer comes between).
    func finishWrite(_ state: inout State) {
        guard state.unfinishedWrite, let view = state.view else { return }
        state.unfinishedWrite = false
        let (checked, indexCurrent) = checkpointIfDue(view, state: &state)
        state.view = checked
        // The view is what this process just wrote (and checkpointed): with the lock still held, the files'
        // stamps now are the ones that view describes. After a failed checkpoint the index may hold a header the
        // view does not know, so the next call looks again.
        guard indexCurrent && fileSystem.stampsFiles, let before = state.stamps else { return }
        // The journal's size and the generation are the ones this store wrote; only an index it checkpointed is
        // stamped again.
        let stamps = try? Stamps(
            journalSize: state.journalSize,
            index: checked.header == view.header ? before.index : fileSystem.stamp(of: index.path).map(Stamps.identity),
            generation: state.generation)
        state.stamps = stamps
        state.verified = stamps
    }

    /// Raises a format-1 store to format 2 before its journal is first grown ahead: a build that reads format 1
    /// only would take the padding for an unfinished write. The marker is replaced crash-safely; the journal is
    /// the same.
    private func raiseFormat(_ state: inout State) throws(StoreError) {
        try performIO("raising the store to format 2") { () throws(FileSystemError) in
            try CrashSafeFile.replace(
                StoreLayout.marker, in: directory, with: StoreLayout.markerBytes(version: 2), fileSystem: fileSystem)
        }
        state.formatVersion = 2
    }

    /// Cuts off the bytes of a failed append, so no later reader takes them for committed records. If even that
    /// fails, the store refuses every later call until it is reopened (and the next open repairs the tail).
    private func undoWrite(to size: Int64, state: inout State) {
        state.view = nil
        state.verified = nil
        do throws(FileSystemError) {
            // The padding after it goes too: the next write grows the journal again.
            try state.journal.truncate(to: size)
            try state.journal.syncData()
        } catch {
            state.broken = StoreError.io(
                error, "undoing a failed append; reopen the store, which repairs the journal's end")
        }
    }

    /// Moves the index's covered point to the head once the tail is long enough. An index failure does not fail
    /// the (already durable) append: the tail just stays longer, and a warning says why.
    /// Returns the view after it and whether the index on disk is the one the view names.
    private func checkpointIfDue(_ view: TailView, state: inout State) -> (TailView, Bool) {
        let tailBytes = view.head.end - view.header.coveredEnd
        guard view.indexUsable,
            view.lines.count >= options.indexCheckpointRecords || tailBytes >= Int64(options.indexCheckpointBytes)
        else { return (view, true) }
        let entries = view.lines.filter { $0.index == 0 }.map { (CommandIndex.fingerprint($0.commandID), $0.start) }
        var covered = view.header
        covered.coveredSeq = view.head.seq
        covered.coveredStart = view.head.start
        covered.coveredEnd = view.head.end
        covered.coveredHash = view.head.hash
        forgetIndexReader(&state)
        do throws(FileSystemError) {
            let header = try index.add(entries, covering: covered, over: view.header)
            return (TailView(header: header, indexUsable: true, lines: [], head: view.head), true)
        } catch {
            state.warnings.append(
                StoreWarning(
                    .indexNotUpdated, "\(StoreLayout.index) could not be updated: \(error)", file: StoreLayout.index))
            return (view, false)
        }
    }

    public func committedBatch(_ commandID: String) throws(StoreError) -> [StoredRecord]? {
        try state.withLock { state throws(StoreError) in
            try usable(state)
            return try withView(&state, exclusive: false) { state, view throws(StoreError) in
                try committedBatch(commandID, in: view, state: &state)
            }
        }
    }

    /// The records of the batch `commandID` if it was committed: looked up in the tail, then in the index.
    func committedBatch(
        _ commandID: String, in view: TailView, state: inout State
    ) throws(StoreError)
        -> [StoredRecord]?
    {
        let journal = state.journal
        if let first = view.lines.batchStart(of: commandID) {
            let batch = try readBatch(at: first.start, before: view.head.end, journal: journal)
            guard let batch, batch.first?.commandID == commandID else {
                throw StoreError(
                    .corrupt, "batch \(commandID) changed while the store was locked", file: StoreLayout.journal,
                    seq: first.seq, line: Int(clamping: first.seq))
            }
            return batch
        }
        guard view.indexUsable else { return nil }
        let candidates = try performIO("reading the index") { () throws(FileSystemError) -> [Int64] in
            try withIndexReader(&state) { file throws(FileSystemError) -> [Int64] in
                guard let file else { return [] }
                return try CommandIndex.candidates(for: commandID, header: view.header, in: file)
            }
        }
        for offset in candidates where offset < view.header.coveredEnd {
            if let batch = try readBatch(at: offset, before: view.header.coveredEnd, journal: journal),
                batch.first?.commandID == commandID, batch.first?.index == 0
            {
                return batch
            }
        }
        return nil
    }

    /// The batch whose first line starts at `offset`, or `nil` when no intact batch starts there.
    private func readBatch(
        at offset: Int64, before end: Int64, journal: any StoreFile
    ) throws(StoreError)
        -> [StoredRecord]?
    {
        var records: [StoredRecord] = []
        var expected = 1
        var intact = true
        try performIO("reading the journal") { () throws(FileSystemError) in
            try LineReader.forEachLine(in: journal, from: offset, to: end, chunkSize: 64 * 1024) { _, bytes, ending in
                guard ending == .newline, let parsed = try? RecordLine.parse(bytes) else {
                    intact = false
                    return false
                }
                if let previous = records.last {
                    guard parsed.commandID == previous.commandID, parsed.index == previous.index + 1,
                        parsed.seq == previous.seq + 1, parsed.prev.elementsEqual(previous.hash.utf8)
                    else {
                        intact = false
                        return false
                    }
                } else {
                    guard parsed.index == 0 else {
                        intact = false
                        return false
                    }
                    expected = parsed.count
                }
                records.append(parsed.stored(from: bytes))
                return records.count < expected
            }
        }
        guard intact, records.count == expected else { return nil }
        return records
    }
}
