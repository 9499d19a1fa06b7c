/// Checks journal lines one at a time against the chain: checksum, grammar, seq continuity, `prev`, and batch
/// structure. With `tolerateTornTail`, damage confined to the final (unacknowledged) batch is reported as a torn
/// tail to cut off; anything else is corruption naming the line.
///
/// In a good journal line N holds seq N, so a line is named by the seq it should hold.
struct ChainScanner {
    /// A batch whose last record has not been seen yet.
    struct OpenBatch {
        var commandID: String
        var count: Int
        var firstSeq: UInt64
        var firstOffset: Int64
        var nextIndex: Int
    }

    /// The end of the journal to cut off.
    struct TornTail: Equatable {
        /// Cut the journal to this size.
        var offset: Int64
        /// The seq the first removed line should have had.
        var seq: UInt64
        /// Why.
        var reason: String
    }

    /// What the scan found.
    enum Outcome {
        case clean
        case torn(TornTail)
        case corrupt(StoreError)
    }

    /// The first damaged line, while deciding whether the damage is a torn tail.
    fileprivate struct Damage {
        var seq: UInt64
        var offset: Int64
        var reason: String
        /// Whether a damaged line so far holds a run of padding: the mark of a write over a format-2 journal's
        /// padding that reached the disk in pieces, the padding showing between them.
        var overPadding: Bool
        /// Whether every damaged line so far can be a piece of one such write: it starts with padding (a piece
        /// after a hole), or with the header of a record of the one batch the pieces belong to.
        var pieces: Bool
        /// That batch, from the first header a damaged line starts with (or the batch open before the damage).
        var batch: (commandID: [UInt8], firstSeq: UInt64, count: Int)?
    }

    /// How many padding bytes in a row mark a damaged line as a write over padding that did not all reach the
    /// disk (the holes are whole sectors or pages of the padding it was written over: spaces, or zeros where
    /// the write grew the file).
    static let paddingRun = 32

    let tolerateTornTail: Bool
    /// The seq the next line must have.
    private(set) var nextSeq: UInt64
    /// The hash (hex) the next line's `prev` must have.
    private(set) var prev: [UInt8]
    /// The last record of the last complete batch: the head.
    private(set) var head: (seq: UInt64, hash: [UInt8], start: Int64, end: Int64)
    private var batch: OpenBatch?
    /// True until the first line, when the scan starts inside a batch (records(after:) from any seq).
    private var mayStartInsideBatch: Bool
    private var damage: Damage?
    private var tornBatch: OpenBatch?
    /// The lines of the torn batch before the damage, and the lines from the damage on.
    private var tornPrior = 0
    private var tornLines = 0
    private(set) var corruption: StoreError?

    /// A scanner continuing after the record `seq` with hash `hash`, which ends at byte `end`.
    init(
        after seq: UInt64, hash: [UInt8], end: Int64, start: Int64 = 0, tolerateTornTail: Bool,
        mayStartInsideBatch: Bool = false
    ) {
        self.tolerateTornTail = tolerateTornTail
        self.nextSeq = seq + 1
        self.prev = hash
        self.head = (seq, hash, start, end)
        self.mayStartInsideBatch = mayStartInsideBatch
    }

    /// True once the scan cannot accept more lines.
    var isStopped: Bool { corruption != nil || (damage != nil && !tolerateTornTail) }

    /// Checks one line; returns the record when it is good and extends the chain.
    mutating func feed(offset: Int64, line: ArraySlice<UInt8>, ending: LineReader.Ending) -> RecordLine? {
        guard corruption == nil else { return nil }
        let parsed: RecordLine
        do throws(RecordLine.Defect) {
            switch ending {
            case .newline: parsed = try RecordLine.parse(line)
            case .endOfRange: throw .damaged("the line has no line feed (a write that did not finish)")
            case .tooLong: throw .damaged("the line is longer than \(StoreLimits.maxLineBytes) bytes")
            }
        } catch {
            failed(error, offset: offset, line: line)
            return nil
        }
        if damage != nil {
            tornLines += 1
            afterDamage(parsed)
            return nil
        }
        if mayStartInsideBatch {
            mayStartInsideBatch = false
            if parsed.index > 0 {
                batch = OpenBatch(
                    commandID: parsed.commandID, count: parsed.count, firstSeq: parsed.seq - UInt64(parsed.index),
                    firstOffset: -1, nextIndex: parsed.index)
            }
        }
        guard parsed.seq == nextSeq else {
            corrupt(
                "expected seq \(nextSeq) but found seq \(parsed.seq): a record was deleted, inserted or moved",
                seq: nextSeq)
            return nil
        }
        guard parsed.prev == prev else {
            let previous = nextSeq - 1
            corrupt(
                "prev does not match the hash of seq \(previous): seq \(previous) or this record was altered",
                seq: nextSeq)
            return nil
        }
        if let open = batch {
            guard parsed.commandID == open.commandID, parsed.index == open.nextIndex, parsed.count == open.count
            else {
                corrupt(
                    "batch \(open.commandID) should continue with record \(open.nextIndex) of \(open.count) here",
                    seq: nextSeq)
                return nil
            }
        } else {
            guard parsed.index == 0 else {
                corrupt("record \(parsed.index) of batch \(parsed.commandID) has no start", seq: nextSeq)
                return nil
            }
            batch = OpenBatch(
                commandID: parsed.commandID, count: parsed.count, firstSeq: parsed.seq, firstOffset: offset,
                nextIndex: 0)
        }
        batch?.nextIndex += 1
        nextSeq += 1
        prev = parsed.hash
        if parsed.index == parsed.count - 1 {
            batch = nil
            head = (parsed.seq, parsed.hash, offset, offset + Int64(line.count) + 1)
        }
        return parsed
    }

