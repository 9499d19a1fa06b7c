public import FormworkDefinitions
public import FormworkEngine
import FormworkLanguage
public import FormworkStore
import Foundation

/// The engine over a store: rebuilt from the latest snapshot and the journal's tail, running
/// commands as durable batches, and writing snapshots so that opening stays cheap as the store grows.
///
/// Opening reads the snapshot's globals (clock, counters, open-work indexes) and the records after
/// it; reports and customers are read from the snapshot's segments only when a command touches them.
/// So a command costs what it touches, not the store's size.
public struct Repository {
    public private(set) var formSet: FormSet
    public let store: any EventStore
    public internal(set) var engine: Engine
    /// The last record folded into `engine`.
    public internal(set) var head: StoreHead
    /// The seq the snapshot under `engine` covers.
    public private(set) var snapshotSeq: UInt64
    /// Messages for stderr (a repaired torn tail, a rebuilt state).
    public var warnings: [String] = []
    var source: SegmentSource?
    private let locale: String?
    /// Records appended after the latest snapshot before a new one is written.
    public let snapshotInterval: UInt64

    /// The default `snapshotInterval`: a command replays at most this many records on opening.
    public static let defaultSnapshotInterval: UInt64 = 32
    /// Segments a snapshot keeps before the oldest are merged.
    static let maxSegments = 24
    /// The default `mergeBytes`.
    public static let defaultMergeBytes = 256 << 20
    /// The most bytes of older segments a snapshot merges into its new segment (see `writeSnapshot`).
    public let mergeBytes: Int
    /// The segments the current snapshot names, newest first (empty before the first snapshot).
    public var segmentNames: [String] { source?.segments.map(\.name) ?? [] }

    /// Rebuilds the engine from the latest snapshot and the records after it. A snapshot that cannot
    /// be used is ignored with a warning, and the journal replayed from the start.
    public init(
        formSet: FormSet, store: any EventStore, locale: String? = nil,
        snapshotInterval: UInt64 = Repository.defaultSnapshotInterval,
        mergeBytes: Int = Repository.defaultMergeBytes
    ) throws(StoreError) {
        self.formSet = formSet
        self.snapshotInterval = max(1, snapshotInterval)
        self.mergeBytes = max(0, mergeBytes)
        self.store = store
        self.locale = locale
        engine = Engine(formSet: formSet, locale: locale)
        head = .empty
        snapshotSeq = 0
        try load()
    }

    /// Rebuilds the engine from the latest snapshot and the records after it, as opening does (`holding` and
    /// `page` as for `catchUp`).
    mutating func load(
        holding limit: Int = Repository.heldEntitiesLimit, page: Int = Repository.catchUpPage
    ) throws(StoreError) {
        // The empty state under the same catalogue: it depends on the form set and locale only, and building it
        // again cost a command ~0.5 ms (its indexes, its time zone) and freeing the first one.
        engine = engine.replacingState(with: EngineState())
        source = nil
        head = .empty
        snapshotSeq = 0
        var unusable = false
        if var snapshot = try store.latestSnapshot() {
            do throws(StoreError) {
                if var globals = try StateCodec.decodeGlobals(snapshot.state) {
                    let read = snapshot
                    let segments = try openSegments(of: &snapshot)
                    if snapshot != read, let newer = try StateCodec.decodeGlobals(snapshot.state) { globals = newer }
                    let source = SegmentSource(segments: segments)
                    let state = EngineState(globals: globals, source: source)
                    // The counts must be ones the journal could have made (each record is one event, each
                    // report needs one): absurd ones would number the next report, or overflow, as they say.
                    guard state.eventCount >= 0, state.reportCount >= 0, state.reportCount <= state.eventCount,
                        UInt64(state.eventCount) <= snapshot.seq
                    else {
                        throw StoreError(
                            .invalidSnapshot,
                            "its globals are damaged: \(state.eventCount) events and \(state.reportCount) reports "
                                + "by seq \(snapshot.seq)")
                    }
                    engine = engine.replacingState(with: state)
                    self.source = source
                    head = StoreHead(seq: snapshot.seq, hash: snapshot.hash)
                    snapshotSeq = snapshot.seq
                } else {
                    warnings.append("the snapshot at seq \(snapshot.seq) has an older layout; replaying the journal")
                    unusable = true
                }
            } catch {
                warnings.append("the snapshot at seq \(snapshot.seq) was not used (\(error.message)); replaying")
                unusable = true
            }
        }
        try catchUp(holding: limit, page: page)
        try rebuildIfFaulty()
        // The replay is kept in the current layout when the store can be written, so it happens once; so is a
        // long one (no snapshot, or one the writers left `snapshotInterval` records or more behind), so that a
        // read does not repeat it until the next write.
        if unusable || snapshotDue { try? writeSnapshot() }
    }

