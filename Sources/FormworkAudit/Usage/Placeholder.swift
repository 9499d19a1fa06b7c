import Foundation

/// Answers that stand in for an answer: "N/A", "TBD", "-", one character; and opinions that stand in
/// for an opinion: "OK", "閱".
enum Placeholder {
    static let answers: Set<String> = [
        "n/a", "na", "n.a", "tbd", "tba", "tbc", "-", "--", "---", "—", ".", "..", "...", "…", "none", "nil", "null",
        "x", "xx", "xxx", "?", "??", "0", "無", "无", "略", "同上", "待定", "未定", "不詳", "不明", "see above", "same",
        "same as above", "as above",
    ]
    static let opinions: Set<String> = answers.union([
        "ok", "okay", "fine", "good", "noted", "read", "approved", "閱", "已閱", "同意", "可", "好", "准", "👍",
    ])

    /// `text` trimmed of white space, lowercased, without trailing full stops and exclamation marks (one character
    /// is kept): the form placeholders are compared in.
    static func normalized(_ text: String) -> String {
        if let ascii = normalizedASCII(text) { return ascii }
        var text = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        while let last = text.last, text.count > 1, ".。!！".contains(last) { text.removeLast() }
        return text
    }

    /// `normalized(text)` of ASCII text, byte by byte; nil when `text` is not ASCII. Most answers are, and the audit
    /// of a large store spent a fifth of its time in Foundation's trimming and lowercasing.
    static func normalizedASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            // White space and line breaks: tab, line feed, vertical tab, form feed, carriage return, space.
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0d).contains(byte) }
            var start = 0
            var end = bytes.count
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            // A trimmed ASCII text has one character per byte, except that "\r\n" is one character.
            var characters = end - start
            for index in start..<max(start, end - 1) where bytes[index] == 0x0d && bytes[index + 1] == 0x0a {
                characters -= 1
            }
            while characters > 1, bytes[end - 1] == 0x2e || bytes[end - 1] == 0x21 {
                end -= 1
                characters -= 1
            }
            return String(
                unsafeUninitializedCapacity: end - start,
                initializingUTF8With: { out in
                    for index in start..<end {
                        let byte = bytes[index]
                        out[index - start] = (0x41...0x5a).contains(byte) ? byte + 0x20 : byte
                    }
                    return end - start
                })
        }
    }

    enum Kind: Sendable { case token, oneCharacter }

    /// Whether `text` is a placeholder answer, and which kind.
    static func kind(of text: String) -> Kind? {
        // Placeholders are short: a long answer is never one (and is not worth lowercasing).
        if text.utf8.count > 64 { return nil }
        let normal = normalized(text)
        if answers.contains(normal) || normal.isEmpty { return .token }
        if normal.count == 1 { return .oneCharacter }
        return nil
    }

    static func isOpinion(_ opinion: String?) -> Bool {
        guard let opinion else { return false }
        let normal = normalized(opinion)
        return !(opinions.contains(normal) || normal.count <= 1)
    }
}