    /// The verdict once every line has been fed.
    func finish() -> Outcome {
        if let corruption { return .corrupt(corruption) }
        if let damage {
            let start = tornBatch.flatMap { $0.firstOffset >= 0 ? $0 : nil }
            return .torn(
                TornTail(
                    offset: start?.firstOffset ?? damage.offset, seq: start?.firstSeq ?? damage.seq,
                    reason: damage.reason))
        }
        if let batch {
            guard batch.firstOffset >= 0 else {
                return .corrupt(
                    StoreError(
                        .corrupt, "batch \(batch.commandID) is incomplete", file: StoreLayout.journal,
                        seq: batch.firstSeq, line: Int(clamping: batch.firstSeq)))
            }
            return .torn(
                TornTail(
                    offset: batch.firstOffset, seq: batch.firstSeq,
                    reason: "batch \(batch.commandID) has only \(batch.nextIndex) of its \(batch.count) records"))
        }
        return .clean
    }

    /// The first bad line, for verify: its seq, and what is wrong.
    var firstProblem: (seq: UInt64, message: String)? {
        if let corruption { return (corruption.seq ?? nextSeq, corruption.message) }
        if let damage { return (damage.seq, damage.reason) }
        return nil
    }

    private mutating func failed(_ defect: RecordLine.Defect, offset: Int64, line: ArraySlice<UInt8>) {
        switch defect {
        case .damaged(let reason):
            tornLines += 1
            if var damage {
                // Several damaged lines are one torn write only within one batch that has room for them all, or
                // when they are the pieces of one write over padding that reached the disk in pieces: padding
                // shows between them, each starts with padding or with a header of that one batch, and they are no
                // more lines than it has records (any good record after them must still belong to it).
                damage.note(line)
                self.damage = damage
                let room = tornBatch.map { tornPrior + tornLines <= $0.count } ?? false
                // A write of `count` records leaves at most `count` lines however it is torn: each ends at one of
                // its line feeds, the last perhaps lost (the padding it went over holds none). With a batch open
                // before the damage this is `room` itself; the pieces only add the batch a header names.
                let fits = damage.batch.map { tornPrior + tornLines <= $0.count } ?? true
                if !room && !(damage.overPadding && damage.pieces && fits) {
                    corrupt(damage.reason + "; more damaged lines follow it", seq: damage.seq)
                }
                return
            }
            var first = Damage(
                seq: nextSeq, offset: offset, reason: reason, overPadding: false, pieces: true,
                batch: batch.map { (Array($0.commandID.utf8), $0.firstSeq, $0.count) })
            // A write whose first sector did not reach the disk starts with what that sector held after the last
            // complete batch: padding, as little as one byte of it (the holes after it are whole sectors).
            if batch == nil, let start = line.first, JournalPadding.isPadding(start) { first.overPadding = true }
            first.note(line)
            damage = first
            tornBatch = batch
            tornPrior = batch?.nextIndex ?? 0
        case .invalid(let reason):
            corrupt(reason, seq: damage?.seq ?? nextSeq)
        case .unsupportedVersion:
            corruption = StoreError(
                .unsupportedVersion, defect.message, file: StoreLayout.journal, seq: damage?.seq ?? nextSeq,
                line: Int(clamping: damage?.seq ?? nextSeq))
        }
    }

