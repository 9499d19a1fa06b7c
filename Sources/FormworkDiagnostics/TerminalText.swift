/// Text made safe to show on a terminal: every character a terminal would act on instead of showing (an escape
/// sequence that clears the screen, retitles the window, hides or overwrites text, reverses a line's direction)
/// is written as a visible `\u001B`.
///
/// Input is checked where it comes in (answers, customer ids and opinions refuse control characters), but text
/// also comes from stores written before that check, from the form set's YAML and from file names; so everything
/// a command writes to its standard streams passes here once, on its way out.
public enum TerminalText {
    /// `text` with each unsafe character (C0 but the tab, the line feed and a carriage return that ends a line
    /// before its line feed, as CSV writes lines; DEL; C1; and the bidirectional embeddings, overrides and isolates
    /// U+202A...U+202E, U+2066...U+2069) written as `\u` and four hex digits.
    ///
    /// The escape is also JSON's: inside a JSON string (the only place a JSON text can hold such a character) the
    /// value reads back the same. With `keepingStyles`, the colour sequences Formwork itself writes (`ESC [ … m`
    /// with the parameters 0, 1, 2, 22, 31...36 and 39) are kept; any other sequence is escaped, so that text cannot
    /// hide itself (8) or move the cursor even when it carries a colour of its own.
    public static func safe(_ text: String, keepingStyles: Bool = false) -> String {
        let clean: Bool? = text.utf8.withContiguousStorageIfAvailable { firstUnsafe(in: $0) == nil }
        if clean ?? (firstUnsafe(in: Array(text.utf8)) == nil) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if keepingStyles, scalar == "\u{1B}", let end = styleEnd(scalars, from: index) {
                out.unicodeScalars.append(contentsOf: scalars[index...end])
                index = end + 1
                continue
            }
            if isUnsafe(scalar), !(scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n") {
                out += escaped(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
            index += 1
        }
        return out
    }

    /// Whether a terminal acts on `scalar` instead of showing it (the tab and the line feed are shown as space).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `\u001B`: how an unsafe character is shown.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The parameters a kept colour sequence may have: those of Formwork's own styles and their resets.
    private static let styleParameters: Set<Int> = [0, 1, 2, 22, 31, 32, 33, 34, 35, 36, 39]

    /// The index of the `m` ending a colour sequence `ESC [ n ; n … m` that starts at `start`, with only
    /// `styleParameters`; nil when there is none.
    private static func styleEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var index = start + 2
        var parameter: Int?
        while index < scalars.count, index - start <= 16 {
            let scalar = scalars[index]
            switch scalar {
            case "0"..."9":
                parameter = (parameter ?? 0) * 10 + Int(scalar.value - 0x30)
            case ";", "m":
                guard let value = parameter ?? (scalar == "m" ? 0 : nil), styleParameters.contains(value) else {
                    return nil
                }
                if scalar == "m" { return index }
                parameter = nil
            default:
                return nil
            }
            index += 1
        }
        return nil
    }

    /// The offset of the first byte that starts an unsafe character in UTF-8 `bytes`; nil when there is none.
    static func firstUnsafe(in bytes: some RandomAccessCollection<UInt8>) -> Int? {
        var offset = 0
        var iterator = bytes.makeIterator()
        // The two bytes before the current one: C1 is C2 80...9F, the bidirectional controls E2 80 AA...AE and
        // E2 81 A6...A9.
        var before: UInt8 = 0
        var previous: UInt8 = 0
        while let byte = iterator.next() {
            defer {
                before = previous
                previous = byte
                offset += 1
            }
            if previous == 0x0D, byte != 0x0A { return offset - 1 }
            if byte < 0x20 {
                if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                return offset
            }
            if byte < 0x7F { continue }
            if byte == 0x7F { return offset }
            if previous == 0xC2, (0x80...0x9F).contains(byte) { return offset - 1 }
            if before == 0xE2, previous == 0x80, (0xAA...0xAE).contains(byte) { return offset - 2 }
            if before == 0xE2, previous == 0x81, (0xA6...0xA9).contains(byte) { return offset - 2 }
        }
        return previous == 0x0D ? offset - 1 : nil
    }
}