    /// The segments `snapshot` names, opened. Another process may replace the snapshot between the moment it was
    /// read and these opens, and remove the segments neither its new snapshot nor the one before names (two
    /// snapshots in a row, or a compaction and a snapshot): then the newer snapshot is read and its segments opened
    /// instead, rather than the whole journal replayed. Errors on a snapshot that stays the same are thrown.
    private func openSegments(of snapshot: inout Snapshot) throws(StoreError) -> [Segment] {
        var attempts = 0
        while true {
            do throws(StoreError) {
                return try snapshot.segments.map { name throws(StoreError) in try store.segment(named: name) }
            } catch {
                attempts += 1
                guard attempts < 4, let newer = try store.latestSnapshot(), newer != snapshot,
                    (try? StateCodec.decodeGlobals(newer.state)) != nil
                else { throw error }
                snapshot = newer
            }
        }
    }

    /// The segments of a snapshot another process wrote since this repository loaded or wrote its own (a later one,
    /// or the same state compacted), when it is not past `head`: the changes this repository holds are those since
    /// its own snapshot, which include every change since that one, so they go over its segments as well as over
    /// this repository's own. Without this, a repository open for long (a rep's prompts, a server) would name the
    /// segments it loaded, undoing a compaction, or segments removed since, and fail to write its snapshot. Nil
    /// when there is no such snapshot, or it is of another layout, or its segments cannot be opened; and always for a
    /// repository that holds the whole state (a replay: what it writes must not stand on a snapshot it did not use).
    private func newerSegments() -> [Segment]? {
        guard let source, let latest = try? store.latestSnapshot(), latest.seq >= snapshotSeq,
            latest.seq <= head.seq, latest.segments != source.segments.map(\.name),
            (try? StateCodec.decodeGlobals(latest.state)) != nil
        else { return nil }
        return try? latest.segments.map { name throws(StoreError) in try store.segment(named: name) }
    }

    /// Serves commands with `formSet` from now on (the version published in the store, when it is not
    /// the one the repository was opened with). The state is kept: folding needs no form set.
    public mutating func use(_ formSet: FormSet) {
        self.formSet = formSet
        engine = Engine(formSet: formSet, state: engine.state, locale: locale)
    }

    /// How many records a catch-up reads at a time.
    static let catchUpPage = 16_384
    /// How many reports and customers a long catch-up (a rebuild from the whole journal) holds in memory
    /// before it writes a snapshot, which moves them to segments; a decoded report takes a few KB.
    static let heldEntitiesLimit = 200_000

    /// Folds the records appended since `head` (by this or another process), a page at a time. A long one
    /// (a rebuild, or the first open after a large import) writes a snapshot whenever the state holds
    /// `heldEntitiesLimit` reports and customers, so that its memory stays bounded whatever the journal's
    /// length (not when the store is read-only: then it holds them all).
    public mutating func catchUp() throws(StoreError) {
        try catchUp(holding: Self.heldEntitiesLimit)
    }

    mutating func catchUp(holding limit: Int, page: Int = Repository.catchUpPage) throws(StoreError) {
        var warned = false
        try store.forEachPage(after: head.seq, pageSize: page) { records throws(StoreError) in
            for record in records {
                guard let event = Event.fromJournal(record.body) else {
                    throw StoreError(
                        code: .invalidRecord,
                        message: "record \(record.seq) is not an event this Formwork understands", seq: record.seq)
                }
                engine.apply(event)
                head = StoreHead(seq: record.seq, hash: record.hash)
            }
            // Only between full pages: the last one is followed by whatever snapshot the caller is due.
            guard records.count == page else { return }
            let state = engine.state
            if state.reports.changed.count + state.customers.changed.count + state.customerPages.changed.count >= limit
            {
                do throws(StoreError) {
                    try writeSnapshot()
                } catch  where !warned {
                    // It only costs memory: the replay goes on holding everything (said once).
                    warned = true
                    warnings.append(
                        "no snapshot could be written during the replay (\(error.message)); it holds every report in "
                            + "memory")
                } catch {}
            }
        }
    }

    /// Whether a read of the snapshot went wrong since the state was last rebuilt (a value failed its checksum or
    /// its decoding, a segment's table did not match its values): what was read may be missing entities, and a
    /// reader should `rebuildIfFaulty()` and read again.
    public var isFaulty: Bool { source.map { !$0.faults.isEmpty } ?? false }

