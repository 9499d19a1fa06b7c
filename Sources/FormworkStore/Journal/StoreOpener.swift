/// Finds or creates a store directory and opens its lock file and journal.
struct StoreOpener {
    let directory: String
    let options: JournalStore.Options

    var fileSystem: any StoreFileSystem { options.fileSystem }

    /// The open files of a store whose marker has been checked.
    struct Opened {
        var journal: any StoreFile
        var lock: any StoreFile
        var writable: Bool
        var formatVersion: Int
    }

    func open(create: Bool, readOnly: Bool = false) throws(StoreError) -> Opened {
        switch try performIO(
            "looking for \(directory)", { () throws(FileSystemError) in try fileSystem.kind(of: directory) })
        {
        case .directory: break
        case .missing:
            guard create else { throw StoreError(.notAStore, "there is no store at \(directory)") }
            try performIO("creating \(directory)") { () throws(FileSystemError) in
                if try fileSystem.makeDirectory(directory) {
                    try fileSystem.syncDirectory(StoreLayout.parent(of: directory))
                }
            }
            // A name that is there but is no folder after all: a symbolic link to a folder that does not exist.
            let made = try performIO("looking for \(directory)") { () throws(FileSystemError) in
                try fileSystem.kind(of: directory)
            }
            guard made == .directory else {
                throw StoreError(
                    .notAStore,
                    "\(directory) is a symbolic link to a folder that does not exist: create that folder, or give "
                        + "another store folder")
            }
        case .file, .other:
            throw StoreError(.notAStore, "\(directory) is not a directory")
        }
        let markerPath = path(StoreLayout.marker)
        let hasMarker = try performIO("looking for \(StoreLayout.marker)") { () throws(FileSystemError) in
            try fileSystem.kind(of: markerPath) != .missing
        }
        guard hasMarker || create else {
            throw StoreError(.notAStore, "\(directory) is not a Formwork store: it has no \(StoreLayout.marker)")
        }
        // A folder that holds something else is refused before anything (the lock file) is put in it. A marker that
        // appeared since the look above is another process creating the store at the same moment: what follows,
        // under the lock, finds it made.
        if !hasMarker {
            let names = try performIO("listing \(directory)") { () throws(FileSystemError) in
                try fileSystem.entries(in: directory)
            }
            if !names.contains(StoreLayout.marker) { try checkNothingElse(names) }
        }
        let (lock, lockWritable) = try openLock()
        do throws(StoreError) {
            if !hasMarker {
                try JournalStore.acquire(lock, exclusive: true, timeoutMilliseconds: options.lockTimeoutMilliseconds)
                defer { _ = try? lock.unlock() }
                guard lockWritable else {
                    throw StoreError(.io, "\(directory) is read-only; cannot create a store there")
                }
                try createIfMissing()
            }
            let version = try checkMarker()
            // A writer raises the lock file's generation before each change, so a lock it cannot write makes
            // the store read-only, however the journal could be opened.
            let (journal, writable) = try openJournal(readOnly: readOnly || !lockWritable)
            return Opened(journal: journal, lock: lock, writable: writable, formatVersion: version)
        } catch {
            lock.close()
            throw error
        }
    }

    private func path(_ name: String) -> String { StoreLayout.path(directory, name) }

    private static func isReadOnly(_ error: FileSystemError) -> Bool {
        [SystemErrors.accessDenied, SystemErrors.readOnlyFileSystem, SystemErrors.notPermitted].contains(error.errno)
    }

    private func openLock() throws(StoreError) -> (any StoreFile, Bool) {
        do {
            return (try fileSystem.open(path(StoreLayout.lock), mode: FileOpenMode(write: true, create: true)), true)
        } catch  where Self.isReadOnly(error) {
            return (
                try performIO("opening the lock file") { () throws(FileSystemError) in
                    try fileSystem.open(path(StoreLayout.lock), mode: .read)
                }, false
            )
        } catch {
            throw StoreError.io(error, "opening the lock file")
        }
    }

