public import Foundation

/// A run-time value of the condition language.
///
/// The enum is closed on purpose: every operator and function handles every case. Money is `Decimal`,
/// never `Double`. `Hashable` here is structural (`.int(1)` and `.decimal(1)` differ); the language's own
/// `==`, which compares numbers by value, is ``Value/languageEquals(_:)``.
public enum Value: Hashable, Sendable {
    /// An empty answer.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number.
    case int(Int)
    /// An exact decimal number.
    case decimal(Decimal)
    /// Text.
    case string(String)
    /// A calendar date.
    case date(LocalDate)
    /// An instant.
    case datetime(Timestamp)
    /// A list of values (a multiple-choice answer, the rows of a repeat group, a projection).
    case list([Value])
    /// A record with named fields.
    case record(Record)

    /// Whether the value is empty in the sense of `has`: null, empty text or an empty list.
    public var isEmpty: Bool {
        switch self {
        case .null: true
        case .string(let text): text.isEmpty
        case .list(let elements): elements.isEmpty
        default: false
        }
    }

    /// The value's type, as far as it can be read off the value (`null` elements give `any` lists).
    public var type: ValueType {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .decimal: .decimal
        case .string: .string
        case .date: .date
        case .datetime: .datetime
        case .list(let elements):
            .list(Value.elementType(of: elements))
        case .record(let record):
            .record(
                RecordType(name: record.name, fields: record.fields.map { .init(name: $0.name, type: $0.value.type) }))
        }
    }

    /// The type all elements fit into: `any` for an empty list or elements that do not mix.
    private static func elementType(of elements: [Value]) -> ValueType {
        var result: ValueType?
        for element in elements {
            guard let current = result else {
                result = element.type
                continue
            }
            guard let unified = current.unified(with: element.type) else { return .any }
            result = unified
        }
        return result ?? .any
    }
}