    /// Whether reading the snapshot went wrong; if so the state is rebuilt from the whole journal.
    public mutating func rebuildIfFaulty() throws(StoreError) {
        guard let source, let fault = source.faults.first else { return }
        warnings.append("the snapshot is damaged (\(fault)); the state was rebuilt from the journal")
        engine = Engine(formSet: formSet, locale: locale)
        self.source = nil
        head = .empty
        snapshotSeq = 0
        try catchUp()
        // A fresh snapshot replaces the damaged one when the store can be written.
        try? writeSnapshot()
    }

    /// A refusal when the batch committed earlier under `commandID` does not record `command`: the request id
    /// was used for another command, and answering with that command's outcome would report something that
    /// did not happen.
    static func reuse(of commandID: String, by command: Command, recordedAs events: [Event]) -> Refusal? {
        guard !command.isRecorded(by: events) else { return nil }
        // The earlier command's own event, not the reminders that fell due before it.
        let main = events.first(where: \.recordsAnAction) ?? events.first
        let what = main.map { event in [event.kind, event.report?.rawValue].compactMap { $0 }.joined(separator: " ") }
        return Refusal(
            .requestIDReused,
            "request id '\(commandID)' was used before for another command (\(what ?? "nothing")); nothing was "
                + "done: use a new request id")
    }

    /// What a request comes to when its id already holds the batch `records`: that batch's events, as a retry is
    /// answered, or a refusal when they record another command (the request id was reused).
    func outcome(
        ofEarlier records: [StoredRecord], commandID: String, _ build: (Engine) -> Command
    ) -> Result<[Event], CommandFailure> {
        let events = Self.events(of: records)
        if let refusal = Self.reuse(of: commandID, by: build(engine), recordedAs: events) {
            return .failure(.refused(refusal))
        }
        return .success(events)
    }

    /// How often a command is decided again after another writer came first.
    public static let conflictRetries = 20

    /// Runs a command: reminders and escalations due by its time first, then the command itself;
    /// all its events are appended as one durable batch before anything is reported as done.
    ///
    /// A request already committed under `commandID` is not run again: its events are returned.
    /// The batch is appended only if no other process wrote since this one caught up; otherwise the
    /// repository catches up and decides again, so two writers never act on stale state.
    ///
    /// `build` makes the command from the engine as caught up, and runs again after a conflict, so
    /// that what depends on the state (the next report number) is never stale.
    public mutating func run(
        actor: PersonID?, commandID: String, _ build: (Engine) -> Command
    ) -> Result<[Event], CommandFailure> {
        do {
            if let earlier = try store.committedBatch(commandID) {
                try catchUp()
                return outcome(ofEarlier: earlier, commandID: commandID, build)
            }
            for _ in 0...Self.conflictRetries {
                try catchUp()
                let decided = decide(build(engine))
                if let source, !source.faults.isEmpty {
                    try rebuildIfFaulty()
                    continue
                }
                let (trial, events): (Engine, [Event])
                switch decided {
                case .success(let result): (trial, events) = result
                case .failure(let refusal): return .failure(.refused(refusal))
                }
                if events.isEmpty { return .success([]) }
                let batch = try PreparedBatch(Self.drafts(for: events, actor: actor), commandID: commandID, after: head)
                do {
                    let stored = try store.commit(batch)
                    guard batch.isStored(as: stored) else {
                        // Another writer committed a batch under this request id since the look above, and the store
                        // answered with it: nothing of this decision was written. Answer as for a retried request.
                        try catchUp()
                        return outcome(ofEarlier: stored, commandID: commandID, build)
                    }
                    engine = trial
                    head = batch.head
                    snapshotIfDueOrWarn()
                    return .success(events)
                } catch  where error.code == .conflict {
                    continue
                }
            }
            return .failure(.store(Self.keptChanging))
        } catch {
            return .failure(.store(error))
        }
    }

    /// The events of `command` on the current state, with the reminders and escalations due by its
    /// time first; the state they lead to is returned beside them, nothing is changed.
    func decide(_ command: Command) -> Result<(Engine, [Event]), Refusal> {
        var trial = engine
        var events: [Event] = []
        if let clock = trial.state.clock, command.at > clock,
            case .success(let due) = trial.execute(.advanceTime(to: command.at))
        {
            events += due
        }
        if case .advanceTime = command {
            // Time only moves forward: a tick earlier than the latest event is refused as any command is.
            if let clock = trial.state.clock, command.at < clock, case .failure(let refusal) = trial.execute(command) {
                return .failure(refusal)
            }
            return .success((trial, events))
        }
        switch trial.execute(command) {
        case .success(let more): return .success((trial, events + more))
        case .failure(let refusal): return .failure(refusal)
        }
    }

