import Synchronization

extension JournalStore {
    public func records(after seq: UInt64) throws(StoreError) -> [StoredRecord] {
        try records(after: seq, limit: Int.max)
    }

    public func records(after seq: UInt64, limit: Int) throws(StoreError) -> [StoredRecord] {
        guard limit > 0 else { return [] }
        return try state.withLock { state throws(StoreError) in
            try usable(state)
            let plan = try withView(&state, exclusive: false) { state, view throws(StoreError) in
                (view.head.end, try position(after: seq, in: view, journal: state.journal))
            }
            guard let start = plan.1 else { return [] }
            // The bytes before the head's end are complete, checked batches: they are read without the lock,
            // so a long read does not hold writers up.
            return try scanRecords(from: start, to: plan.0, limit: limit, journal: state.journal)
        }
    }

    public func head() throws(StoreError) -> StoreHead {
        try state.withLock { state throws(StoreError) in
            try usable(state)
            return try withView(&state, exclusive: false) { _, view in view.publicHead }
        }
    }

    /// Where reading after `seq` starts: the end of record `seq`, its hash; `nil` when nothing follows it.
    func position(after seq: UInt64, in view: TailView, journal: any StoreFile) throws(StoreError) -> TailView.Head? {
        guard seq < view.head.seq else { return nil }
        if seq == 0 { return TailView.Head(seq: 0, hash: Checksum.zeroHexBytes, start: 0, end: 0) }
        return try locate(seq, in: view, journal: journal)
    }

    /// The line of record `seq` (which must be at most the head's): from the tail, or by binary search over the
    /// covered part of the journal, whose seqs increase with the offset.
    func locate(_ seq: UInt64, in view: TailView, journal: any StoreFile) throws(StoreError) -> TailView.Head {
        if seq == view.head.seq { return view.head }
        if seq == view.header.coveredSeq {
            return TailView.Head(
                seq: seq, hash: view.header.coveredHash, start: view.header.coveredStart, end: view.header.coveredEnd)
        }
        if seq > view.header.coveredSeq, let line = view.lines.first(where: { $0.seq == seq }) {
            return TailView.Head(seq: seq, hash: line.hash, start: line.start, end: line.end)
        }
        var low: Int64 = 0
        var high: Int64 = seq < view.header.coveredSeq ? view.header.coveredStart : view.head.start
        while low < high {
            let middle = low + (high - low) / 2
            let found = try performIO("reading the journal") { () throws(FileSystemError) -> (Int64, [UInt8], Int64)? in
                guard let start = try LineReader.lineStart(in: journal, atOrAfter: middle, before: high),
                    let line = try LineReader.line(in: journal, at: start, before: view.head.end)
                else { return nil }
                return (start, line.bytes, line.end)
            }
            guard let (start, bytes, end) = found else {
                high = middle
                continue
            }
            let parsed: RecordLine
            do throws(RecordLine.Defect) {
                parsed = try RecordLine.parse(bytes[...])
            } catch {
                throw StoreError(
                    .corrupt, "the record at byte \(start) is damaged (\(error.message)); run verify",
                    file: StoreLayout.journal)
            }
            if parsed.seq == seq { return TailView.Head(seq: seq, hash: parsed.hash, start: start, end: end) }
            if parsed.seq < seq { low = end } else { high = middle }
        }
        throw StoreError(
            .corrupt, "record seq \(seq) is not where the chain says it is; run verify", file: StoreLayout.journal,
            seq: seq, line: Int(clamping: seq))
    }

    /// True when record `seq` is in the journal with hash `hash`.
    func chainContains(
        seq: UInt64, hash: [UInt8], in view: TailView, journal: any StoreFile
    ) throws(StoreError)
        -> Bool
    {
        if seq == 0 { return hash == Checksum.zeroHexBytes }
        guard seq <= view.head.seq else { return false }
        return try locate(seq, in: view, journal: journal).hash == hash
    }

    /// The records on the lines in `start..<end`, checked as a chain continuing `start` (a record's end).
    private func scanRecords(
        from start: TailView.Head, to end: Int64, limit: Int, journal: any StoreFile
    ) throws(StoreError)
        -> [StoredRecord]
    {
        var scanner = ChainScanner(
            after: start.seq, hash: start.hash, end: start.end, tolerateTornTail: false, mayStartInsideBatch: true)
        var records: [StoredRecord] = []
        try performIO("reading the journal") { () throws(FileSystemError) in
            try LineReader.forEachLine(in: journal, from: start.end, to: end) { _, bytes, ending in
                if let record = scanner.feed(offset: 0, line: bytes, ending: ending) {
                    records.append(record.stored(from: bytes))
                }
                return !scanner.isStopped && records.count < limit
            }
        }
        if let problem = scanner.firstProblem {
            throw StoreError(
                .corrupt, problem.message, file: StoreLayout.journal, seq: problem.seq, line: Int(clamping: problem.seq)
            )
        }
        return records
    }
}
