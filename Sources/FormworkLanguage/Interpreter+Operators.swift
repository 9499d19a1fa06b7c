import FormworkText
import Foundation

extension Interpreter {
    func negate(_ operand: Value, at span: SourceSpan) throws(EvaluationError) -> Value {
        switch operand {
        case .null: return .null
        case .int(let number):
            let (result, overflow) = 0.subtractingReportingOverflow(number)
            if overflow { throw Interpreter.integerOverflow(at: span) }
            return .int(result)
        case .decimal(let number): return .decimal(-number)
        default: throw Interpreter.mismatch("'-' needs a number, not \(operand.type.descriptionWithArticle)", at: span)
        }
    }

    func binary(
        _ op: BinaryOperator, _ left: Value, _ right: Value, at span: SourceSpan
    ) throws(EvaluationError)
        -> Value
    {
        switch op {
        case .equal: return .bool(left.languageEquals(right))
        case .notEqual: return .bool(!left.languageEquals(right))
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return .bool(try order(op, left, right, at: span))
        case .in: return .bool(try Interpreter.isMember(left, of: right, at: span))
        case .and, .or: throw Interpreter.mismatch("'\(op.symbol)' is evaluated with short-circuiting", at: span)
        case .add, .subtract, .multiply, .divide, .remainder: return try arithmetic(op, left, right, at: span)
        }
    }

    private func order(
        _ op: BinaryOperator, _ left: Value, _ right: Value, at span: SourceSpan
    )
        throws(EvaluationError) -> Bool
    {
        if left == .null || right == .null { return false }
        guard let comparison = left.languageCompare(right) else {
            throw Interpreter.mismatch(
                "'\(op.symbol)' cannot order \(left.type.descriptionWithArticle) against "
                    + right.type.descriptionWithArticle,
                at: span)
        }
        switch op {
        case .less: return comparison < 0
        case .lessOrEqual: return comparison <= 0
        case .greater: return comparison > 0
        default: return comparison >= 0
        }
    }

    /// `element in container`: membership in a list, or a piece of text in a text; false when either is empty.
    static func isMember(_ element: Value, of container: Value, at span: SourceSpan) throws(EvaluationError) -> Bool {
        switch (element, container) {
        case (.null, _), (_, .null):
            return false
        case (_, .list(let elements)):
            return elements.contains { $0.languageEquals(element) }
        case (.string(let piece), .string(let text)):
            return containsText(text, piece)
        default:
            throw mismatch(
                "'in' cannot look for \(element.type.descriptionWithArticle) in "
                    + container.type.descriptionWithArticle,
                at: span)
        }
    }

    /// Whether `text` contains `piece`, comparing Unicode scalars.
    static func containsText(_ text: String, _ piece: String) -> Bool { ByteSearch.contains(text, piece) }

    private func arithmetic(
        _ op: BinaryOperator, _ left: Value, _ right: Value, at span: SourceSpan
    )
        throws(EvaluationError) -> Value
    {
        switch (left, right) {
        case (.null, _), (_, .null):
            return .null
        case (.int(let a), .int(let b)):
            return try Interpreter.integerArithmetic(op, a, b, at: span)
        case (.string(let a), .string(let b)) where op == .add:
            return .string(a + b)
        case (.list(let a), .list(let b)) where op == .add:
            return .list(a + b)
        default:
            guard let a = left.numericValue, let b = right.numericValue, op != .remainder else {
                throw Interpreter.mismatch(
                    "'\(op.symbol)' cannot combine \(left.type.descriptionWithArticle) and "
                        + right.type.descriptionWithArticle,
                    at: span)
            }
            return .decimal(try Interpreter.decimalArithmetic(op, a, b, at: span))
        }
    }

