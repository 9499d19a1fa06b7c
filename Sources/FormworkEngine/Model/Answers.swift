public import FormworkDefinitions
public import FormworkLanguage

/// The answers of one revision of a report, by field id: what was given, prefilled, defaulted and
/// computed. A field without an answer has no entry (never `.null`).
///
/// JSON: an object keyed by field id; values as described in docs/engine.md ("Values").
public struct Answers: Sendable, Hashable, Codable {
    public var values: [FieldID: Value]

    public init(_ values: [FieldID: Value] = [:]) {
        self.values = values.filter { $0.value != .null }
    }

    /// Answers known to hold no `.null` (a validation's, which keeps non-empty values only): not filtered again.
    init(withoutNull values: [FieldID: Value]) {
        self.values = values
    }

    public subscript(_ field: FieldID) -> Value? { values[field] }

    /// The field ids with an answer, sorted.
    public var fields: [FieldID] { values.keys.sorted() }

    public init(from decoder: any Decoder) throws {
        let stored = try decoder.singleValueContainer().decode([String: StoredValue].self)
        values = Dictionary(uniqueKeysWithValues: stored.map { (FieldID($0.key), $0.value.value) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, StoredValue($0.value)) }))
    }
}
