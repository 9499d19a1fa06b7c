import Synchronization

/// The journal store: a directory holding an append-only, hash-chained JSON-lines journal (format v1).
///
/// Several processes may write to one store: each append takes an exclusive `flock` on the `lock` file, reads the
/// head from the journal's tail, writes its batch with one `write` and one `fdatasync`, and only then returns.
/// Opening costs the journal's tail since the command index's last checkpoint, not its history. See
/// docs/store-format.md for the files, the line grammar and the recovery rules.
public final class JournalStore: EventStore {
    /// How a store is opened.
    public struct Options: Sendable {
        /// The file system: the real one, or an `InMemoryFileSystem` in tests.
        public var fileSystem: any StoreFileSystem
        /// How long to wait for another process's lock before failing with `.busy`.
        public var lockTimeoutMilliseconds: Int
        /// The command index takes in the tail once it holds this many records…
        public var indexCheckpointRecords: Int
        /// …or this many bytes.
        public var indexCheckpointBytes: Int

        public init(
            fileSystem: any StoreFileSystem = PosixFileSystem(), lockTimeoutMilliseconds: Int = 10_000,
            indexCheckpointRecords: Int = 128, indexCheckpointBytes: Int = 512 * 1024
        ) {
            self.fileSystem = fileSystem
            self.lockTimeoutMilliseconds = lockTimeoutMilliseconds
            self.indexCheckpointRecords = indexCheckpointRecords
            self.indexCheckpointBytes = indexCheckpointBytes
        }
    }

    /// The store's open files and what it last saw of the journal.
    struct State {
        var journal: any StoreFile
        var lock: any StoreFile
        /// False when the store could only be opened for reading.
        var writable: Bool
        var view: TailView?
        /// The stamps of the journal and the index when `view` was last known to describe them (after a full
        /// look, or after this store's own write): while both stay the same, `view` is current without reading.
        var verified: Stamps?
        var warnings: [StoreWarning] = []
        /// Set when a failed write could not be undone: every later call fails until the store is reopened.
        var broken: StoreError?
        var closed = false
    }

    /// The journal's and the index's stamps at one moment (`nil` for an index that is missing).
    struct Stamps: Equatable {
        var journal: FileStamp
        var index: FileStamp?
    }

    /// The store's directory.
    public let directory: String
    let options: Options
    let index: CommandIndex
    let state: Mutex<State>

    var fileSystem: any StoreFileSystem { options.fileSystem }

    init(directory: String, options: Options, journal: any StoreFile, lock: any StoreFile, writable: Bool) {
        self.directory = directory
        self.options = options
        self.index = CommandIndex(fileSystem: options.fileSystem, directory: directory)
        self.state = Mutex(State(journal: journal, lock: lock, writable: writable))
    }

    deinit {
        close()
    }

    /// Opens the store in `directory` (creating it when `create` is true and there is none), repairing a torn
    /// tail. Returns the store and what was repaired.
    public static func open(at directory: String, create: Bool) throws(StoreError) -> (JournalStore, [StoreWarning]) {
        try open(at: directory, create: create, options: Options())
    }

    /// Opens the store in `directory` with `options`.
    public static func open(
        at directory: String, create: Bool, options: Options
    ) throws(StoreError) -> (
        JournalStore, [StoreWarning]
    ) {
        let opened = try StoreOpener(directory: directory, options: options).open(create: create)
        let store = JournalStore(
            directory: directory, options: options, journal: opened.journal, lock: opened.lock,
            writable: opened.writable)
        let warnings = try store.state.withLock { state throws(StoreError) in
            try store.usable(state)
            try store.withView(&state, exclusive: false) { state, _ throws(StoreError) in
                // Whatever a reader can see must be durable: a dead writer may have left unsynced lines.
                if state.writable {
                    try performIO("syncing the journal") { () throws(FileSystemError) in try state.journal.syncData() }
                }
            }
            defer { state.warnings = [] }
            return state.warnings
        }
        return (store, warnings)
    }

    /// The warnings collected since the last call (repairs made by later operations).
    public func takeWarnings() -> [StoreWarning] {
        state.withLock { state in
            defer { state.warnings = [] }
            return state.warnings
        }
    }

    /// Closes the store's files. Later calls fail.
    public func close() {
        state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            state.journal.close()
            state.lock.close()
        }
    }

    func usable(_ state: State) throws(StoreError) {
        if state.closed { throw StoreError(.io, "the store is closed") }
        if let broken = state.broken { throw broken }
    }
}
