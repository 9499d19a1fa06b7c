/// Ids are written as their plain text in JSON (journals, state, reports), and may key JSON objects.
extension Identifier: Codable, CodingKeyRepresentable {
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var codingKey: any CodingKey { IdentifierCodingKey(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) {
        rawValue = codingKey.stringValue
    }
}

/// The coding key of an id used as a JSON object key.
private struct IdentifierCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
