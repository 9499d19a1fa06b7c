public import Foundation

/// A JSON value as read from a file of answers (`JSONValue.parse`). Numbers are exact `Decimal`s, never
/// `Double`, so that `0.1` stays `0.1`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}