    /// Each event as a journal record: its kind, the acting person, its time and its JSON.
    public static func drafts(for events: [Event], actor: PersonID?) throws(StoreError) -> [RecordDraft] {
        var drafts: [RecordDraft] = []
        drafts.reserveCapacity(events.count)
        for event in events {
            let body = event.journalJSON
            guard !body.isEmpty else {
                throw StoreError(code: .invalidBody, message: "an event could not be encoded")
            }
            drafts.append(
                RecordDraft(
                    kind: event.kind, actor: actor?.rawValue ?? "system", time: event.at.description, body: body))
        }
        return drafts
    }

    /// Why a command was given up after `conflictRetries` conflicts.
    static let keptChanging = StoreError(code: .busy, message: "the store kept changing under this command; try again")

    /// The events of records committed before (those this Formwork understands).
    static func events(of records: [StoredRecord]) -> [Event] {
        records.compactMap { Event.fromJournal($0.body) }
    }

    /// Whether `snapshotInterval` records or more were appended since the last snapshot (counted without an
    /// overflow: a long-running writer may open the repository with an interval as large as `UInt64.max`).
    var snapshotDue: Bool {
        head.seq >= snapshotSeq && head.seq - snapshotSeq >= snapshotInterval
    }

    /// `snapshotIfDue`, after a command is committed: a failure only postpones the snapshot to the next one.
    mutating func snapshotIfDueOrWarn() {
        do {
            try snapshotIfDue()
        } catch {
            warnings.append("no snapshot was written (\(error.message)); the next command tries again")
        }
    }

    /// Writes a snapshot when enough records have been appended since the last one.
    mutating func snapshotIfDue() throws(StoreError) {
        guard snapshotDue else { return }
        try writeSnapshot()
    }

    /// Writes a snapshot of the state at `head`: the changed reports and customers as a new segment
    /// over the previous ones, and the globals. Small segments are merged into their elders as they
    /// grow (each merge at least doubles a segment), so a snapshot names few segments and each value
    /// is rewritten a logarithmic number of times. The merge is written as it is made, never held whole.
    ///
    /// A snapshot is written by whichever command is due, so the older segments it takes in are limited to
    /// `mergeBytes` (then the segment stays as it is and a new one starts over it): otherwise, once in a while, one
    /// command would rewrite the whole store (1.5 GB at a million reports). Only a snapshot that would name more
    /// than `maxSegments` segments merges past that limit, as far as the doubling rule goes (with segments of about
    /// the same size, all of them), which is the large merge the limit defers; from `maxSegments - 4` on, each
    /// snapshot warns that `formwork compact` (which merges them all, off the lock) is due.
    public mutating func writeSnapshot() throws(StoreError) {
        let pending = StateCodec.changedEntries(of: engine.state)
        if pending.isEmpty && head.seq == snapshotSeq && source != nil { return }
        var older = newerSegments() ?? source?.segments ?? []
        var snapshot = Snapshot(seq: head.seq, hash: head.hash, state: StateCodec.encodeGlobals(engine.state))
        if pending.isEmpty {
            snapshot.segments = older.map(\.name)
            try store.writeSnapshot(snapshot, segments: [])
        } else {
            // The older segments merged into the new one, newest first: each at most twice what is merged so far.
            var merged: [Segment] = []
            var count = pending.count
            var bytes = 0
            let crowded = older.count + 1 > Self.maxSegments
            while let next = older.first,
                next.count <= 2 * count && (crowded || bytes + next.byteCount <= mergeBytes)
                    || older.count + 1 > Self.maxSegments
            {
                merged.append(next)
                count += next.count
                bytes += next.byteCount
                older.removeFirst()
            }
            snapshot.segments = older.map(\.name)
            snapshot = try store.writeSnapshot(snapshot, merging: SegmentMerge(pending, over: merged))
        }
        if snapshot.segments.count >= Self.maxSegments - 4 {
            warnings.append(
                "the store's snapshot names \(snapshot.segments.count) segments; at \(Self.maxSegments) a command "
                    + "merges them itself, which takes long on a large store: run 'formwork compact' before then")
        }
        let opened = try snapshot.segments.dropLast(older.count).map { name throws(StoreError) in
            try store.segment(named: name)
        }
        let source = SegmentSource(segments: opened + older)
        engine.rebase(onto: source)
        self.source = source
        snapshotSeq = head.seq
    }
}

/// Why a command did not happen.
public enum CommandFailure: Error {
    case refused(Refusal)
    case store(StoreError)
}
