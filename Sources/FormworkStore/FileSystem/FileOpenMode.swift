/// How to open a file.
public struct FileOpenMode: Sendable, Equatable {
    /// Open for writing as well as reading.
    public var write: Bool
    /// Every write goes to the end of the file (`O_APPEND`).
    public var append: Bool
    /// Create the file when it does not exist (`O_CREAT`).
    public var create: Bool
    /// Fail when the file already exists (`O_EXCL`; only with `create`).
    public var exclusive: Bool

    public init(write: Bool = false, append: Bool = false, create: Bool = false, exclusive: Bool = false) {
        self.write = write
        self.append = append
        self.create = create
        self.exclusive = exclusive
    }

    /// Read only.
    public static let read = FileOpenMode()
    /// Read and write in place.
    public static let readWrite = FileOpenMode(write: true)
    /// Read, and write at the end only.
    public static let readAppend = FileOpenMode(write: true, append: true)
    /// A new file that must not exist yet, for the temp-file-then-rename replacement.
    public static let createNew = FileOpenMode(write: true, create: true, exclusive: true)
}
