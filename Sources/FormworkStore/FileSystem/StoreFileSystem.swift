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
    /// The stamp of the file at `path` (`stat`), `nil` when there is none.
    func stamp(of path: String) throws(FileSystemError) -> FileStamp?
    /// What is at `path`.
    func kind(of path: String) throws(FileSystemError) -> StoreFileKind
    /// The names of the entries directly inside the directory at `path`.
    func entries(in directory: String) throws(FileSystemError) -> [String]
}
