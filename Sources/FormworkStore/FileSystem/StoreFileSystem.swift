/// The file operations the journal store needs, so that the same store code runs on disk and in memory.
///
/// The operations are the POSIX ones the durability rules are written in (`fdatasync`, `flock`, `rename`,
/// directory `fsync`); the in-memory twin models which of them make data durable, so tests can simulate
/// a power loss, and can make any operation fail.
public protocol StoreFileSystem: Sendable {
    /// Opens (and with `mode.create`, creates) the file at `path`.
    func open(_ path: String, mode: FileOpenMode) throws(FileSystemError) -> any StoreFile
    /// Renames `source` over `destination`, atomically replacing it.
    func rename(_ source: String, to destination: String) throws(FileSystemError)
    /// Removes the file at `path`; returns `false` when there was none.
    @discardableResult
    func remove(_ path: String) throws(FileSystemError) -> Bool
    /// Creates the directory at `path`; returns `false` when it already existed.
    @discardableResult
    func makeDirectory(_ path: String) throws(FileSystemError) -> Bool
    /// Makes the directory's entries (created, renamed, removed names) durable.
    func syncDirectory(_ path: String) throws(FileSystemError)
    /// Whether `stamp(of:)` tells every change of a file apart (identity, size, change times), so that the journal
    /// store may skip re-reading the tail while the index's stamp, the journal's size and the lock file's
    /// generation stay the same. A conformer that leaves this `false` (the default) gets a store that looks at
    /// the journal's tail on every call.
    var stampsFiles: Bool { get }
    /// The stamp of the file at `path` (`stat`), `nil` when there is none.
    func stamp(of path: String) throws(FileSystemError) -> FileStamp?
    /// What is at `path`.
    func kind(of path: String) throws(FileSystemError) -> StoreFileKind
    /// The names of the entries directly inside the directory at `path`.
    func entries(in directory: String) throws(FileSystemError) -> [String]
}

extension StoreFileSystem {
    /// No stamps that tell changes apart: the journal store looks at the files on every call.
    public var stampsFiles: Bool { false }

    /// Only whether the file is there, and nothing the journal store trusts (see `stampsFiles`).
    public func stamp(of path: String) throws(FileSystemError) -> FileStamp? {
        guard try kind(of: path) == .file else { return nil }
        return FileStamp(device: 0, inode: 0, size: 0, modified: 0, changed: 0)
    }
}
