/// The static type of an expression, as the type checker sees it.
///
/// Any value may also be empty (null) at run time, so a type says what a value is *when it is present*.
/// `any` appears only after an error (so that one mistake is reported once, not again by every enclosing
/// operator) and as the element type of the empty list `[]`.
public indirect enum ValueType: Hashable, Sendable {
    /// The type of the literal `null`.
    case null
    /// `true` or `false`.
    case bool
    /// A whole number (64-bit).
    case int
    /// An exact decimal number; money and percentages are decimals.
    case decimal
    /// Text (called "text" in every message).
    case string
    /// A calendar date.
    case date
    /// An instant with a time of day.
    case datetime
    /// A list whose elements all have the given type.
    case list(ValueType)
    /// A record with named fields, such as `submitter` or one row of a repeat group.
    case record(RecordType)
    /// Unknown, after an error; compatible with everything.
    case any

    /// Whether the type is `int` or `decimal`.
    public var isNumeric: Bool { self == .int || self == .decimal }

    /// The element type when this is a list.
    public var elementType: ValueType? {
        if case .list(let element) = self { return element }
        return nil
    }

    /// The record type when this is a record.
    public var recordType: RecordType? {
        if case .record(let record) = self { return record }
        return nil
    }
}
