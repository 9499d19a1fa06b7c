/// Patterns that can take exponential time to match: a repeated group that itself repeats, as in
/// `^([0-9]+)+$` or `(a*)*`. On a non-matching answer of 25 characters such a pattern backtracks for
/// minutes, and Swift's regular expressions have no time limit, so a form set may not contain one.
///
/// The check is syntactic and conservative in what it reports: it finds nested repetition (the classic
/// catastrophic shape), not every pattern that backtracks badly (overlapping alternatives such as
/// `(a|aa)+` are not detected).
public enum PatternSafety {
    /// Why `pattern` can take exponential time to match, or `nil` when no nested repetition is found.
    public static func nestedRepetition(in pattern: String) -> String? {
        let scalars = Array(pattern.unicodeScalars)
        // For each open group: where it starts, and whether something inside it repeats.
        var groups: [(start: Int, repeats: Bool)] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\", "[":
                // An escape or a class is one atom; what follows it may repeat it.
                let last = scalar == "[" ? endOfClass(scalars, from: index) - 1 : min(index + 1, scalars.count - 1)
                let (repeats, next) = repetition(scalars, after: last)
                if repeats, !groups.isEmpty { groups[groups.count - 1].repeats = true }
                index = next
                continue
            case "(":
                groups.append((index, false))
            case ")":
                guard let group = groups.popLast() else { break }
                let (repeats, next) = repetition(scalars, after: index)
                if repeats && group.repeats {
                    let text = String(String.UnicodeScalarView(scalars[group.start...min(next - 1, scalars.count - 1)]))
                    return "the group \(text) repeats something that itself repeats"
                }
                // A repeated group makes the group around it repeat, as does anything inside it that repeats.
                if (repeats || group.repeats), !groups.isEmpty { groups[groups.count - 1].repeats = true }
                index = next
                continue
            default:
                let (repeats, next) = repetition(scalars, after: index)
                if repeats, !groups.isEmpty { groups[groups.count - 1].repeats = true }
                index = next
                continue
            }
            index += 1
        }
        return nil
    }

    /// Whether a quantifier without an upper bound (`*`, `+`, `{n,}`) follows the atom ending at `index`, and
    /// where the scan goes on (after the quantifier and any lazy or possessive suffix). Bounded counts such as
    /// `{3}` or `{2,5}` are not counted: nested, they multiply, but they cannot explode.
    private static func repetition(_ scalars: [Unicode.Scalar], after index: Int) -> (Bool, Int) {
        var next = index + 1
        guard next < scalars.count else { return (false, next) }
        var repeats = false
        switch scalars[next] {
        case "*", "+":
            repeats = true
            next += 1
        case "?":
            next += 1
        case "{":
            var end = next + 1
            while end < scalars.count, scalars[end] != "}" { end += 1 }
            guard end < scalars.count else { return (false, next) }
            let body = String(String.UnicodeScalarView(scalars[(next + 1)..<end]))
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            guard !parts.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
                !parts[0].isEmpty || parts.count == 2
            else { return (false, next) }
            repeats = parts.count == 2 && parts[1].isEmpty
            next = end + 1
        default:
            return (false, next)
        }
        if next < scalars.count, scalars[next] == "?" || scalars[next] == "+" { next += 1 }
        return (repeats, next)
    }

    /// The index just after the character class that opens at `start` (`[...]`, `]` first is literal).
    private static func endOfClass(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start + 1
        if index < scalars.count, scalars[index] == "^" { index += 1 }
        if index < scalars.count, scalars[index] == "]" { index += 1 }
        while index < scalars.count {
            if scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == "]" { return index + 1 }
            index += 1
        }
        return index
    }
}
