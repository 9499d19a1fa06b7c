/// The text of the files that diagnostics point into, so that the renderer can quote the line.
public struct SourceFiles: Sendable {
    /// A file as it was given: text, or UTF-8 bytes decoded only for the lines a diagnostic quotes.
    private enum Content: Sendable {
        case text(String)
        case bytes([UInt8])
    }

    private var contents: [String: Content] = [:]

    public init() {}

    /// Remembers `text` as the content of `file` (the display path used in locations).
    public mutating func add(_ text: String, as file: String) {
        contents[file] = .text(text)
    }

    /// Remembers `bytes`, UTF-8 (invalid sequences are shown as U+FFFD), as the content of `file`: what a
    /// loader that read the bytes keeps when it will most likely quote nothing (every command loads its form
    /// set, and decoding a whole org file to text cost more than reading it).
    public mutating func add(bytes: [UInt8], as file: String) {
        contents[file] = .bytes(bytes)
    }

    /// The 1-based `line` of `file` without its line ending, or nil when unknown.
    ///
    /// Lines are found on demand: only the few lines that diagnostics quote are ever needed.
    public func line(_ line: Int, of file: String) -> Substring? {
        guard let content = contents[file], line >= 1 else { return nil }
        var result: Substring
        switch content {
        case .text(let text):
            guard let range = Self.range(ofLine: line, in: text.utf8) else { return nil }
            result = text[range]
        case .bytes(let bytes):
            guard let range = Self.range(ofLine: line, in: bytes) else { return nil }
            result = Substring(String(decoding: bytes[range], as: UTF8.self))
        }
        if result.hasSuffix("\r") { result = result.dropLast() }
        return result
    }

    /// Where the 1-based `line` of `bytes` is, its line feed excluded.
    private static func range<Bytes: Collection<UInt8>>(ofLine line: Int, in bytes: Bytes) -> Range<Bytes.Index>? {
        var start = bytes.startIndex
        for _ in 1..<line {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = bytes.index(after: newline)
        }
        return start..<(bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex)
    }

    public var fileCount: Int { contents.count }
}
