/// An infix operator, with its precedence.
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    /// `a || b`: true when either side is (left to right, short-circuit).
    case or = "||"
    /// `a && b`: true when both sides are (left to right, short-circuit).
    case and = "&&"
    /// `a == b`.
    case equal = "=="
    /// `a != b`.
    case notEqual = "!="
    /// `a < b`.
    case less = "<"
    /// `a <= b`.
    case lessOrEqual = "<="
    /// `a > b`.
    case greater = ">"
    /// `a >= b`.
    case greaterOrEqual = ">="
    /// `a in b`: element of a list, or piece of a text.
    case `in` = "in"
    /// `a + b`: sum, or joined texts or lists.
    case add = "+"
    /// `a - b`.
    case subtract = "-"
    /// `a * b`.
    case multiply = "*"
    /// `a / b`: always a decimal.
    case divide = "/"
    /// `a % b`: integers only.
    case remainder = "%"

    /// The operator as written.
    public var symbol: String { rawValue }

    /// Binding strength: higher binds tighter. `?:` is 1 and unary operators are 7.
    public var precedence: Int {
        switch self {
        case .or: 2
        case .and: 3
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in: 4
        case .add, .subtract: 5
        case .multiply, .divide, .remainder: 6
        }
    }

    /// Whether the operator is a comparison (`==`, `<`, `in`...), which cannot be chained.
    public var isComparison: Bool { precedence == 4 }

    /// Whether the operator orders its operands (`<`, `<=`, `>`, `>=`).
    public var isOrdering: Bool {
        self == .less || self == .lessOrEqual || self == .greater || self == .greaterOrEqual
    }

    /// Whether the operator is arithmetic (`+ - * / %`).
    public var isArithmetic: Bool { precedence >= 5 }

    /// The precedence of the conditional operator `c ? a : b`, the loosest of all.
    public static let conditionalPrecedence = 1
    /// The precedence of the prefix operators `!` and `-`.
    public static let prefixPrecedence = 7
    /// The precedence of member access and calls, the tightest of all.
    public static let postfixPrecedence = 8
}
