/// Why an expression could not be evaluated, and which node failed.
///
/// A checked expression fails only for reasons that depend on the answers: an integer overflow, a division
/// by zero, a date out of range, a text too long for `matches`. The other codes arise only for expressions
/// evaluated without being type checked, or with bindings that do not match the environment they were
/// checked in.
public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, kebab-case code for the kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as written in logs and messages, e.g. `division-by-zero`.
        public var rawValue: String

        /// Creates a code from its kebab-case text.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        public var description: String { rawValue }

        /// An integer result does not fit in 64 bits.
        public static let integerOverflow = Code(rawValue: "integer-overflow")
        /// A decimal result is too large to represent.
        public static let decimalOverflow = Code(rawValue: "decimal-overflow")
        /// A division or remainder by zero.
        public static let divisionByZero = Code(rawValue: "division-by-zero")
        /// A date or datetime left the supported range (years 1 to 9999).
        public static let dateOutOfRange = Code(rawValue: "date-out-of-range")
        /// The text given to `matches` is longer than the context allows.
        public static let inputTooLong = Code(rawValue: "input-too-long")
        /// An argument's value is not acceptable (e.g. `date('2026-02-30')`, `round(x, 99)`).
        public static let invalidArgument = Code(rawValue: "invalid-argument")
        /// The expression is nested too deeply to evaluate.
        public static let tooDeep = Code(rawValue: "expression-too-deep")
        /// A value's type does not fit the operator or function (unchecked expressions only).
        public static let typeMismatch = Code(rawValue: "type-mismatch")
        /// A name has no value in the context (unchecked expressions only).
        public static let unknownName = Code(rawValue: "unknown-name")
        /// A record has no such field (unchecked expressions only).
        public static let unknownField = Code(rawValue: "unknown-field")
        /// The function does not exist or was given the wrong number of arguments (unchecked expressions only).
        public static let unknownFunction = Code(rawValue: "unknown-function")
    }

    /// The kind of failure.
    public var code: Code
    /// A plain-words message for the person filling in or administering the form.
    public var message: String
    /// The node that failed.
    public var span: SourceSpan

    /// Creates an evaluation error.
    public init(code: Code, message: String, span: SourceSpan) {
        self.code = code
        self.message = message
        self.span = span
    }

    public var description: String { "\(span.start): \(message) [\(code)]" }
}
