/// A cheap line scan, before YAML is composed, for keys that are collections or aliases.
///
/// Yams hashes mapping keys to find duplicates; a key that is an alias of a deeply aliased
/// collection (`[*bomb]: x`) takes exponential time to hash, so such keys must be refused before
/// Yams sees them. Formwork keys are always plain words, so refusing every non-scalar key costs
/// users nothing. Block-scalar content and comments are skipped; quotes are honoured.
enum ComplexKeyScan {
    struct Finding: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    static func scan(_ text: String) -> Finding? {
        var blockIndent: Int?  // inside a block scalar whose parent line had this indentation
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Array(rawLine.unicodeScalars)
            let indent = line.prefix { $0 == " " }.count
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if let parent = blockIndent {
                if blank || indent > parent { continue }
                blockIndent = nil
            }
            if let finding = scanLine(line, number: lineNumber) { return finding }
            if opensBlockScalar(line) { blockIndent = indent }
        }
        return nil
    }

    private static func isBreak(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return true }
        return c == " " || c == "\t" || c == "\r"
    }

    private static func isAnchorChar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    private static func scanLine(_ line: [Unicode.Scalar], number: Int) -> Finding? {
        var quote: Unicode.Scalar?
        var tokenStart = true  // the previous scalar ends a token (start, space, flow indicator)
        var i = 0
        while i < line.count {
            let c = line[i]
            if let q = quote {
                if c == q {
                    if q == "'" && i + 1 < line.count && line[i + 1] == "'" {
                        i += 2
                        continue
                    }
                    quote = nil
                } else if c == "\\" && q == "\"" {
                    i += 1
                }
                i += 1
                continue
            }
            if tokenStart && (c == "'" || c == "\"") {
                quote = c
                i += 1
                continue
            }
            if c == "#" && tokenStart { return nil }
            let next = i + 1 < line.count ? line[i + 1] : nil
            if c == "?" && tokenStart && isBreak(next) {
                return Finding(
                    line: number, column: i + 1,
                    message: "explicit keys ('? ') are not supported; keys are plain words (quote the value if this is text)")
            }
            if c == "*" && tokenStart {
                var j = i + 1
                while j < line.count && isAnchorChar(line[j]) { j += 1 }
                var k = j
                while k < line.count && line[k] == " " { k += 1 }
                if j > i + 1 && k < line.count && line[k] == ":" && isBreak(k + 1 < line.count ? line[k + 1] : nil) {
                    return Finding(
                        line: number, column: i + 1, message: "an alias cannot be used as a key; keys are plain words (quote the value if this is text)")
                }
                i = j
                tokenStart = false
                continue
            }
            if c == "]" || c == "}" {
                var k = i + 1
                while k < line.count && line[k] == " " { k += 1 }
                if k < line.count && line[k] == ":" && isBreak(k + 1 < line.count ? line[k + 1] : nil) {
                    return Finding(
                        line: number, column: i + 1, message: "a list or map cannot be used as a key; keys are plain words (quote the value if this is text)"
                    )
                }
            }
            tokenStart = c == " " || c == "\t" || c == "[" || c == "{" || c == "," || (c == "-" && isBreak(next))
                || (c == ":" && isBreak(next))
            i += 1
        }
        return nil
    }

    /// A line whose value is `|` or `>` (with optional indicators and a comment) starts a block scalar.
    private static func opensBlockScalar(_ line: [Unicode.Scalar]) -> Bool {
        var scalars = line
        if let hash = (1..<max(scalars.count, 1)).first(where: { scalars[$0] == "#" && scalars[$0 - 1] == " " }) {
            scalars = Array(scalars[..<hash])
        }
        let text = String(String.UnicodeScalarView(scalars))
        let trimmed = text.trimmingSpaces()
        guard let last = trimmed.split(separator: " ").last else { return false }
        guard let first = last.unicodeScalars.first, first == "|" || first == ">" else { return false }
        return last.unicodeScalars.dropFirst().allSatisfy { $0 == "+" || $0 == "-" || ("1"..."9").contains($0) }
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
