#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system, through the POSIX calls whose durability guarantees the store relies on.
public struct PosixFileSystem: StoreFileSystem {
    public init() {}

    public func open(_ path: String, mode: FileOpenMode) throws(FileSystemError) -> any StoreFile {
        var flags: Int32 = mode.write ? O_RDWR : O_RDONLY
        if mode.append { flags |= O_APPEND }
        if mode.create { flags |= O_CREAT }
        if mode.exclusive { flags |= O_EXCL }
        // Without waiting: opening a FIFO put where a store file belongs would otherwise block forever. Not through a
        // symbolic link: one put where a store file belongs (the lock file, say) would have the store write wherever
        // it points, outside the store's folder. (The folder itself may be a link: only the last name is held.)
        flags |= O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW
        let descriptor = Self.retrying { systemOpen(path, flags, 0o644) }
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP {
                throw FileSystemError(
                    errno: code, operation: "open (it is a symbolic link; a store's files are its own)", path: path)
            }
            throw FileSystemError(errno: code, operation: "open", path: path)
        }
        // Only a regular file is a store file (a FIFO, a device or a directory is refused, not read).
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            _ = systemClose(descriptor)
            throw FileSystemError(errno: code, operation: "fstat", path: path)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            _ = systemClose(descriptor)
            throw FileSystemError(errno: EINVAL, operation: "open (it is not a regular file)", path: path)
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return PosixFile(descriptor: descriptor, path: path)
    }

    public func rename(_ source: String, to destination: String) throws(FileSystemError) {
        guard systemRename(source, destination) == 0 else {
            throw FileSystemError(errno: errno, operation: "rename", path: "\(source) -> \(destination)")
        }
    }

    @discardableResult
    public func remove(_ path: String) throws(FileSystemError) -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw FileSystemError(errno: errno, operation: "unlink", path: path)
    }

    @discardableResult
    public func makeDirectory(_ path: String) throws(FileSystemError) -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        if errno == EEXIST { return false }
        throw FileSystemError(errno: errno, operation: "mkdir", path: path)
    }

    public func syncDirectory(_ path: String) throws(FileSystemError) {
        let descriptor = Self.retrying { systemOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0) }
        guard descriptor >= 0 else { throw FileSystemError(errno: errno, operation: "open", path: path) }
        defer { _ = systemClose(descriptor) }
        guard Self.retrying({ fsync(descriptor) }) == 0 else {
            throw FileSystemError(errno: errno, operation: "fsync", path: path)
        }
    }

    /// Its stamps tell every change apart (see `StoreFileSystem.stampsFiles`).
    public var stampsFiles: Bool { true }

    public func stamp(of path: String) throws(FileSystemError) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw FileSystemError(errno: errno, operation: "stat", path: path)
        }
        return FileStamp(info)
    }

    public func kind(of path: String) throws(FileSystemError) -> StoreFileKind {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return .missing }
            throw FileSystemError(errno: errno, operation: "stat", path: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    public func entries(in directory: String) throws(FileSystemError) -> [String] {
        guard let stream = opendir(directory) else {
            throw FileSystemError(errno: errno, operation: "opendir", path: directory)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Repeats a call interrupted by a signal (`EINTR`).
    static func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}

/// `open(2)`, named apart from the protocol's `open`.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Darwin)
    Darwin.open(path, flags, mode)
    #elseif canImport(Musl)
    Musl.open(path, flags, mode)
    #else
    Glibc.open(path, flags, mode)
    #endif
}

/// `rename(2)`, named apart from the protocol's `rename`.
private func systemRename(_ source: String, _ destination: String) -> Int32 {
    #if canImport(Darwin)
    Darwin.rename(source, destination)
    #elseif canImport(Musl)
    Musl.rename(source, destination)
    #else
    Glibc.rename(source, destination)
    #endif
}

/// `close(2)`, named apart from `StoreFile.close()`.
func systemClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Darwin)
    Darwin.close(descriptor)
    #elseif canImport(Musl)
    Musl.close(descriptor)
    #else
    Glibc.close(descriptor)
    #endif
}
