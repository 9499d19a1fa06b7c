import Synchronization

extension JournalStore {
    /// Checks the whole store after repairing a torn tail; the report names the first bad record.
    public func verify() throws(StoreError) -> VerifyReport {
        try state.withLock { state throws(StoreError) in
            try usable(state)
            do throws(StoreError) {
                try withView(&state, exclusive: false) { _, _ in }
            } catch  where error.code == .corrupt || error.code == .unsupportedVersion {
                // The full scan below finds and names the same damage.
            }
            var report = try Verifier(
                directory: directory, fileSystem: fileSystem, journal: state.journal, lock: state.lock,
                lockTimeoutMilliseconds: options.lockTimeoutMilliseconds
            ).run()
            report.warnings = state.warnings + report.warnings
            state.warnings = []
            return report
        }
    }

    /// Checks the store in `directory` without opening it for writing and without repairing anything, so that a
    /// store that refuses to open can still be examined. A torn tail is reported as a warning.
    public static func verify(at directory: String, options: Options = Options()) throws(StoreError) -> VerifyReport {
        let opened = try StoreOpener(directory: directory, options: options).open(create: false, readOnly: true)
        defer {
            opened.journal.close()
            opened.lock.close()
        }
        return try Verifier(
            directory: directory, fileSystem: options.fileSystem, journal: opened.journal, lock: opened.lock,
            lockTimeoutMilliseconds: options.lockTimeoutMilliseconds
        ).run()
    }
}
