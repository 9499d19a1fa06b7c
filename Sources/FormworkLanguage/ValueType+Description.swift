extension ValueType: CustomStringConvertible {
    /// The type in plain words for an administrator: "decimal", "text", "list of text", "record 'submitter'".
    public var description: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .decimal: "decimal"
        case .string: "text"
        case .date: "date"
        case .datetime: "datetime"
        case .list(let element): "list of \(element.pluralDescription)"
        case .record(let record): "record '\(record.name)'"
        case .any: "value"
        }
    }

    /// The type with an article, ready for "`amount` is \(...)": "a decimal", "an integer", "text".
    public var descriptionWithArticle: String {
        switch self {
        case .null: "empty (null)"
        case .string: "text"
        case .int: "an integer"
        case .any: "a value"
        case .record(let record): "a '\(record.name)' record"
        default: "a \(description)"
        }
    }

    /// The plural form used after "list of": "decimals", "text", "'items' records".
    var pluralDescription: String {
        switch self {
        case .null: "nulls"
        case .bool: "booleans"
        case .int: "integers"
        case .decimal: "decimals"
        case .string: "text"
        case .date: "dates"
        case .datetime: "datetimes"
        case .list(let element): "lists of \(element.pluralDescription)"
        case .record(let record): "'\(record.name)' records"
        case .any: "values"
        }
    }
}
