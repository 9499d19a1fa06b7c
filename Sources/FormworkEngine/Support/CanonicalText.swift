import FormworkLanguage
import Foundation

/// The canonical text of values and revisions, the input of a revision's hash.
///
/// Stable across platforms and versions of Foundation: it is written here by hand, never by
/// `JSONEncoder`. The format is documented in docs/engine.md ("Revision hash").
enum CanonicalText {
    /// A decimal without trailing zeros after the point and without a negative zero: `12.5`, `-3`, `0`.
    static func decimal(_ number: Decimal) -> String {
        var text = number.description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" || text.isEmpty { text = "0" }
        return text
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, nothing else.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A value as compact JSON in the tagged shape of `StoredValue`.
    static func value(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .decimal(let number): "{\"decimal\":" + string(decimal(number)) + "}"
        case .string(let text): string(text)
        case .date(let date): "{\"date\":" + string(date.description) + "}"
        case .datetime(let instant):
            // The instant in UTC: two timestamps of the same instant hash alike whatever their offsets.
            "{\"datetime\":" + string(Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch).description) + "}"
        case .list(let elements): "[" + elements.map(Self.value).joined(separator: ",") + "]"
        case .record(let record):
            "{\"record\":["
                + record.fields.map { "{" + string($0.name) + ":" + Self.value($0.value) + "}" }.joined(separator: ",")
                + "]}"
        }
    }

    /// Answers as a JSON object with keys sorted by their UTF-8 bytes.
    static func answers(_ values: [String: Value]) -> String {
        let keys = values.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return "{" + keys.map { string($0) + ":" + value(values[$0] ?? .null) }.joined(separator: ",") + "}"
    }
}
