/// Why a store operation failed. An open struct: new codes can be added without breaking callers.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// Another process held the store's lock for longer than the lock timeout. Try again (exit 75).
        public static let busy = Code(rawValue: "busy")
        /// Another writer appended since the head the caller expected; catch up and try again.
        public static let conflict = Code(rawValue: "conflict")
        /// A read, write, fsync or rename failed. A failed write or sync is never retried and never
        /// acknowledged (exit 74).
        public static let io = Code(rawValue: "io")
        /// A store file is damaged; `seq` and `line` name the record when it is in the journal (exit 65).
        public static let corrupt = Code(rawValue: "corrupt")
        /// The directory is not a Formwork store (exit 66).
        public static let notAStore = Code(rawValue: "not-a-store")
        /// The store was written by a format version this build does not read (exit 65).
        public static let unsupportedVersion = Code(rawValue: "unsupported-version")
        /// A record body is not one compact JSON object within the size limit (exit 65).
        public static let invalidBody = Code(rawValue: "invalid-body")
        /// A draft, batch or command id breaks a limit or is empty (exit 65).
        public static let invalidRecord = Code(rawValue: "invalid-record")
        /// A snapshot names a `{seq, hash}` that is not in the journal, or is too large (exit 65).
        public static let invalidSnapshot = Code(rawValue: "invalid-snapshot")

        public var description: String { rawValue }
    }

    public var code: Code
    /// What went wrong, in words for the user.
    public var message: String
    /// The store file concerned, if any (relative to the store directory, e.g. `journal.jsonl`).
    public var file: String?
    /// The seq of the record concerned, if any.
    public var seq: UInt64?
    /// The 1-based line of the journal concerned, if any.
    public var line: Int?
    /// The system's `errno`, for `.io`.
    public var errno: Int32?

    public init(
        _ code: Code, _ message: String, file: String? = nil, seq: UInt64? = nil, line: Int? = nil,
        errno: Int32? = nil
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.seq = seq
        self.line = line
        self.errno = errno
    }

    /// The same, with every argument labelled.
    public init(
        code: Code, message: String, file: String? = nil, seq: UInt64? = nil, line: Int? = nil, errno: Int32? = nil
    ) {
        self.init(code, message, file: file, seq: seq, line: line, errno: errno)
    }

    /// The sysexits code a command-line tool should exit with.
    public var exitCode: Int32 {
        switch code {
        case .busy, .conflict: 75  // EX_TEMPFAIL
        case .io: 74  // EX_IOERR
        case .notAStore: 66  // EX_NOINPUT
        default: 65  // EX_DATAERR
        }
    }

    /// `journal.jsonl:17: seq 17: checksum mismatch …`.
    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" }
            location += ": "
        }
        if let seq { location += "seq \(seq): " }
        return location + message
    }
}
