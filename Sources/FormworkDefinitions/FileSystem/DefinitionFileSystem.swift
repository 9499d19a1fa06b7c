/// What the loader needs from a file system, so that loading is testable without touching disk.
public protocol DefinitionFileSystem: Sendable {
    /// What is at `path`: a file, a folder, or nothing.
    func kind(of path: String) -> FileKind
    /// The bytes of the file at `path`, refusing files larger than `limit` bytes.
    func read(_ path: String, limit: Int) throws(FileReadError) -> [UInt8]
    /// The names (not paths) of the entries directly inside the folder at `path`.
    func contents(of path: String) throws(FileReadError) -> [String]
}

/// The kind of entry found at a path.
public enum FileKind: Sendable, Equatable {
    case file
    case folder
    case missing
}

/// Why a file could not be read.
public struct FileReadError: Error, Sendable, Equatable {
    public enum Code: Sendable, Equatable {
        case missing
        case tooLarge(size: Int)
        case unreadable
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
