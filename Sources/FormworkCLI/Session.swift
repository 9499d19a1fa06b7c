import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import FormworkStore
import Foundation

/// A form set, its store and the engine rebuilt from them: what every command that reads or writes
/// reports works with. The CLI is the only place that does I/O around the pure engine.
struct Session {
    let formSet: FormSet
    let store: any EventStore
    private(set) var engine: Engine
    /// The last record folded into `engine`.
    private(set) var head: StoreHead
    /// The sequence number the latest snapshot covers.
    private(set) var snapshotSeq: UInt64
    /// Messages for stderr (a repaired torn tail, say).
    var warnings: [String] = []

    /// Records appended after the latest snapshot before a new one is written.
    static let snapshotInterval: UInt64 = 500

    /// Loads the form set (any error → 65 with the rendered findings) and opens the store.
    static func open(
        _ options: SessionOptions, in environment: CommandEnvironment, createStore: Bool
    ) -> Result<Session, SessionFailure> {
        let config = options.configPath(in: environment)
        let loaded = FormSetLoader().load(config)
        guard let formSet = loaded.formSet, !loaded.diagnostics.hasErrors else {
            let rendered = DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics)
            let exit: FormworkExit = loaded.manifestMissing ? .missingFile : .invalidData
            return .failure(
                SessionFailure(exit, "the form set at '\(config)' has errors; run 'formwork check'\n" + rendered))
        }
        let path = options.storePath(in: environment)
        if !createStore && !FileManager.default.fileExists(atPath: path) {
            // Reading a store that was never written: empty, and nothing is created.
            return Result { () throws(StoreError) in try Session(formSet: formSet, store: InMemoryEventStore()) }
                .mapError { SessionFailure($0) }
        }
        do {
            let (store, storeWarnings) = try JournalStore.open(at: path, create: createStore)
            var session = try Session(formSet: formSet, store: store)
            session.warnings += storeWarnings.map { "formwork: warning: \($0)" }
            return .success(session)
        } catch {
            return .failure(SessionFailure(error))
        }
    }

    /// Rebuilds the engine from the latest snapshot and the records after it.
    init(formSet: FormSet, store: any EventStore) throws(StoreError) {
        self.formSet = formSet
        self.store = store
        var state = EngineState()
        var covered: UInt64 = 0
        var head = StoreHead.empty
        if let snapshot = try store.latestSnapshot(),
            let decoded = try? JSONDecoder().decode(EngineState.self, from: Data(snapshot.state))
        {
            state = decoded
            covered = snapshot.seq
            head = StoreHead(seq: snapshot.seq, hash: snapshot.hash)
        }
        engine = Engine(formSet: formSet, state: state)
        snapshotSeq = covered
        self.head = head
        try catchUp()
    }

    /// Folds the records appended since `head` (by this or another process).
    mutating func catchUp() throws(StoreError) {
        let decoder = JSONDecoder()
        for record in try store.records(after: head.seq) {
            guard let event = try? decoder.decode(Event.self, from: Data(record.body)) else {
                throw StoreError(
                    code: .invalidRecord, message: "record \(record.seq) is not an event this Formwork understands",
                    seq: record.seq)
            }
            engine.apply(event)
            head = StoreHead(seq: record.seq, hash: record.hash)
        }
    }

    /// How often a command is decided again after another writer came first.
    static let conflictRetries = 20

    /// Runs a command: reminders and escalations due by its time first, then the command itself;
    /// all its events are appended as one durable batch before anything is reported as done.
    ///
    /// A request already committed under `commandID` is not run again: its events are returned.
    /// The batch is appended only if no other process wrote since this one caught up; otherwise the
    /// session catches up and decides again, so two writers never act on stale state.
    ///
    /// `build` makes the command from the engine as caught up, and runs again after a conflict, so
    /// that what depends on the state (the next report number) is never stale.
    mutating func run(
        actor: PersonID?, commandID: String, _ build: (Engine) -> Command
    ) -> Result<[Event], CommandFailure> {
        do {
            if let earlier = try store.committedBatch(commandID) {
                try catchUp()
                let decoder = JSONDecoder()
                return .success(earlier.compactMap { try? decoder.decode(Event.self, from: Data($0.body)) })
            }
            for _ in 0...Self.conflictRetries {
                try catchUp()
                let (trial, events): (Engine, [Event])
                switch decide(build(engine)) {
                case .success(let decided): (trial, events) = decided
                case .failure(let refusal): return .failure(.refused(refusal))
                }
                if events.isEmpty { return .success([]) }
                let drafts = try Self.drafts(for: events, actor: actor)
                do {
                    let stored = try store.append(drafts, commandID: commandID, expecting: head)
                    engine = trial
                    if let last = stored.last { head = StoreHead(seq: last.seq, hash: last.hash) }
                    try snapshotIfDue()
                    return .success(events)
                } catch  where error.code == .conflict {
                    continue
                }
            }
            return .failure(
                .store(StoreError(code: .busy, message: "the store kept changing under this command; try again")))
        } catch {
            return .failure(.store(error))
        }
    }

    /// The events of `command` on the current state, with the reminders and escalations due by its
    /// time first; the state they lead to is returned beside them, nothing is changed.
    private func decide(_ command: Command) -> Result<(Engine, [Event]), Refusal> {
        var trial = engine
        var events: [Event] = []
        if let clock = trial.state.clock, command.at > clock,
            case .success(let due) = trial.execute(.advanceTime(to: command.at))
        {
            events += due
        }
        if case .advanceTime = command { return .success((trial, events)) }
        switch trial.execute(command) {
        case .success(let more): return .success((trial, events + more))
        case .failure(let refusal): return .failure(refusal)
        }
    }

    /// Each event as a journal record: its kind, the acting person, its time and its JSON.
    static func drafts(for events: [Event], actor: PersonID?) throws(StoreError) -> [RecordDraft] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var drafts: [RecordDraft] = []
        for event in events {
            guard let body = try? encoder.encode(event) else {
                throw StoreError(code: .invalidBody, message: "an event could not be encoded")
            }
            drafts.append(
                RecordDraft(
                    kind: event.kind, actor: actor?.rawValue ?? "system", time: event.at.description,
                    body: [UInt8](body)))
        }
        return drafts
    }

    /// Writes a snapshot when enough records have been appended since the last one, so that opening
    /// the store costs the journal's tail, not its history.
    private mutating func snapshotIfDue() throws(StoreError) {
        guard head.seq >= snapshotSeq + Self.snapshotInterval else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let state = try? encoder.encode(engine.state) else { return }
        try store.writeSnapshot(Snapshot(seq: head.seq, hash: head.hash, state: [UInt8](state)))
        snapshotSeq = head.seq
    }
}

/// Why a command did not happen.
enum CommandFailure: Error {
    case refused(Refusal)
    case store(StoreError)
}

extension SessionFailure {
    init(_ error: StoreError) {
        self.init(FormworkExit(rawValue: error.exitCode) ?? .ioError, "formwork: \(error)")
    }
}