    /// A good line after a damaged one is acceptable only as part of the same unfinished batch.
    private mutating func afterDamage(_ parsed: RecordLine) {
        guard let damage else { return }
        let firstSeq = parsed.seq - UInt64(min(UInt64(parsed.index), parsed.seq))
        if let open = tornBatch {
            if parsed.commandID == open.commandID, firstSeq == open.firstSeq,
                parsed.seq < open.firstSeq + UInt64(open.count), tornPrior + tornLines <= open.count
            {
                return
            }
        } else if parsed.index > 0, firstSeq == damage.seq, tornLines <= parsed.count {
            tornBatch = OpenBatch(
                commandID: parsed.commandID, count: parsed.count, firstSeq: firstSeq, firstOffset: damage.offset,
                nextIndex: parsed.index + 1)
            return
        }
        corrupt(damage.reason + "; complete records follow it", seq: damage.seq)
    }

    /// Whether `line` holds `paddingRun` padding bytes in a row.
    static func holdsPaddingRun(_ line: ArraySlice<UInt8>) -> Bool { firstPaddingRun(in: line) != nil }

    /// Where the first run of `paddingRun` padding bytes in `line` begins.
    static func firstPaddingRun(in line: ArraySlice<UInt8>) -> Int? {
        var run = 0
        for index in line.indices {
            run = JournalPadding.isPadding(line[index]) ? run + 1 : 0
            if run >= paddingRun { return index - run + 1 }
        }
        return nil
    }

    /// How a damaged line starts, as a piece of a torn write: with a record's header (its seq, command id as
    /// written between its quotes, index and count), or with the start of one that the line's end cuts short,
    /// or otherwise.
    enum HeaderPiece: Equatable {
        case header(seq: UInt64, commandID: [UInt8], index: Int, count: Int)
        case cutShort
        case none
    }

    /// How `line` starts: `{"v":1,"seq":…,"cmd":"…","i":…,"n":…,` (whatever follows), or a prefix of it that
    /// the line's end or a hole (`paddingRun` padding bytes: a sector that did not reach the disk) cuts short.
    static func header(of line: ArraySlice<UInt8>) -> HeaderPiece {
        var cursor = line[..<(firstPaddingRun(in: line) ?? line.endIndex)]
        var cut = false
        func literal(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            if cursor.count < bytes.count {
                cut = cut || bytes.starts(with: cursor)
                return false
            }
            guard cursor.starts(with: bytes) else { return false }
            cursor = cursor.dropFirst(bytes.count)
            return true
        }
        func number() -> UInt64? {
            let digits = cursor.prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard digits.count <= 19 else { return nil }
            cursor = cursor.dropFirst(digits.count)
            if cursor.isEmpty { cut = true }
            guard !digits.isEmpty else { return nil }
            return UInt64(String(decoding: digits, as: UTF8.self))
        }
        guard literal(#"{"v":1,"seq":"#), let seq = number(), literal(#","cmd":""#) else {
            return cut ? .cutShort : .none
        }
        var end = cursor.startIndex
        // To the closing quote; an escaped character is skipped whole (a `\` at the very end runs past it).
        while end < cursor.endIndex, cursor[end] != 0x22 { end += cursor[end] == 0x5c ? 2 : 1 }
        guard end < cursor.endIndex else { return .cutShort }
        let commandID = Array(cursor[cursor.startIndex..<end])
        cursor = cursor[(end + 1)...]
        guard literal(#","i":"#), let index = number(), literal(#","n":"#), let count = number(), literal(",") else {
            return cut ? .cutShort : .none
        }
        guard index < count, count <= UInt64(StoreLimits.maxBatchRecords) else { return .none }
        return .header(seq: seq, commandID: commandID, index: Int(index), count: Int(count))
    }

    private mutating func corrupt(_ message: String, seq: UInt64) {
        corruption = StoreError(.corrupt, message, file: StoreLayout.journal, seq: seq, line: Int(clamping: seq))
    }
}

extension ChainScanner.Damage {
    /// Takes in one more damaged line.
    fileprivate mutating func note(_ line: ArraySlice<UInt8>) {
        overPadding = overPadding || ChainScanner.holdsPaddingRun(line)
        guard pieces else { return }
        if let first = line.first, JournalPadding.isPadding(first) { return }
        switch ChainScanner.header(of: line) {
        case .cutShort:
            // The last piece may end inside a header: nothing in it says which batch it was.
            return
        case .none:
            pieces = false
        case .header(let recordSeq, let commandID, let index, let count):
            guard recordSeq >= UInt64(index) else {
                pieces = false
                return
            }
            let firstSeq = recordSeq - UInt64(index)
            if let batch {
                pieces = commandID == batch.commandID && firstSeq == batch.firstSeq && count == batch.count
            } else {
                // The write starts right after the last complete batch: its first record has the seq expected there.
                pieces = firstSeq == seq
                batch = (commandID, firstSeq, count)
            }
        }
    }
}
