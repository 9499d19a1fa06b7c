/// The stable identifiers of every diagnostic the condition language reports.
///
/// The identifiers are part of the public contract: tests, documentation and users' suppressions refer to
/// them, so they never change meaning. docs/condition-language.md lists each with an example message.
public enum ExpressionDiagnosticID {
    /// The text is not a well-formed expression (unbalanced brackets, missing operand, bad character...).
    public static let syntax = "expression-syntax"
    /// The expression is nested more deeply than the parser accepts.
    public static let tooDeep = "expression-too-deep"
    /// A name is not in scope.
    public static let unknownName = "unknown-name"
    /// A name is in scope but its value is not known yet where the expression is evaluated.
    public static let nameNotAvailable = "name-not-available"
    /// A record has no field of that name.
    public static let unknownField = "unknown-field"
    /// An operand or argument has a type the operator or function does not accept.
    public static let typeMismatch = "type-mismatch"
    /// A function is not one of the built-in functions.
    public static let unknownFunction = "unknown-function"
    /// A function was called with too few or too many arguments.
    public static let wrongArgumentCount = "wrong-argument-count"
    /// An argument that must be written as literal text (a pattern, a date) is not.
    public static let literalRequired = "literal-required"
    /// The pattern given to `matches` is not a valid regular expression.
    public static let invalidRegex = "invalid-regex"
    /// The text given to `date(...)` or `datetime(...)` is not a valid date or date-time.
    public static let invalidDate = "invalid-date"
    /// A condition does not depend on anything that changes, so it is always true or always false.
    public static let constantCondition = "constant-condition"
    /// A value is compared with `null`; `has(x)` usually says it better.
    public static let nullComparison = "null-comparison"

    /// Every identifier, in the order the documentation lists them.
    public static let all: [String] = [
        syntax, tooDeep, unknownName, nameNotAvailable, unknownField, typeMismatch, unknownFunction,
        wrongArgumentCount, literalRequired, invalidRegex, invalidDate, constantCondition, nullComparison,
    ]
}
