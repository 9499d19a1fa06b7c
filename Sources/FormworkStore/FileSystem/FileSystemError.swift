/// A failed file operation, with the `errno` the system gave.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `errno` value (`ENOENT`, `EIO`, `ENOSPC`, …).
    public var errno: Int32
    /// The operation that failed, e.g. `"fdatasync"`.
    public var operation: String
    /// The path concerned.
    public var path: String

    public init(errno: Int32, operation: String, path: String) {
        self.errno = errno
        self.operation = operation
        self.path = path
    }

    public var description: String { "\(operation) \(path): \(SystemErrors.name(errno))" }
}
