/// JSON string literals as bytes: the one escaper behind the engine's encoders (events, the revision hash's
/// canonical text) and the store's record lines, and the word-at-a-time tests their scanners share.
///
/// A module of its own at the bottom of the layers, because the engine and the store may not import each
/// other (see docs/design/text-module.md).
public enum JSONString {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal, quotes included.
    ///
    /// `"`, `\`, `\n`, `\r` and `\t` are escaped as Foundation's `JSONEncoder` escapes them on Linux, `\b`
    /// and `\f` too unless `canonical` (the revision hash's canonical text writes `\u0008`, `\u000c`), other
    /// control characters as `\u00xx`; slashes and everything else are written as UTF-8, unchanged.
    public static func append(_ text: String, to out: inout [UInt8], canonical: Bool = false) {
        out.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            let count = utf8.count
            var start = 0
            var index = 0
            while index < count {
                // Runs of bytes that need no escape are found eight at a time and copied whole.
                if let base = utf8.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    while index + 8 <= count,
                        !needsEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    {
                        index += 8
                    }
                    if index >= count { break }
                }
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5c else {
                    index += 1
                    continue
                }
                if index > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                index += 1
                start = index
                switch byte {
                case 0x22: out += [0x5c, 0x22]
                case 0x5c: out += [0x5c, 0x5c]
                case 0x0a: out += [0x5c, 0x6e]
                case 0x0d: out += [0x5c, 0x72]
                case 0x09: out += [0x5c, 0x74]
                case 0x08 where !canonical: out += [0x5c, 0x62]
                case 0x0c where !canonical: out += [0x5c, 0x66]
                default:
                    out += [0x5c, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]]
                }
            }
            if count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<count])) }
        }
        out.append(0x22)
    }

    /// True when one of the eight bytes of `word` must be escaped in a JSON string: a quote, a backslash or a
    /// control byte (bytes from 0x80 on are UTF-8 and stay as they are).
    ///
    /// The bit tricks are `haszero` and `hasless` of "Bit Twiddling Hacks": a byte below 0x20 borrows in the
    /// subtraction and keeps its top bit clear; both are exact as yes-or-no answers for any word.
    @inline(__always)
    public static func needsEscape(_ word: UInt64) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let control = (word &- (0x20 &* ones)) & ~word & high
        let quotes = word ^ (0x22 &* ones)  // zero where a byte is a quote
        let backslashes = word ^ (0x5c &* ones)  // zero where a byte is a backslash
        let quote = (quotes &- ones) & ~quotes & high
        let backslash = (backslashes &- ones) & ~backslashes & high
        return (control | quote | backslash) != 0
    }

    /// True when the eight bytes of `word` are plain ASCII text inside a string: no quote, backslash or
    /// control byte, and nothing from 0x80 on (which a validator must look at as UTF-8).
    @inline(__always)
    public static func isPlainASCII(_ word: UInt64) -> Bool {
        word & 0x8080_8080_8080_8080 == 0 && !needsEscape(word)
    }
}
