/// The first bad record (or store file) `verify()` found, and what is wrong with it.
public struct VerifyProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file, relative to the store directory: `journal.jsonl`, `index.bin`, `snapshot.dat`.
    public var file: String
    /// The seq the bad record should have (in a good journal, line N holds seq N), or `nil` for other files.
    public var seq: UInt64?
    /// The 1-based line of the journal, or `nil` for other files.
    public var line: Int?
    /// What is wrong.
    public var message: String

    public init(file: String, seq: UInt64?, line: Int?, message: String) {
        self.file = file
        self.seq = seq
        self.line = line
        self.message = message
    }

    /// `journal.jsonl:17: seq 17: checksum mismatch …`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let seq { text += "seq \(seq): " }
        return text + message
    }
}
