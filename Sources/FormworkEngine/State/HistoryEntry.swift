public import FormworkLanguage

/// One line of a report's or a customer's history: when, which event kind, what happened in words.
public struct HistoryEntry: Sendable, Hashable, Codable {
    public var at: Timestamp
    public var kind: String
    public var text: String

    public init(at: Timestamp, kind: String, text: String) {
        self.at = at
        self.kind = kind
        self.text = text
    }
}