    private func openJournal(readOnly: Bool) throws(StoreError) -> (any StoreFile, Bool) {
        let journalPath = path(StoreLayout.journal)
        do {
            if readOnly { return (try fileSystem.open(journalPath, mode: .read), false) }
            // Not O_APPEND: batches are written in place over the journal's padding (on Linux, pwrite on an
            // O_APPEND descriptor writes at the end whatever the offset).
            return (try fileSystem.open(journalPath, mode: .readWrite), true)
        } catch  where error.errno == SystemErrors.noEntry {
            throw StoreError(.corrupt, "the store has no \(StoreLayout.journal)", file: StoreLayout.journal)
        } catch  where Self.isReadOnly(error) {
            return (
                try performIO("opening the journal") { () throws(FileSystemError) in
                    try fileSystem.open(journalPath, mode: .read)
                }, false
            )
        } catch {
            throw StoreError.io(error, "opening the journal")
        }
    }

    /// Creates the journal, the index and, last, the marker, each durable before the next.
    private func createIfMissing() throws(StoreError) {
        let names = try performIO("listing \(directory)") { () throws(FileSystemError) in
            try fileSystem.entries(in: directory)
        }
        if names.contains(StoreLayout.marker) { return }
        try checkNothingElse(names)
        try performIO("creating the store in \(directory)") { () throws(FileSystemError) in
            let journal = try fileSystem.open(path(StoreLayout.journal), mode: FileOpenMode(write: true, create: true))
            defer { journal.close() }
            guard try journal.size() == 0 else {
                throw FileSystemError(errno: SystemErrors.exists, operation: "create", path: path(StoreLayout.journal))
            }
            try journal.sync()
            _ = try CommandIndex(fileSystem: fileSystem, directory: directory)
                .rebuild(adding: [], covering: .empty, from: nil)
            try CrashSafeFile.replace(
                StoreLayout.marker, in: directory,
                with: StoreLayout.markerBytes(version: options.journalPadding > 0 ? 2 : 1), fileSystem: fileSystem)
        }
    }

    /// Refuses a folder without a marker that holds anything but what a store being created holds (and the
    /// copies of proposed form sets, which `formwork propose` keeps there before its first record).
    private func checkNothingElse(_ names: [String]) throws(StoreError) {
        let allowed: Set<String> = [
            StoreLayout.lock, StoreLayout.journal, StoreLayout.index, StoreLayout.temporary(StoreLayout.index),
            StoreLayout.temporary(StoreLayout.marker), StoreLayout.formSets,
        ]
        if let stranger = names.sorted().first(where: { !allowed.contains($0) }) {
            throw StoreError(
                .notAStore,
                "\(directory) is not empty (it holds \(stranger)) and is not a Formwork store; use a new directory")
        }
    }

    /// The store's format version, from its marker.
    private func checkMarker() throws(StoreError) -> Int {
        let bytes = try performIO("reading \(StoreLayout.marker)") { () throws(FileSystemError) -> [UInt8] in
            let file = try fileSystem.open(path(StoreLayout.marker), mode: .read)
            defer { file.close() }
            return try file.read(at: 0, count: StoreLimits.maxMarkerBytes + 1)
        }
        var trimmed = bytes[...]
        while let last = trimmed.last, last == 0x0a || last == 0x0d || last == 0x20 { trimmed = trimmed.dropLast() }
        for version in StoreLayout.formatVersions
        where trimmed.elementsEqual(StoreLayout.markerBytes(version: version).dropLast()) {
            return version
        }
        let formatKey = Array(#""format":"formwork-store""#.utf8)
        let versionKey = Array(#""version":"#.utf8)
        if bytes.count <= StoreLimits.maxMarkerBytes, Self.find(formatKey, in: bytes) != nil,
            let versionAt = Self.find(versionKey, in: bytes)
        {
            let digits = bytes[(versionAt + versionKey.count)...].prefix { $0 >= 0x30 && $0 <= 0x39 }
            if let version = Int(String(decoding: digits.prefix(9), as: UTF8.self)),
                !StoreLayout.formatVersions.contains(version)
            {
                throw StoreError(
                    .unsupportedVersion,
                    "the store is in format version \(version); this build reads versions 1 and 2",
                    file: StoreLayout.marker)
            }
        }
        throw StoreError(
            .notAStore, "\(StoreLayout.marker) is not a Formwork store marker (format 1 or 2)", file: StoreLayout.marker
        )
    }

    /// The index of the first occurrence of `needle` in `haystack`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