    private static func integerArithmetic(
        _ op: BinaryOperator, _ a: Int, _ b: Int, at span: SourceSpan
    )
        throws(EvaluationError) -> Value
    {
        let result: (partialValue: Int, overflow: Bool)
        switch op {
        case .add: result = a.addingReportingOverflow(b)
        case .subtract: result = a.subtractingReportingOverflow(b)
        case .multiply: result = a.multipliedReportingOverflow(by: b)
        case .divide: return .decimal(try decimalArithmetic(.divide, Decimal(a), Decimal(b), at: span))
        default:
            if b == 0 { throw divisionByZero(at: span) }
            if b == -1 { return .int(0) }
            result = a.remainderReportingOverflow(dividingBy: b)
        }
        if result.overflow { throw integerOverflow(at: span) }
        return .int(result.partialValue)
    }

    static func decimalArithmetic(
        _ op: BinaryOperator, _ a: Decimal, _ b: Decimal, at span: SourceSpan
    )
        throws(EvaluationError) -> Decimal
    {
        let result: Decimal
        switch op {
        case .add: result = a + b
        case .subtract: result = a - b
        case .multiply: result = try multiplied(a, b, at: span)
        default:
            if b.isZero { throw divisionByZero(at: span) }
            result = a / b
            // A quotient that is not a number is out of range: below the smallest magnitude when |a| < |b|.
            if result.isNaN || !result.isFinite, a.magnitude < b.magnitude { throw decimalUnderflow(at: span) }
        }
        if result.isNaN || !result.isFinite {
            throw EvaluationError(
                code: .decimalOverflow, message: "the result is too large to be represented", span: span)
        }
        return result
    }

    /// The smallest exponent a decimal can have: 10^-128 is the smallest magnitude it holds.
    static let decimalMinimumExponent = -128

    /// `a × b`. Foundation's decimal product traps (stops the process) when the exponents of the operands add
    /// up to less than -128, so the digits the product cannot hold are rounded off first; a product whose
    /// magnitude is below 10^-128 even then is an error, never a trap.
    static func multiplied(_ a: Decimal, _ b: Decimal, at span: SourceSpan) throws(EvaluationError) -> Decimal {
        guard !a.isNaN, !b.isNaN, !a.isZero, !b.isZero else { return a * b }
        var x = a
        var y = b
        let shortfall = decimalMinimumExponent - (x.exponent + y.exponent)
        if shortfall > 0 {
            // Drop the lowest digits of the operands, keeping at least one digit of each: the product's lowest
            // digits go first. When the operands do not have that many digits, the product is below 10^-128.
            let spareX = digitCount(x) - 1
            let spareY = digitCount(y) - 1
            guard shortfall <= spareX + spareY else { throw decimalUnderflow(at: span) }
            let fromX = min(shortfall, spareX)
            x = rounded(x, scale: -x.exponent - fromX)
            y = rounded(y, scale: -y.exponent - (shortfall - fromX))
            guard !x.isZero, !y.isZero, x.exponent + y.exponent >= decimalMinimumExponent else {
                throw decimalUnderflow(at: span)
            }
        }
        return x * y
    }

    /// How many digits the significand of `value` has (38 at most).
    static func digitCount(_ value: Decimal) -> Int {
        "\(value.significand.magnitude)".filter(\.isNumber).count
    }

    /// `value` rounded half away from zero to `scale` digits after the point (a negative scale rounds to tens,
    /// hundreds, …); zero when nothing is left.
    static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        var value = value
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    static func decimalUnderflow(at span: SourceSpan) -> EvaluationError {
        EvaluationError(
            code: .decimalOverflow, message: "the result is too small to be represented (below 10^-128)", span: span)
    }

    static func integerOverflow(at span: SourceSpan) -> EvaluationError {
        EvaluationError(
            code: .integerOverflow,
            message: "the result is too large for an integer (beyond ±9223372036854775807)", span: span)
    }

    static func divisionByZero(at span: SourceSpan) -> EvaluationError {
        EvaluationError(code: .divisionByZero, message: "division by zero", span: span)
    }
}
