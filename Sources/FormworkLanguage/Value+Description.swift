import Foundation

extension Value: CustomStringConvertible {
    /// The value written as the language would write it: `null`, `42`, `0.5`, `"text"`,
    /// `date("2026-01-31")`, `[1, 2]`.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .decimal(let number): DecimalText.description(number)
        case .string(let text): TextLiteral.quoted(text)
        case .date(let date): "date(\"\(date)\")"
        case .datetime(let timestamp): "datetime(\"\(timestamp)\")"
        case .list(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .record(let record):
            "\(record.name){" + record.fields.map { "\($0.name): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
