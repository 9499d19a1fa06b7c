/// A prefix operator.
public enum UnaryOperator: String, Hashable, Sendable, CaseIterable {
    /// `!x`: logical not (an empty operand counts as false, so `!x` is true).
    case not = "!"
    /// `-x`: arithmetic negation.
    case negate = "-"

    /// The operator as written.
    public var symbol: String { rawValue }
}
