#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file descriptor. Closed by `close()`; the kernel releases its `flock` when the process dies.
final class PosixFile: StoreFile {
    let descriptor: Int32
    let path: String

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    func size() throws(FileSystemError) -> Int64 {
        // lseek, not fstat: asking for the times would make the next write's fdatasync write the inode too
        // (multigrain timestamps). Every read and write here is positioned, so the offset it moves is unused.
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else { throw failure("lseek") }
        return Int64(end)
    }

    func read(at offset: Int64, count: Int) throws(FileSystemError) -> [UInt8] {
        guard count > 0 else { return [] }
        // Read into the array's uninitialised storage: zeroing it first cost a byte's worth of work per byte read
        // (the 1 MiB of padding a command looks through at open, a million instructions).
        var failedWith: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var filled = 0
            while filled < count {
                let result = PosixFileSystem.retrying {
                    pread(
                        descriptor, buffer.baseAddress.map { $0 + filled }, count - filled,
                        off_t(offset) + off_t(filled))
                }
                if result < 0 {
                    failedWith = errno
                    break
                }
                if result == 0 { break }
                filled += result
            }
            initialized = filled
        }
        if let failedWith { throw FileSystemError(errno: failedWith, operation: "pread", path: path) }
        return bytes
    }

    func append(_ bytes: [UInt8]) throws(FileSystemError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                PosixFileSystem.retrying {
                    systemWrite(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
                }
            }
            if result < 0 { throw failure("write") }
            if result == 0 { throw FileSystemError(errno: SystemErrors.io, operation: "write", path: path) }
            written += result
        }
    }

    func write(_ bytes: [UInt8], at offset: Int64) throws(FileSystemError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                PosixFileSystem.retrying {
                    pwrite(
                        descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written,
                        off_t(offset) + off_t(written))
                }
            }
            if result < 0 { throw failure("pwrite") }
            if result == 0 { throw FileSystemError(errno: SystemErrors.io, operation: "pwrite", path: path) }
            written += result
        }
    }

    /// The bytes, then the run written from one block of the repeated byte: a journal grows by a megabyte at a time,
    /// and building the megabyte in a fresh array (mapped, zeroed page by page, filled, copied and unmapped) cost
    /// more than writing it.
    func write(_ bytes: [UInt8], thenRepeating byte: UInt8, count: Int, at offset: Int64) throws(FileSystemError) {
        try write(bytes, at: offset)
        guard count > 0 else { return }
        let block = byte == JournalPadding.byte ? JournalPadding.block : [UInt8](repeating: byte, count: 64 * 1024)
        var written = 0
        while written < count {
            let piece = min(block.count, count - written)
            let result = block.withUnsafeBytes { buffer in
                PosixFileSystem.retrying {
                    pwrite(descriptor, buffer.baseAddress, piece, off_t(offset) + off_t(bytes.count + written))
                }
            }
            if result < 0 { throw failure("pwrite") }
            if result == 0 { throw FileSystemError(errno: SystemErrors.io, operation: "pwrite", path: path) }
            written += result
        }
    }

    func truncate(to size: Int64) throws(FileSystemError) {
        guard PosixFileSystem.retrying({ ftruncate(descriptor, off_t(size)) }) == 0 else { throw failure("ftruncate") }
    }

    func syncData() throws(FileSystemError) {
        #if canImport(Darwin)
        // On Darwin only F_FULLFSYNC asks the drive to flush its cache.
        guard PosixFileSystem.retrying({ fcntl(descriptor, F_FULLFSYNC) }) == 0 else { throw failure("fcntl") }
        #else
        guard PosixFileSystem.retrying({ fdatasync(descriptor) }) == 0 else { throw failure("fdatasync") }
        #endif
    }

    func sync() throws(FileSystemError) {
        #if canImport(Darwin)
        guard PosixFileSystem.retrying({ fcntl(descriptor, F_FULLFSYNC) }) == 0 else { throw failure("fcntl") }
        #else
        guard PosixFileSystem.retrying({ fsync(descriptor) }) == 0 else { throw failure("fsync") }
        #endif
    }

    func tryLock(exclusive: Bool) throws(FileSystemError) -> Bool {
        let operation = (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB
        if PosixFileSystem.retrying({ flock(descriptor, operation) }) == 0 { return true }
        if errno == EWOULDBLOCK { return false }
        throw failure("flock")
    }

    func unlock() throws(FileSystemError) {
        guard PosixFileSystem.retrying({ flock(descriptor, LOCK_UN) }) == 0 else { throw failure("flock") }
    }

    func close() {
        // A failed close on Linux has already released the descriptor; there is nothing to retry.
        _ = systemClose(descriptor)
    }

    private func failure(_ operation: String) -> FileSystemError {
        FileSystemError(errno: errno, operation: operation, path: path)
    }
}

extension FileStamp {
    /// The stamp `stat`/`fstat` filled in.
    init(_ info: stat) {
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        let changed = info.st_ctimespec
        #else
        let modified = info.st_mtim
        let changed = info.st_ctim
        #endif
        self.init(
            device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino),
            size: Int64(info.st_size),
            modified: Int64(modified.tv_sec) &* 1_000_000_000 &+ Int64(modified.tv_nsec),
            changed: Int64(changed.tv_sec) &* 1_000_000_000 &+ Int64(changed.tv_nsec))
    }
}

/// `write(2)`, named apart from `StoreFile.write(_:at:)`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Darwin)
    Darwin.write(descriptor, buffer, count)
    #elseif canImport(Musl)
    Musl.write(descriptor, buffer, count)
    #else
    Glibc.write(descriptor, buffer, count)
    #endif
}
