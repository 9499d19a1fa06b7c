public import FormworkLanguage

/// An answer given for a field that the form hides (`show_if` false, or its section hidden): the
/// value is not kept in the report, and the drop is recorded with its reason.
public struct DroppedAnswer: Sendable, Hashable, Codable {
    /// The field's path (`location`, `products[2].discount`).
    public var field: String
    /// The value that was dropped.
    public var value: Value
    /// Why, in words: "hidden because show_if `visit_type == 'onsite'` is false".
    public var reason: String

    public init(field: String, value: Value, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey { case field, value, reason }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        field = try container.decode(String.self, forKey: .field)
        value = try container.decode(StoredValue.self, forKey: .value).value
        reason = try container.decode(String.self, forKey: .reason)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(StoredValue(value), forKey: .value)
        try container.encode(reason, forKey: .reason)
    }
}
