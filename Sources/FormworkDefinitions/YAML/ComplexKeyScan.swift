/// A cheap byte scan, before YAML is composed, for keys that are collections or aliases.
///
/// Yams hashes mapping keys to find duplicates; a key that is an alias of a deeply aliased
/// collection (`[*bomb]: x`) takes exponential time to hash, so such keys must be refused before
/// Yams sees them. Formwork keys are always plain words, so refusing every non-scalar key costs
/// users nothing. Block-scalar content and comments are skipped; quotes are honoured. Every
/// character that matters is ASCII, so the scan works on UTF-8 bytes and converts to a column only
/// when it finds something.
enum ComplexKeyScan {
    struct Finding: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    static let explicitKey =
        "explicit keys ('? ') are not supported; keys are plain words (quote the value if this is text)"
    static let aliasKey = "an alias cannot be used as a key; keys are plain words (quote the value if this is text)"
    static let collectionKey =
        "a list or map cannot be used as a key; keys are plain words (quote the value if this is text)"

    static func scan(_ bytes: [UInt8]) -> Finding? {
        var blockIndent: Int?  // inside a block scalar whose parent line had this indentation
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            let line = bytes[start..<end]
            let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
            let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            var skip = false
            if let parent = blockIndent {
                if blank || indent > parent { skip = true } else { blockIndent = nil }
            }
            if !skip {
                if let (offset, message) = scanLine(line) {
                    let column = String(decoding: bytes[start..<offset], as: UTF8.self).unicodeScalars.count + 1
                    return Finding(line: lineNumber, column: column, message: message)
                }
                if opensBlockScalar(line) { blockIndent = indent }
            }
            start = end + 1
        }
        return nil
    }

    private static func isBreak(_ c: UInt8?) -> Bool {
        guard let c else { return true }
        return c == 0x20 || c == 0x09 || c == 0x0D
    }

    private static func isAnchorByte(_ c: UInt8) -> Bool {
        // libyaml's anchor characters: ASCII letters, digits, '_' and '-' (and any non-ASCII byte).
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
            || c >= 0x80
    }

    /// The byte offset and message of a non-scalar key on this line, if any.
    private static func scanLine(_ line: ArraySlice<UInt8>) -> (Int, String)? {
        var quote: UInt8?
        var tokenStart = true  // the previous byte ends a token (start, space, flow indicator)
        var i = line.startIndex
        func at(_ k: Int) -> UInt8? { k < line.endIndex ? line[k] : nil }
        func colonFollows(_ from: Int) -> Bool {
            var k = from
            while k < line.endIndex && line[k] == 0x20 { k += 1 }
            return at(k) == UInt8(ascii: ":") && isBreak(at(k + 1))
        }
        while i < line.endIndex {
            let c = line[i]
            if let q = quote {
                if c == q {
                    if q == UInt8(ascii: "'") && at(i + 1) == q {
                        i += 2
                        continue
                    }
                    quote = nil
                } else if c == UInt8(ascii: "\\") && q == UInt8(ascii: "\"") {
                    i += 1
                }
                i += 1
                continue
            }
            if tokenStart && (c == UInt8(ascii: "'") || c == UInt8(ascii: "\"")) {
                quote = c
                i += 1
                continue
            }
            if c == UInt8(ascii: "#") && tokenStart { return nil }
            let next = at(i + 1)
            if c == UInt8(ascii: "?") && tokenStart && isBreak(next) { return (i, explicitKey) }
            if c == UInt8(ascii: "*") && tokenStart {
                var j = i + 1
                while j < line.endIndex && isAnchorByte(line[j]) { j += 1 }
                if j > i + 1 && colonFollows(j) { return (i, aliasKey) }
                i = j
                tokenStart = false
                continue
            }
            if (c == UInt8(ascii: "]") || c == UInt8(ascii: "}")) && colonFollows(i + 1) { return (i, collectionKey) }
            tokenStart =
                c == 0x20 || c == 0x09 || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") || c == UInt8(ascii: ",")
                || ((c == UInt8(ascii: "-") || c == UInt8(ascii: ":")) && isBreak(next))
            i += 1
        }
        return nil
    }

    /// A line whose value is `|` or `>` (with optional indicators and a comment) starts a block scalar.
    private static func opensBlockScalar(_ line: ArraySlice<UInt8>) -> Bool {
        var end = line.endIndex
        // Drop a comment (" #") and trailing spaces.
        var k = line.startIndex
        while k < line.endIndex {
            if line[k] == UInt8(ascii: "#") && k > line.startIndex && line[k - 1] == 0x20 {
                end = k
                break
            }
            k += 1
        }
        while end > line.startIndex && isBreak(line[end - 1]) { end -= 1 }
        var start = end
        while start > line.startIndex && line[start - 1] != 0x20 { start -= 1 }
        guard start < end, line[start] == UInt8(ascii: "|") || line[start] == UInt8(ascii: ">") else { return false }
        return line[(start + 1)..<end].allSatisfy {
            $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || ($0 >= 0x31 && $0 <= 0x39)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and carriage returns.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
            let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[start...end])
    }
}
