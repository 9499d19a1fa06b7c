/// The text of the files that diagnostics point into, so that the renderer can quote the line.
public struct SourceFiles: Sendable {
    private var lines: [String: [Substring]] = [:]

    public init() {}

    /// Remembers `text` as the content of `file` (the display path used in locations).
    public mutating func add(_ text: String, as file: String) {
        lines[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based `line` of `file` without its line ending, or nil when unknown.
    public func line(_ line: Int, of file: String) -> Substring? {
        guard let fileLines = lines[file], line >= 1, line <= fileLines.count else { return nil }
        var text = fileLines[line - 1]
        if text.hasSuffix("\r") { text = text.dropLast() }
        return text
    }

    public var fileCount: Int { lines.count }
}
