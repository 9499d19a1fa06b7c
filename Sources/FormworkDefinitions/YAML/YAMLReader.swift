public import FormworkDiagnostics
import Yams

/// Reads one YAML file into a ``YAMLNode`` tree, refusing hostile input quickly and saying where.
///
/// The only code in Formwork that talks to Yams. Scalars are never resolved to numbers or booleans
/// by Yams (`Resolver.basic`): Formwork converts them itself with located errors.
public struct YAMLReader: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .standard) {
        self.limits = limits
    }

    /// The outcome of reading a file: the root node when it could be read, the decoded text (for
    /// quoting lines in diagnostics), and every problem found.
    public struct Result: Sendable {
        public var root: YAMLNode?
        public var text: String?
        public var diagnostics: [Diagnostic]
    }

    public func read(_ bytes: [UInt8], file: String) -> Result {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if bytes.count > limits.maxFileBytes {
            return failure(
                .error(
                    "file-too-large",
                    "the file is \(bytes.count) bytes; definition files are limited to \(limits.maxFileBytes) bytes",
                    at: start))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return failure(
                .error(
                    "byte-order-mark", "the file starts with a byte-order mark; save it as UTF-8 without BOM", at: start
                ))
        }
        if let offset = UTF8Validation.firstInvalidByte(in: bytes) {
            let place = UTF8Validation.location(ofByte: offset, in: bytes, file: file)
            return failure(
                .error(
                    "invalid-utf8", "the file is not valid UTF-8 (byte offset \(offset)); save it as UTF-8", at: place))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let finding = ComplexKeyScan.scan(bytes) {
            return Result(
                root: nil, text: text,
                diagnostics: [
                    .error(
                        "complex-key", finding.message,
                        at: SourceLocation(file: file, line: finding.line, column: finding.column))
                ])
        }
        do {
            let parser = try Yams.Parser(yaml: text, resolver: .basic, encoding: .utf8)
            return try withExtendedLifetime(parser) {
                guard let node = try parser.singleRoot() else {
                    return Result(
                        root: nil, text: text, diagnostics: [.error("empty-file", "the file is empty", at: start)])
                }
                var converter = Converter(file: file, limits: limits, bytes: bytes)
                let root = converter.convert(node, depth: 1)
                return Result(
                    root: converter.diagnostics.isEmpty ? root : nil, text: text, diagnostics: converter.diagnostics)
            }
        } catch let error as YamlError {
            return Result(root: nil, text: text, diagnostics: [diagnostic(for: error, file: file, text: text)])
        } catch {
            return Result(root: nil, text: text, diagnostics: [.error("yaml-syntax", "\(error)", at: start)])
        }
    }

    private func failure(_ diagnostic: Diagnostic) -> Result {
        Result(root: nil, text: nil, diagnostics: [diagnostic])
    }

    private func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        func place(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            let location = place(mark)
            if problem.contains("tab")
                || (problem.contains("cannot start any token") && character(at: location, in: text) == "\t")
            {
                return .error("yaml-tab", "tabs cannot indent YAML; use spaces", at: location)
            }
            return .error("yaml-syntax", Self.sentence(problem), at: location)
        case .composer(_, let problem, let mark, _):
            if problem.contains("another document") {
                return .error(
                    "multiple-documents", "the file holds more than one YAML document; keep one per file",
                    at: place(mark))
            }
            return .error("yaml-syntax", Self.sentence(problem), at: place(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let first = place(context.mark)
            let key = duplicates.first ?? ""
            guard let again = Self.repetition(of: key, after: first, in: text) else {
                return .error("duplicate-key", "the key \(keys) appears more than once in the same map", at: first)
            }
            return .error(
                "duplicate-key", "the key \(keys) appears more than once in the same map", at: again,
                length: key.unicodeScalars.count, notes: [.init("first written here", at: first)])
        case .reader(let problem, let offset, _, _):
            let location =
                offset.map { UTF8Validation.location(ofByte: $0, in: Array(text.utf8), file: file) }
                ?? SourceLocation(file: file, line: 1, column: 1)
            return .error("yaml-syntax", Self.sentence(problem), at: location)
        default:
            return .error(
                "yaml-syntax", "the file cannot be read as YAML", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// The next line after `first` where `key:` starts at the same column: the repeated key that
    /// Yams does not locate (it reports the first one).
    static func repetition(of key: String, after first: SourceLocation, in text: String) -> SourceLocation? {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard number > first.line else { continue }
            let scalars = Array(line.unicodeScalars)
            let start = first.column - 1
            guard start >= 0, start < scalars.count else { continue }
            let rest = String(String.UnicodeScalarView(scalars[start...]))
            let before = scalars[..<start].allSatisfy { $0 == " " || $0 == "-" }
            if before && (rest.hasPrefix(key + ":") || rest.hasPrefix(key + " :")) {
                return SourceLocation(file: first.file, line: number, column: first.column)
            }
        }
        return nil
    }

    private func character(at location: SourceLocation, in text: String) -> Unicode.Scalar? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line <= lines.count else { return nil }
        let scalars = Array(lines[location.line - 1].unicodeScalars)
        let index = location.column - 1
        return index >= 0 && index < scalars.count ? scalars[index] : nil
    }

    /// libyaml's problem text ("found character that cannot start any token") as a message.
    static func sentence(_ problem: String) -> String {
        problem.isEmpty ? "the file cannot be read as YAML" : "YAML syntax: \(problem)"
    }
}

/// Turns Yams nodes into ``YAMLNode``s, enforcing depth, size, tag and alias-expansion limits.
private struct Converter {
    let file: String
    let limits: YAMLLimits
    var diagnostics: [Diagnostic] = []
    /// Nodes produced so far, counting every use of an alias in full (saturating).
    var expanded = 0
    /// Already converted anchored nodes with their expanded size, by anchor identity.
    var anchored: [ObjectIdentifier: (node: YAMLNode, size: Int)] = [:]
    var stopped = false
    let bytes: [UInt8]
    /// Byte offset of the start of each line (index 0 is line 1).
    let lineStarts: [Int]

    init(file: String, limits: YAMLLimits, bytes: [UInt8]) {
        self.file = file
        self.limits = limits
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The last place converted from (line, column) to a byte offset: scalars arrive in document
    /// order, so walking on from it keeps the conversion linear even on one very long line.
    var cursor = (line: 1, column: 1, offset: 0)

    /// The byte offset of a 1-based line and column (in Unicode scalars), or nil past the end.
    mutating func offset(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        var (offset, current) = (lineStarts[line - 1], 1)
        if cursor.line == line && cursor.column <= column { (offset, current) = (cursor.offset, cursor.column) }
        while current < column && offset < bytes.count {
            offset += Self.sequenceLength(bytes[offset])
            current += 1
        }
        cursor = (line, current, offset)
        return offset
    }

    /// Whether `text` stands byte for byte at `mark` (after the opening quote for quoted scalars).
    mutating func isVerbatim(_ text: String, style: YAMLNode.ScalarStyle, at mark: Mark?) -> Bool {
        guard let mark, style == .plain || style == .singleQuoted || style == .doubleQuoted,
            var offset = offset(line: mark.line, column: mark.column)
        else { return false }
        if style != .plain { offset += 1 }
        var index = offset
        for byte in text.utf8 {
            guard index < bytes.count, bytes[index] == byte, byte != UInt8(ascii: "\n") else { return false }
            index += 1
        }
        return true
    }

    static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: max(mark?.line ?? 1, 1), column: max(mark?.column ?? 1, 1))
    }

    mutating func fail(_ diagnostic: Diagnostic) {
        if !stopped { diagnostics.append(diagnostic) }
        stopped = true
    }

    mutating func convert(_ node: Node, depth: Int) -> YAMLNode {
        let (converted, _) = convertCounting(node, depth: depth, key: nil)
        return converted
    }

    private mutating func convertCounting(_ node: Node, depth: Int, key: SourceLocation?) -> (YAMLNode, Int) {
        let placeholder = YAMLNode(.scalar("", .plain), at: location(node.mark))
        if stopped { return (placeholder, 1) }
        if let anchor = anchor(of: node), let seen = anchored[ObjectIdentifier(anchor)] {
            expanded = expanded &+ seen.size
            if expanded > limits.maxExpandedNodes || expanded < 0 {
                fail(
                    .error(
                        "alias-expansion",
                        "aliases of the node anchored here expand to more than \(limits.maxExpandedNodes) nodes",
                        at: seen.node.location))
            }
            return (seen.node, seen.size)
        }
        if depth > limits.maxDepth {
            fail(.error("yaml-too-deep", "nesting is deeper than \(limits.maxDepth) levels", at: location(node.mark)))
            return (placeholder, 1)
        }
        expanded = expanded &+ 1
        if expanded > limits.maxExpandedNodes {
            fail(
                .error(
                    "yaml-too-many-nodes", "the file has more than \(limits.maxExpandedNodes) values",
                    at: location(node.mark)))
            return (placeholder, 1)
        }
        let result: (YAMLNode, Int)
        switch node {
        case .scalar(let scalar):
            checkTag(scalar.tag, allowed: .str, at: scalar.mark)
            if scalar.string.utf8.count > limits.maxScalarBytes {
                fail(
                    .error(
                        "yaml-scalar-too-large",
                        "this value is \(scalar.string.utf8.count) bytes; values are limited to \(limits.maxScalarBytes)",
                        at: location(scalar.mark)))
            }
            let kind = style(scalar.style)
            let verbatim = isVerbatim(scalar.string, style: kind, at: scalar.mark)
            result = (
                YAMLNode(
                    .scalar(scalar.string, kind), at: location(scalar.mark), keyLocation: key, isVerbatim: verbatim), 1
            )
        case .mapping(let mapping):
            checkTag(mapping.tag, allowed: .map, at: mapping.mark)
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var size = 1
            for (key, value) in mapping {
                let (k, ks) = convertCounting(key, depth: depth + 1, key: nil)
                let (v, vs) = convertCounting(value, depth: depth + 1, key: k.location)
                size = size &+ ks &+ vs
                pairs.append((k, v))
                if stopped { break }
            }
            result = (YAMLNode(.mapping(pairs), at: location(mapping.mark), keyLocation: key), size)
        case .sequence(let sequence):
            checkTag(sequence.tag, allowed: .seq, at: sequence.mark)
            var items: [YAMLNode] = []
            var size = 1
            for item in sequence {
                let (converted, itemSize) = convertCounting(item, depth: depth + 1, key: nil)
                size = size &+ itemSize
                items.append(converted)
                if stopped { break }
            }
            result = (YAMLNode(.sequence(items), at: location(sequence.mark), keyLocation: key), size)
        case .alias(let alias):
            fail(.error("yaml-syntax", "unresolved alias '\(alias.anchor.rawValue)'", at: location(alias.mark)))
            return (placeholder, 1)
        }
        if let anchor = anchor(of: node) {
            anchored[ObjectIdentifier(anchor)] = (result.0, max(result.1, 1))
        }
        return result
    }

    private func anchor(of node: Node) -> Anchor? {
        switch node {
        case .scalar(let scalar): scalar.anchor
        case .mapping(let mapping): mapping.anchor
        case .sequence(let sequence): sequence.anchor
        case .alias: nil
        }
    }

    private mutating func checkTag(_ tag: Tag, allowed: Tag.Name, at mark: Mark?) {
        let name = tag.rawValue
        if name == allowed.rawValue || name.isEmpty || name == "!" { return }
        let prefix = "tag:yaml.org,2002:"
        let written = name.hasPrefix(prefix) ? "!!" + name.dropFirst(prefix.count) : name
        fail(
            .error(
                "yaml-tag",
                "YAML tags such as '\(written)' are not allowed; write the value plainly: Formwork reads each value as the key expects",
                at: location(mark), length: written.unicodeScalars.count))
    }

    private func style(_ style: Node.Scalar.Style) -> YAMLNode.ScalarStyle {
        switch style {
        case .singleQuoted: .singleQuoted
        case .doubleQuoted: .doubleQuoted
        case .literal: .literal
        case .folded: .folded
        default: .plain
        }
    }
}
