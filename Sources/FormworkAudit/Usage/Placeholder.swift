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

    static func normalized(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        while let last = text.last, text.count > 1, ".。!！".contains(last) { text.removeLast() }
        return text
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
