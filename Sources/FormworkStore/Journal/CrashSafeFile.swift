/// Replaces a file so that a crash at any point leaves either the old or the new one, whole: a temp file in the
/// same directory (`O_CREAT|O_EXCL`, after removing a stale one), every byte written, fsync, rename over the
/// target, fsync the directory.
enum CrashSafeFile {
    static func replace(
        _ name: String, in directory: String, with bytes: [UInt8], fileSystem: any StoreFileSystem,
        afterTempWrite: Failpoint? = nil, afterRename: Failpoint? = nil, keepingPreviousAs previous: String? = nil
    ) throws(FileSystemError) {
        let target = StoreLayout.path(directory, name)
        let temporary = StoreLayout.path(directory, StoreLayout.temporary(name))
        // Temp files are only written under the store's exclusive lock, so one left over is from a dead process.
        try fileSystem.remove(temporary)
        let file = try fileSystem.open(temporary, mode: .createNew)
        do {
            try file.append(bytes)
            try file.sync()
            file.close()
        } catch {
            file.close()
            _ = try? fileSystem.remove(temporary)
            throw error
        }
        afterTempWrite?.reached()
        if let previous, try fileSystem.kind(of: target) == .file {
            try fileSystem.rename(target, to: StoreLayout.path(directory, previous))
        }
        try fileSystem.rename(temporary, to: target)
        afterRename?.reached()
        try fileSystem.syncDirectory(directory)
    }
}
