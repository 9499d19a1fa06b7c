/// A regular expression matched in time linear in the text: compiled to a Thompson automaton and run by
/// following every path at once, never by backtracking. Swift's `Regex` backtracks and cannot be stopped, so a
/// pattern such as `^(a|aa)*$` or `.*.*.*=` made it run for ever on a long enough answer; no pattern here can.
///
/// The syntax is the part every engine a form set's patterns reach (this one, JSON Schema's ECMA-262, ICU) reads
/// alike: literal characters; `.` (any character but a line break); `[...]` classes with ranges and negation;
/// `\d`, `\w`, `\s` and their negations `\D`, `\W`, `\S`; `\t`, `\n`, `\r` and escaped punctuation; groups
/// `(...)` and `(?:...)`; alternation `|`; the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (a lazy `?` after
/// one changes nothing for a yes-or-no match); and the anchors `^` and `$`. Anything else (look-around,
/// back-references, `\b`, `\p{…}`, flags, possessive quantifiers) is refused when the pattern is compiled, with a
/// message saying what.
///
/// Characters are Swift `Character`s (grapheme clusters), compared as `String` compares them, but for a Windows
/// line break, which is the two characters it is everywhere else. `\d` is a decimal
/// digit, `\w` a letter, digit or `_`, `\s` white space, each in Unicode's sense (on ASCII text: `[0-9]`,
/// `[A-Za-z0-9_]` and space, tab and line breaks).
public struct LinearPattern: Sendable {
    /// Why a pattern cannot be compiled.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The most states a compiled pattern may have (a `{n,m}` repeats its atom's states): matching costs the
    /// text's length times this at worst.
    public static let maximumStates = 5_000

    /// The most work one match may take, in states times characters (a fraction of a second): a longer text
    /// is refused by the caller, since even linear time is too long for a megabyte against 5,000 states.
    public static let maximumWork = 50_000_000

    private let nodes: [Node]
    private let start: Int

    /// The longest text, in characters, that one match stays within `maximumWork` for.
    public var longestText: Int { Self.maximumWork / max(1, nodes.count) }

    /// The pattern compiled, or nil when it is not valid or uses what is not supported.
    public init?(_ source: String) {
        guard case .success(let pattern) = Self.compile(source) else { return nil }
        self = pattern
    }

    private init(nodes: [Node], start: Int) {
        self.nodes = nodes
        self.start = start
    }

