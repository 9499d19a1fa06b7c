/// Control characters in what people type: a text that reaches another person's screen (an answer, a customer id,
/// an opinion) must not carry escape sequences that clear, recolour or retitle that screen, or hide text.
enum ControlCharacters {
    /// The first control character of `text` (C0 but the tab, DEL, C1), line breaks allowed or not; `nil` if none.
    /// A line break is a line feed, or a carriage return and a line feed: a carriage return alone returns the
    /// cursor to the start of the line, and what follows it hides what came before it on a terminal.
    static func first(in text: String, allowingLineBreaks: Bool) -> Unicode.Scalar? {
        // On the bytes: C0 and DEL are single bytes, and C1 (U+0080...U+009F) is 0xC2 followed by 0x80...0x9F.
        let found: Unicode.Scalar?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            // Most text is printable ASCII (U+0020...U+007E), which one comparison a byte tells.
            if bytes.allSatisfy({ $0 &- 0x20 < 0x5F }) { return nil }
            return scan(bytes, allowingLineBreaks: allowingLineBreaks)
        }
        if let found { return found }
        return scan(Array(text.utf8), allowingLineBreaks: allowingLineBreaks)
    }

    private static func scan(
        _ bytes: some RandomAccessCollection<UInt8>, allowingLineBreaks: Bool
    ) -> Unicode.Scalar? {
        var previous: UInt8 = 0
        for byte in bytes {
            defer { previous = byte }
            if previous == 0x0D && byte != 0x0A { return "\r" }
            if byte < 0x20 {
                if byte == 0x09 || (allowingLineBreaks && (byte == 0x0A || byte == 0x0D)) { continue }
                return Unicode.Scalar(byte)
            }
            if byte == 0x7F { return Unicode.Scalar(byte) }
            if previous == 0xC2, (0x80...0x9F).contains(byte) { return Unicode.Scalar(UInt32(byte)) }
        }
        return previous == 0x0D ? "\r" : nil
    }

    /// `U+001B`, as a message names a character that cannot be shown.
    static func name(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
