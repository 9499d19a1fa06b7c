import Foundation

/// Whether a supervisor's opinion says something: not empty, not a token that only shows the
/// report was seen ("OK", "閱", "同意"), not such a token repeated ("OK OK", "同意。同意").
public enum Opinion {
    /// Tokens that stand in for an opinion, compared after removing spaces and punctuation and
    /// lowercasing.
    public static let boilerplate: Set<String> = [
        "ok", "okay", "fine", "good", "great", "noted", "read", "seen", "approved", "agree", "agreed", "yes", "lgtm",
        "na", "n/a", "none", "閱", "已閱", "同意", "可", "好", "准", "核准", "知悉", "收到", "無", "👍",
    ]

    /// Whether `text` is an opinion a rep can learn from.
    public static func isSubstantive(_ text: String?) -> Bool {
        guard let text else { return false }
        let core = Self.core(of: text)
        if core.count <= 1 { return false }
        if boilerplate.contains(core) { return false }
        let length = core.count
        return !tokenCores.contains { token in
            guard length % token.length == 0 else { return false }
            return String(repeating: token.core, count: length / token.length) == core
        }
    }

    /// `text` lowercased, without whitespace, punctuation or "/": what is compared with the tokens.
    static func core(of text: String) -> String {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            // Beyond ASCII, case and categories need Unicode's tables.
            guard byte < 0x80 else { return slowCore(of: text) }
            if asciiDropped[Int(byte)] { continue }
            ascii.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return String(decoding: ascii, as: UTF8.self)
    }

    /// `core(of:)` for any text, through Unicode's properties.
    static func slowCore(of text: String) -> String {
        String(
            text.lowercased().unicodeScalars.filter {
                !$0.properties.isWhitespace && !$0.properties.generalCategory.isPunctuation && $0 != "/"
            }.map(Character.init))
    }

    /// For each ASCII byte, whether `slowCore(of:)` drops it; taken from the same Unicode properties.
    private static let asciiDropped: [Bool] = (0..<128).map { byte in
        slowCore(of: String(decoding: [UInt8(byte)], as: UTF8.self)).isEmpty
    }

    /// The boilerplate tokens as `isSubstantive` compares them (without "/"), with their lengths in
    /// characters, worked out once rather than per opinion.
    private static let tokenCores: [(core: String, length: Int)] = boilerplate.sorted().compactMap { token in
        let core = token.filter { $0 != "/" }
        return core.isEmpty ? nil : (core, core.count)
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            true
        default: false
        }
    }
}
