/// A field `pattern` that is a plain sequence of character classes, matched on the answer's bytes (cheaper than
/// the general `LinearPattern`, which costs more than the rest of checking an answer).
///
/// Only patterns made of literal ASCII characters, `[...]` classes (ranges, negation), `\d`, `\w`,
/// `\s`, escaped punctuation and the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, optionally
/// anchored with `^` and `$`, are compiled; anything else (groups, alternation, `.`, Unicode) is
/// left to `LinearPattern`. Only printable ASCII text is matched here, where these constructs mean exactly
/// what `LinearPattern.wholeMatch` makes of them; other text goes to `LinearPattern` too.
struct SimplePattern: Sendable {
    /// One position of the pattern: which bytes it takes, and how many times.
    struct Item: Sendable {
        var accepts: [Bool]  // 128 entries, by ASCII byte
        var min: Int
        var max: Int  // Int.max: unbounded
    }

    let items: [Item]

    /// The pattern compiled, or nil when it uses anything beyond the sequence described above.
    init?(_ pattern: String) {
        var bytes = Array(pattern.utf8)
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) else { return nil }
        if bytes.first == UInt8(ascii: "^") { bytes.removeFirst() }
        if bytes.last == UInt8(ascii: "$"), bytes.count >= 1,
            bytes.count < 2 || bytes[bytes.count - 2] != UInt8(ascii: "\\")
        {
            bytes.removeLast()
        }
        var items: [Item] = []
        var index = 0
        while index < bytes.count {
            var accepts = [Bool](repeating: false, count: 128)
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "["):
                guard let end = Self.readClass(bytes, from: index + 1, into: &accepts) else { return nil }
                index = end
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count, Self.readEscape(bytes[index + 1], into: &accepts) else { return nil }
                index += 2
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "|"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "{"),
                UInt8(ascii: "}"), UInt8(ascii: "]"):
                return nil
            default:
                accepts[Int(byte)] = true
                index += 1
            }
            var (min, max) = (1, 1)
            if index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "?"): (min, max, index) = (0, 1, index + 1)
                case UInt8(ascii: "*"): (min, max, index) = (0, Int.max, index + 1)
                case UInt8(ascii: "+"): (min, max, index) = (1, Int.max, index + 1)
                case UInt8(ascii: "{"):
                    guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")),
                        let bounds = Self.readBounds(bytes[(index + 1)..<close])
                    else { return nil }
                    (min, max, index) = (bounds.0, bounds.1, close + 1)
                default: break
                }
            }
            // A quantifier after a quantifier (lazy `+?`, possessive `++`) is not handled here.
            if index < bytes.count,
                [UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "{")]
                    .contains(bytes[index])
            {
                return nil
            }
            items.append(Item(accepts: accepts, min: min, max: max))
        }
        self.items = items
    }

    /// Whether the whole of `text` matches; nil when `text` is not printable ASCII (ask `LinearPattern`).
    func wholeMatch(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { utf8 -> Bool? in
            guard utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) else { return nil }
            guard utf8.count < 64 else { return wholeMatchLong(utf8) }
            // The positions the pattern so far can end at, one bit each.
            var reachable: UInt64 = 1
            for item in items {
                var next: UInt64 = 0
                var starts = reachable
                while starts != 0 {
                    var position = starts.trailingZeroBitCount
                    starts &= starts - 1
                    var count = 0
                    while true {
                        if count >= item.min { next |= 1 << UInt64(position) }
                        guard count < item.max, position < utf8.count, item.accepts[Int(utf8[position])] else { break }
                        position += 1
                        count += 1
                    }
                }
                reachable = next
                if reachable == 0 { return false }
            }
            return reachable & (1 << UInt64(utf8.count)) != 0
        }
    }

    /// `wholeMatch` for texts of 64 bytes or more, in time linear in the text for each item (an answer
    /// of any length is checked at once, whatever its pattern): position `p` is reachable after an item
    /// when some reachable start `s` has `min ≤ p - s ≤ max` and every byte in `s..<p` accepted, that is
    /// when a reachable start lies in `p - min(max, run[p]) ... p - min`, where `run[p]` counts the
    /// accepted bytes just before `p`; counts of reachable positions so far answer that in one step.
    private func wholeMatchLong(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = utf8.count
        var reachable = [Bool](repeating: false, count: count + 1)
        reachable[0] = true
        var before = [Int](repeating: 0, count: count + 2)  // before[i]: reachable positions below i
        for item in items {
            for position in 0...count { before[position + 1] = before[position] + (reachable[position] ? 1 : 0) }
            var run = 0
            var any = false
            for position in 0...count {
                if position > 0 { run = item.accepts[Int(utf8[position - 1])] ? run + 1 : 0 }
                let highest = position - item.min
                let lowest = position - Swift.min(item.max, run)
                reachable[position] = highest >= 0 && before[highest + 1] - before[Swift.max(0, lowest)] > 0
                any = any || reachable[position]
            }
            if !any { return false }
        }
        return reachable[count]
    }

    /// A `[...]` class from the byte after `[`; returns the index after `]`. Set operations (`--`,
    /// `&&`, `~~`), nested classes and escapes other than `\d`, `\w`, `\s` and punctuation give nil.
    private static func readClass(_ bytes: [UInt8], from start: Int, into accepts: inout [Bool]) -> Int? {
        var index = start
        var negated = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var members = [Bool](repeating: false, count: 128)
        var first = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") && !first { break }
            first = false
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "~")
                || byte == UInt8(ascii: "]")
            {
                return nil
            }
            if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                return nil
            }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count, readEscape(bytes[index + 1], into: &members) else { return nil }
                index += 2
                continue
            }
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] != UInt8(ascii: "]") {
                let upper = bytes[index + 2]
                guard upper != UInt8(ascii: "\\"), upper != UInt8(ascii: "["), upper != UInt8(ascii: "-"),
                    byte <= upper
                else { return nil }
                for member in byte...upper { members[Int(member)] = true }
                index += 3
            } else {
                members[Int(byte)] = true
                index += 1
            }
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else { return nil }
        for member in 0..<128 { accepts[member] = members[member] != negated && member >= 0x20 && member < 0x7f }
        return index + 1
    }

    /// `\d`, `\w`, `\s` or an escaped punctuation character; false for anything else.
    private static func readEscape(_ byte: UInt8, into accepts: inout [Bool]) -> Bool {
        switch byte {
        case UInt8(ascii: "d"):
            for digit in UInt8(ascii: "0")...UInt8(ascii: "9") { accepts[Int(digit)] = true }
        case UInt8(ascii: "w"):
            for range in [
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"),
            ] {
                for member in range { accepts[Int(member)] = true }
            }
            accepts[Int(UInt8(ascii: "_"))] = true
        case UInt8(ascii: "s"):
            accepts[Int(UInt8(ascii: " "))] = true
        default:
            guard isPunctuation(byte) else { return false }
            accepts[Int(byte)] = true
        }
        return true
    }

    /// The characters a backslash makes literal here: the pattern syntax's own, which every engine
    /// reads so (other escapes, such as `\<` or `\#`, vary between engines and are refused).
    private static func isPunctuation(_ byte: UInt8) -> Bool {
        Array(#".^$|?*+()[]{}\-/"#.utf8).contains(byte)
    }

    /// `n`, `n,` or `n,m` of a `{…}` quantifier.
    private static func readBounds(_ text: ArraySlice<UInt8>) -> (Int, Int)? {
        let parts = text.split(separator: UInt8(ascii: ","), maxSplits: 1, omittingEmptySubsequences: false)
        func number(_ part: ArraySlice<UInt8>) -> Int? {
            guard !part.isEmpty, part.count <= 4, part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int(String(decoding: part, as: UTF8.self))
        }
        guard let min = number(parts[0]) else { return nil }
        if parts.count == 1 { return (min, min) }
        if parts[1].isEmpty { return (min, Int.max) }
        guard let max = number(parts[1]), max >= min else { return nil }
        return (min, max)
    }
}
