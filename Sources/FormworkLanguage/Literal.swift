public import Foundation

/// A literal written in an expression.
public enum Literal: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number such as `42` (never negative: `-42` is unary minus applied to `42`).
    case int(Int)
    /// A number with a decimal point such as `0.5`.
    case decimal(Decimal)
    /// Text in single or double quotes.
    case string(String)

    /// The literal's run-time value.
    public var value: Value {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .decimal(let number): .decimal(number)
        case .string(let text): .string(text)
        }
    }

    /// The literal's static type.
    public var type: ValueType {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .decimal: .decimal
        case .string: .string
        }
    }
}
