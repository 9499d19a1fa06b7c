/// A label, title, hint or message: one plain string, or one string per locale.
public struct LocalizedText: Sendable, Hashable {
    /// Strings by locale, in the order written; a plain string has the locale `nil`.
    public var entries: [Entry]

    public struct Entry: Sendable, Hashable {
        public var locale: String?
        public var text: String

        public init(locale: String?, text: String) {
            self.locale = locale
            self.text = text
        }
    }

    public init(_ plain: String) {
        entries = [Entry(locale: nil, text: plain)]
    }

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// True for a plain string, which serves every locale.
    public var isPlain: Bool { entries.count == 1 && entries[0].locale == nil }

    /// The text in `locale`, else in `fallback`, else the first one written.
    public func text(in locale: String, fallback: String? = nil) -> String {
        if let match = entries.first(where: { $0.locale == locale }) { return match.text }
        if let fallback, let match = entries.first(where: { $0.locale == fallback }) { return match.text }
        return entries.first?.text ?? ""
    }

    /// The locales this text has a string for (empty for a plain string).
    public var locales: [String] { entries.compactMap(\.locale) }
}