    /// The pattern compiled, or what is wrong with it.
    public static func compile(_ source: String) -> Result<LinearPattern, Failure> {
        var parser = Parser(Self.characters(of: source))
        do {
            let tree = try parser.alternation()
            guard parser.atEnd else {
                throw Failure(message: "has an unmatched ')' at character \(parser.index + 1)")
            }
            var builder = Builder()
            let match = builder.add(.match)
            let start = try builder.compile(tree, then: match)
            return .success(LinearPattern(nodes: builder.nodes, start: start))
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(message: "is not a valid regular expression"))
        }
    }

    /// Whether the whole of `text` matches.
    public func wholeMatch(_ text: String) -> Bool { run(Self.characters(of: text), anywhere: false) }

    /// Whether the pattern matches somewhere in `text` (as `matches()` asks).
    public func firstMatch(_ text: String) -> Bool { run(Self.characters(of: text), anywhere: true) }

    /// The text's characters, a Windows line break (`"\r\n"`, one `Character` in Swift) as the two it is in
    /// every other engine: `a\r\nb` matches it and `a\sb` does not.
    static func characters(of text: String) -> [Character] {
        var characters: [Character] = []
        characters.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\r\n" {
                characters.append("\r")
                characters.append("\n")
            } else {
                characters.append(character)
            }
        }
        return characters
    }

    // MARK: - The automaton

    fileprivate enum Node: Sendable {
        case character(Test, next: Int)
        case split(Int, Int)
        /// `^`: only at the start of the text.
        case atStart(next: Int)
        /// `$`: only at the end of the text.
        case atEnd(next: Int)
        case match
    }

    /// What one character must be.
    fileprivate enum Test: Sendable {
        case literal(Character)
        case any
        case set(ClassMembers, negated: Bool)

        func accepts(_ character: Character) -> Bool {
            switch self {
            case .literal(let literal): return character == literal
            case .any: return !character.isNewline
            case .set(let set, let negated): return set.contains(character) != negated
            }
        }
    }

    /// The members of a class: characters, ranges of scalars and the classes `\d`, `\w`, `\s`.
    fileprivate struct ClassMembers: Sendable {
        var characters: [Character] = []
        var ranges: [ClosedRange<UInt32>] = []
        var classes: [(kind: Shorthand, negated: Bool)] = []

        func contains(_ character: Character) -> Bool {
            if characters.contains(character) { return true }
            for (kind, negated) in classes where kind.accepts(character) != negated { return true }
            guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else {
                return false
            }
            return ranges.contains { $0.contains(scalar.value) }
        }
    }

    fileprivate enum Shorthand: Sendable {
        case digit, word, space

        func accepts(_ character: Character) -> Bool {
            switch self {
            case .digit:
                guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else {
                    return false
                }
                return scalar.properties.numericType == .decimal
            case .word: return character == "_" || character.isLetter || character.isNumber
            case .space: return character.isWhitespace
            }
        }
    }

    /// Follows every path at once: `current` holds the states reached after the characters read so far.
    private func run(_ text: [Character], anywhere: Bool) -> Bool {
        var current = StateSet(count: nodes.count)
        var next = StateSet(count: nodes.count)
        var stack: [Int] = []
        add(start, at: 0, of: text.count, to: &current, stack: &stack)
        for (position, character) in text.enumerated() {
            if anywhere, current.contains(Self.matchIndex) { return true }
            next.clear()
            for state in current.members {
                if case .character(let test, let following) = nodes[state], test.accepts(character) {
                    add(following, at: position + 1, of: text.count, to: &next, stack: &stack)
                }
            }
            swap(&current, &next)
            if anywhere { add(start, at: position + 1, of: text.count, to: &current, stack: &stack) }
            if current.members.isEmpty { return false }
        }
        return current.contains(Self.matchIndex)
    }

    /// The match node: always the first one made.
    private static let matchIndex = 0

    /// Adds `state` and every state reached from it without reading a character, at `position`.
    private func add(_ state: Int, at position: Int, of count: Int, to set: inout StateSet, stack: inout [Int]) {
        stack.append(state)
        while let state = stack.popLast() {
            guard set.insert(state) else { continue }
            switch nodes[state] {
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .atStart(let following): if position == 0 { stack.append(following) }
            case .atEnd(let following): if position == count { stack.append(following) }
            case .character, .match: break
            }
        }
    }

    /// A set of states with constant-time insert, membership and clear, listing its members in insertion order.
    private struct StateSet {
        var members: [Int] = []
        var slots: [Int]

        init(count: Int) {
            slots = [Int](repeating: -1, count: count)
            members.reserveCapacity(count)
        }

        func contains(_ state: Int) -> Bool {
            let slot = slots[state]
            return slot >= 0 && slot < members.count && members[slot] == state
        }

        /// Adds `state`; false when it was there already.
        mutating func insert(_ state: Int) -> Bool {
            guard !contains(state) else { return false }
            slots[state] = members.count
            members.append(state)
            return true
        }

        mutating func clear() { members.removeAll(keepingCapacity: true) }
    }

    // MARK: - Parsing

    fileprivate indirect enum Tree {
        case empty
        case test(Test)
        case atStart, atEnd
        case sequence([Tree])
        case alternation([Tree])
        case repeated(Tree, min: Int, max: Int?)
    }

    private struct Parser {
        let pattern: [Character]
        var index = 0
        /// How deep the groups nest: a bound, so that compiling a pattern cannot exhaust the stack.
        var depth = 0

        init(_ pattern: [Character]) { self.pattern = pattern }

        var atEnd: Bool { index >= pattern.count }

        func failure(_ message: String) -> Failure { Failure(message: message) }

        mutating func alternation() throws(Failure) -> Tree {
            var choices = [try sequence()]
            while !atEnd, pattern[index] == "|" {
                index += 1
                choices.append(try sequence())
            }
            return choices.count == 1 ? choices[0] : .alternation(choices)
        }

        mutating func sequence() throws(Failure) -> Tree {
            var items: [Tree] = []
            while !atEnd, pattern[index] != "|", pattern[index] != ")" {
                let atom = try self.atom()
                items.append(try quantified(atom))
            }
            return items.count == 1 ? items[0] : items.isEmpty ? .empty : .sequence(items)
        }

        mutating func quantified(_ atom: Tree) throws(Failure) -> Tree {
            guard !atEnd else { return atom }
            let start = index
            var bounds: (Int, Int?)
            switch pattern[index] {
            case "*": bounds = (0, nil)
            case "+": bounds = (1, nil)
            case "?": bounds = (0, 1)
            case "{":
                guard let read = readBounds() else {
                    throw failure("has a '{' at character \(index + 1) that is not a count such as {3} or {2,5}")
                }
                bounds = read
                index -= 1
            default: return atom
            }
            index += 1
            switch atom {
            case .atStart, .atEnd, .empty:
                throw failure("repeats nothing at character \(start + 1)")
            default: break
            }
            if !atEnd, pattern[index] == "?" { index += 1 }  // lazy: the same yes or no
            if !atEnd, ["*", "+", "?", "{"].contains(pattern[index]) {
                throw failure(
                    "has a quantifier after a quantifier at character \(index + 1) (possessive quantifiers are not supported)"
                )
            }
            return .repeated(atom, min: bounds.0, max: bounds.1)
        }

        /// `{n}`, `{n,}` or `{n,m}` at `index`; moves past the `}`.
        mutating func readBounds() -> (Int, Int?)? {
            guard let close = pattern[index...].firstIndex(of: "}") else { return nil }
            let inside = String(pattern[(index + 1)..<close])
            let parts = inside.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            func number(_ part: Substring) -> Int? {
                guard !part.isEmpty, part.count <= 4, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                return Int(part)
            }
            guard let min = number(parts[0]) else { return nil }
            var max: Int? = min
            if parts.count == 2 {
                if parts[1].isEmpty {
                    max = nil
                } else {
                    guard let upper = number(parts[1]), upper >= min else { return nil }
                    max = upper
                }
            }
            index = close + 1
            return (min, max)
        }

        mutating func atom() throws(Failure) -> Tree {
            let character = pattern[index]
            let position = index + 1
            index += 1
            switch character {
            case "(":
                if !atEnd, pattern[index] == "?" {
                    guard index + 1 < pattern.count, pattern[index + 1] == ":" else {
                        throw failure(
                            "uses '(?' at character \(position): look-around, named groups and flags are not supported")
                    }
                    index += 2
                }
                depth += 1
                guard depth <= 32 else { throw failure("nests groups more than 32 deep") }
                let inner = try alternation()
                depth -= 1
                guard !atEnd, pattern[index] == ")" else {
                    throw failure("has a '(' at character \(position) never closed")
                }
                index += 1
                return inner
            case ")": throw failure("has an unmatched ')' at character \(position)")
            case "[": return .test(try characterClass(from: position))
            case ".": return .test(.any)
            case "^": return .atStart
            case "$": return .atEnd
            case "\\": return .test(try escape(at: position).test)
            case "*", "+", "?":
                throw failure("has '\(character)' at character \(position) with nothing before it to repeat")
            case "{":
                throw failure("has a '{' at character \(position) with nothing before it to repeat")
            case "]", "}":
                // Read literally by some engines and refused by others: written escaped, it means one thing.
                throw failure("has an unescaped '\(character)' at character \(position); write \\\(character)")
            default: return .test(.literal(character))
            }
        }

        /// What a backslash stands for: a class (`\\d`…) or one character.
        enum Escaped {
            case shorthand(Shorthand, negated: Bool)
            case character(Character, scalar: UInt32)

            var test: Test {
                switch self {
                case .shorthand(let kind, let negated):
                    var members = ClassMembers()
                    members.classes = [(kind, false)]
                    return .set(members, negated: negated)
                case .character(let character, _): return .literal(character)
                }
            }
        }

        /// The characters a backslash makes literal: the pattern syntax's own, which every engine reads so.
        static let escapable = Set(#".^$|?*+()[]{}\-/"#)

        /// What the backslash at `position` (1-based) stands for; `index` is just after it.
        mutating func escape(at position: Int) throws(Failure) -> Escaped {
            guard !atEnd else { throw failure("ends with a lone '\\'") }
            let character = pattern[index]
            index += 1
            switch character {
            case "d": return .shorthand(.digit, negated: false)
            case "D": return .shorthand(.digit, negated: true)
            case "w": return .shorthand(.word, negated: false)
            case "W": return .shorthand(.word, negated: true)
            case "s": return .shorthand(.space, negated: false)
            case "S": return .shorthand(.space, negated: true)
            case "t": return .character("\t", scalar: 0x09)
            case "n": return .character("\n", scalar: 0x0A)
            case "r": return .character("\r", scalar: 0x0D)
            default:
                guard Self.escapable.contains(character), let scalar = character.unicodeScalars.first else {
                    throw failure(
                        "uses '\\\(character)' at character \(position), which is not supported "
                            + "(\\d, \\w, \\s, \\D, \\W, \\S, \\t, \\n, \\r and escaped punctuation are)")
                }
                return .character(character, scalar: scalar.value)
            }
        }

        /// A `[...]` class; `index` is just after the `[` at `position`.
        mutating func characterClass(from position: Int) throws(Failure) -> Test {
            var members = ClassMembers()
            var negated = false
            if !atEnd, pattern[index] == "^" {
                negated = true
                index += 1
            }
            var first = true
            while true {
                guard !atEnd else { throw failure("has a '[' at character \(position) never closed") }
                let character = pattern[index]
                if character == "]" && !first { break }
                first = false
                if character == "[" || (character == "&" && index + 1 < pattern.count && pattern[index + 1] == "&")
                    || (character == "-" && index + 1 < pattern.count && pattern[index + 1] == "-")
                {
                    throw failure("uses class set operations or nested classes at character \(index + 1)")
                }
                let at = index + 1
                index += 1
                let lower: UInt32
                if character == "\\" {
                    switch try escape(at: at) {
                    case .shorthand(let kind, let negated):
                        members.classes.append((kind, negated))
                        continue
                    case .character(_, let scalar): lower = scalar
                    }
                } else if character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first {
                    lower = scalar.value
                } else {
                    members.characters.append(character)
                    continue
                }
                // A range `a-z`: a '-' followed by something other than the closing ']'.
                if index + 1 < pattern.count, pattern[index] == "-", pattern[index + 1] != "]" {
                    index += 1
                    let upperCharacter = pattern[index]
                    guard upperCharacter != "-" else {
                        throw failure("uses class set operations or nested classes at character \(index)")
                    }
                    index += 1
                    var upper: UInt32?
                    if upperCharacter == "\\" {
                        if case .character(_, let scalar) = try escape(at: index) { upper = scalar }
                    } else if upperCharacter.unicodeScalars.count == 1 {
                        upper = upperCharacter.unicodeScalars.first?.value
                    }
                    guard let upper, lower <= upper else {
                        throw failure("has a range at character \(at) whose ends are not two characters in order")
                    }
                    members.ranges.append(lower...upper)
                } else if character == "\\" {
                    members.ranges.append(lower...lower)
                } else {
                    // As a character, so that a decomposed é in the text is the é of the class.
                    members.characters.append(character)
                }
            }
            index += 1
            return .set(members, negated: negated)
        }
    }

    // MARK: - Compiling

    private struct Builder {
        var nodes: [Node] = []

        mutating func add(_ node: Node) -> Int {
            nodes.append(node)
            return nodes.count - 1
        }

        /// The entry state of `tree`, which goes on to `next` once matched.
        mutating func compile(_ tree: Tree, then next: Int) throws(Failure) -> Int {
            guard nodes.count <= LinearPattern.maximumStates else {
                throw Failure(
                    message: "is too large to check (more than \(LinearPattern.maximumStates) states; "
                        + "a count such as {1000} repeats what it follows)")
            }
            switch tree {
            case .empty: return next
            case .test(let test): return add(.character(test, next: next))
            case .atStart: return add(.atStart(next: next))
            case .atEnd: return add(.atEnd(next: next))
            case .sequence(let items):
                var entry = next
                for item in items.reversed() { entry = try compile(item, then: entry) }
                return entry
            case .alternation(let choices):
                var entries: [Int] = []
                for choice in choices { entries.append(try compile(choice, then: next)) }
                var entry = entries[entries.count - 1]
                for choice in entries.dropLast().reversed() { entry = add(.split(choice, entry)) }
                return entry
            case .repeated(let inner, let min, let max):
                var entry = next
                if let max {
                    entry = try optionalChain(inner, count: max - min, then: next)
                } else {
                    // A loop: try the inner pattern again, or go on.
                    let loop = add(.split(-1, next))
                    let body = try compile(inner, then: loop)
                    nodes[loop] = .split(body, next)
                    entry = loop
                }
                for _ in 0..<min { entry = try compile(inner, then: entry) }
                return entry
            }
        }

        /// `count` optional copies of `inner` before `next`: x(x(x)?)?)? — each copy may end the repetition.
        mutating func optionalChain(_ inner: Tree, count: Int, then next: Int) throws(Failure) -> Int {
            var entry = next
            for _ in 0..<count {
                let body = try compile(inner, then: entry)
                entry = add(.split(body, next))
            }
            return entry
        }
    }
}
