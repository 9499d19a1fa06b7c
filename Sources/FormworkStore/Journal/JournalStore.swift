import Synchronization

/// The journal store: a directory holding an append-only, hash-chained JSON-lines journal (format 2; format 1
/// stores are read, and raised to 2 by their first write that grows the journal ahead).
///
/// Several processes may write to one store: each append takes an exclusive `flock` on the `lock` file, reads the
/// head from the journal's tail, writes its batch with one `write` (at the records' end, over the journal's
/// padding) and one `fdatasync`, and only then returns.
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
        /// How far ahead of its records the journal is grown (format 2, see `JournalPadding`): a write that does
        /// not fit in the padding left writes this many bytes of padding after its batch. 0 never grows the
        /// journal ahead, and leaves a format-1 store in format 1. Held to at most `JournalPadding.maxChunk`.
        public var journalPadding: Int64 {
            didSet { journalPadding = min(max(0, journalPadding), JournalPadding.maxChunk) }
        }

        public init(
            fileSystem: any StoreFileSystem = PosixFileSystem(), lockTimeoutMilliseconds: Int = 10_000,
            indexCheckpointRecords: Int = 1024, indexCheckpointBytes: Int = 1 << 20,
            journalPadding: Int64 = JournalPadding.defaultChunk
        ) {
            self.fileSystem = fileSystem
            self.journalPadding = min(max(0, journalPadding), JournalPadding.maxChunk)
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
        /// The store's format: 1 (the journal is never padded), or 2.
        var formatVersion: Int
        var view: TailView?
        /// The journal file's size (records and padding) at the last look, or after this store's own write.
        var journalSize: Int64 = 0
        /// The lock file's generation at the last look, or as this store last raised it.
        var generation: UInt64 = 0
        /// The stamps read by the last look, or after this store's own write.
        var stamps: Stamps?
        /// True between a write and its `finishWrite` (the index's checkpoint, the stamps).
        var unfinishedWrite = false
        /// `index.bin` open for reading, kept from one call to the next while the index's stamp names the file
        /// it was opened as (`device`, `inode`) and this store has not written the index since.
        var indexReader: (device: UInt64, inode: UInt64, file: any StoreFile)?
        /// The stamps when `view` was last known to describe the files (after a full look, or after this store's
        /// own write): while they stay the same, `view` is current without reading.
        var verified: Stamps?
        var warnings: [StoreWarning] = []
        /// Set when a failed write could not be undone: every later call fails until the store is reopened.
        var broken: StoreError?
        var closed = false
    }

    /// What tells, under the lock, that nothing changed since the store last knew its view to be right: the
    /// journal's size, which file the index is and its size (`nil` for an index that is missing), and the lock
    /// file's generation.
    ///
    /// Every store writer raises the generation before it changes the journal or the index, so no file's times
    /// are compared: writes over the journal's padding and into the index's table keep the sizes, and asking for
    /// the journal's times makes the kernel (Linux 6.13+, multigrain timestamps) give the next write a
    /// fine-grained time that `fdatasync` then writes with the inode, a third of the sync's cost measured here.
    struct Stamps: Equatable {
        var journalSize: Int64
        var index: FileStamp?
        var generation: UInt64

        /// The parts of an index's stamp that are compared: which file it is, and its size.
        static func identity(_ stamp: FileStamp) -> FileStamp {
            FileStamp(device: stamp.device, inode: stamp.inode, size: stamp.size, modified: 0, changed: 0)
        }
    }

    /// The store's directory.
    public let directory: String
    let options: Options
    let index: CommandIndex
    let state: Mutex<State>

    var fileSystem: any StoreFileSystem { options.fileSystem }

    init(
        directory: String, options: Options, journal: any StoreFile, lock: any StoreFile, writable: Bool,
        formatVersion: Int
    ) {
        self.directory = directory
        self.options = options
        self.index = CommandIndex(fileSystem: options.fileSystem, directory: directory)
        self.state = Mutex(State(journal: journal, lock: lock, writable: writable, formatVersion: formatVersion))
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
            writable: opened.writable, formatVersion: opened.formatVersion)
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
            state.indexReader?.file.close()
            state.indexReader = nil
            state.journal.close()
            state.lock.close()
        }
    }

    func usable(_ state: State) throws(StoreError) {
        if state.closed { throw StoreError(.io, "the store is closed") }
        if let broken = state.broken { throw broken }
    }
}
