/// The text of the files that diagnostics point into, so that the renderer can quote the line.
public struct SourceFiles: Sendable {
    private var texts: [String: String] = [:]

    public init() {}

    /// Remembers `text` as the content of `file` (the display path used in locations).
    public mutating func add(_ text: String, as file: String) {
        texts[file] = text
    }

    /// The 1-based `line` of `file` without its line ending, or nil when unknown.
    ///
    /// Lines are found on demand: only the few lines that diagnostics quote are ever needed.
    public func line(_ line: Int, of file: String) -> Substring? {
        guard let text = texts[file], line >= 1 else { return nil }
        let utf8 = text.utf8
        var start = utf8.startIndex
        for _ in 1..<line {
            guard let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = utf8.index(after: newline)
        }
        let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        var result = text[start..<end]
        if result.hasSuffix("\r") { result = result.dropLast() }
        return result
    }

    public var fileCount: Int { texts.count }
}
