import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import FormworkPersistence
import FormworkStore
import Foundation

/// A form set, its store and the engine rebuilt from them: what every command that reads or writes
/// reports works with. The CLI is the only place that does I/O around the pure engine; the
/// repository (FormworkPersistence) keeps the engine and the store in step.
struct Session {
    private(set) var repository: Repository
    var formSet: FormSet { repository.formSet }
    var engine: Engine { reading ?? repository.engine }
    /// The engine a read command sees (`reading(at:)`), when it differs from the stored state.
    private var reading: Engine?
    var head: StoreHead { repository.head }
    /// Messages for stderr (a repaired torn tail, a rebuilt state).
    var warnings: [String]

    /// How a command opens its store. Every command is a process of its own that reads the journal's tail since
    /// the command index's last checkpoint, checking each line's checksum and chain (~5 µs per KB here): a
    /// checkpoint every 32 records or 64 KiB keeps that under ~0.3 ms, where the library's default (1,024 records
    /// or 1 MiB, for a long-running writer's p99) let it grow to ~5 ms. See docs/design/command-start.md.
    static let storeOptions = JournalStore.Options(indexCheckpointRecords: 32, indexCheckpointBytes: 64 << 10)

    /// Loads the form set (any error → 65, or 66 without a manifest, with the rendered findings) and
    /// opens the store.
    static func open(
        _ options: SessionOptions, in environment: CommandEnvironment, createStore: Bool, trial: Bool = false
    ) -> Result<Session, SessionFailure> {
        loadFormSet(options.configPath(in: environment), in: environment).flatMap { loaded in
            open(options, in: environment, createStore: createStore, formSet: loaded.formSet, trial: trial)
        }
    }

    /// Loads and checks the form set at `config`, trusting this build's earlier clean verdicts and
    /// reusing its compiled form sets (`CheckedDefinitions`). The loader's result comes back too, for
    /// quoting source lines.
    static func loadFormSet(
        _ config: String, in environment: CommandEnvironment
    ) -> Result<(formSet: FormSet, result: FormSetLoader.Result), SessionFailure> {
        let checked = CheckedDefinitions(environment: environment.variables)
        let loaded = checked.loader().load(config, cache: checked.compiledCache())
        guard let formSet = loaded.formSet, !loaded.diagnostics.hasErrors else {
            let rendered = DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics)
            let exit: FormworkExit = loaded.manifestMissing ? .missingFile : .invalidData
            return .failure(
                SessionFailure(
                    exit, "formwork: the form set at '\(config)' has errors; run 'formwork check'\n" + rendered))
        }
        checked.remember(loaded)
        return .success((formSet, loaded))
    }

    /// Opens the store for a form set already loaded and checked.
    /// `trial`: a write decided before its store is made: where no store was ever made (no folder, or a folder
    /// without `format.json`), the state is the empty one, in memory.
    static func open(
        _ options: SessionOptions, in environment: CommandEnvironment, createStore: Bool, formSet: FormSet,
        trial: Bool = false
    ) -> Result<Session, SessionFailure> {
        let path = options.storePath(in: environment)
        let never = !FileManager.default.fileExists(atPath: trial ? path + "/format.json" : path)
        if !createStore && never {
            // Reading a store that was never written: empty, and nothing is created.
            return Result { () throws(StoreError) in try Session(formSet: formSet, store: InMemoryEventStore()) }
                .mapError { SessionFailure($0) }
        }
        do {
            let (store, storeWarnings) = try JournalStore.open(
                at: path, create: createStore, options: Session.storeOptions)
            var session = try Session(formSet: formSet, store: store)
            session.warnings.insert(contentsOf: storeWarnings.map { "formwork: warning: \($0)" }, at: 0)
            if let failure = session.usePublishedVersion(
                store: path, config: options.configPath(in: environment), in: environment)
            {
                return .failure(failure)
            }
            return .success(session)
        } catch {
            return .failure(SessionFailure(error))
        }
    }

    /// Once a version was published through change control, commands use it, loaded from the
    /// store's archive, whatever the configuration folder holds now (its unpublished edits are
    /// noted). A missing or altered archive is an error: never a silent fallback.
    mutating func usePublishedVersion(
        store: String, config: String, in environment: CommandEnvironment
    )
        -> SessionFailure?
    {
        guard let published = repository.engine.state.publishedVersion,
            published.version != repository.formSet.version
        else { return nil }
        let name = "form-set version \(published.number) (\(published.version.prefix(12)))"
        let folder: String
        do {
            folder = try FormSetArchive(store: store).manifestFolder(of: published.version)
        } catch {
            return SessionFailure(.invalidData, "formwork: \(name) is in force, but \(error)")
        }
        switch Session.loadFormSet(folder, in: environment) {
        case .failure(let failure):
            // The copy is the store's own data, whatever is wrong with it (even a missing manifest): 65.
            return SessionFailure(
                .invalidData, "formwork: the store's copy of \(name) does not load\n" + failure.message)
        case .success(let loaded):
            guard loaded.formSet.version == published.version else {
                return SessionFailure(
                    .invalidData,
                    "formwork: the store's copy of \(name) was altered (its files are version \(loaded.formSet.version.prefix(12))); restore '\(folder)' from a backup"
                )
            }
            repository.use(loaded.formSet)
            warnings.append(
                "formwork: note: using \(name), published in the store; '\(config)' has changes not published (see 'formwork diff')"
            )
            return nil
        }
    }

    init(formSet: FormSet, store: any EventStore) throws(StoreError) {
        repository = try Repository(formSet: formSet, store: store)
        warnings = repository.warnings.map { "formwork: warning: \($0)" }
    }

    /// After a read that met a damaged snapshot value (`Repository.isFaulty`), the state rebuilt from the journal:
    /// true when the reader must read again. The rebuild's warning joins the session's.
    /// The session as a read at `time` sees it: the reminders and escalations due by then applied to the engine in
    /// memory, never written. A write applies and stores them before its command, so `inbox`, `explain` and `show`
    /// must count them too, or they deny an escalated approver what `approve` then allows. A time before the
    /// store's latest event sees the state as stored.
    func reading(at time: Timestamp) -> Session {
        var advanced = repository.engine
        guard case .success(let due) = advanced.execute(.advanceTime(to: time)), !due.isEmpty else { return self }
        var session = self
        session.reading = advanced
        return session
    }

    mutating func rebuiltAfterFaultyRead() throws(StoreError) -> Bool {
        guard repository.isFaulty else { return false }
        let before = repository.warnings.count
        try repository.rebuildIfFaulty()
        warnings += repository.warnings.dropFirst(before).map { "formwork: warning: \($0)" }
        return true
    }

    /// Runs a command through the repository (see `Repository.run`); its warnings join the session's.
    mutating func run(
        actor: PersonID?, commandID: String, _ build: (Engine) -> Command
    ) -> Result<[Event], CommandFailure> {
        let before = repository.warnings.count
        let result = repository.run(actor: actor, commandID: commandID, build)
        warnings += repository.warnings.dropFirst(before).map { "formwork: warning: \($0)" }
        return result
    }
}

extension SessionFailure {
    init(_ error: StoreError) {
        self.init(FormworkExit(rawValue: error.exitCode) ?? .ioError, "formwork: \(error)")
    }
}
