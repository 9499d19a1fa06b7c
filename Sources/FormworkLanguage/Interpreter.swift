/// The state of one evaluation: the context, the depth reached and the patterns compiled so far.
struct Interpreter {
    let context: EvaluationContext
    private var depth = 0
    var patternCache: [String: LinearPattern] = [:]

    init(context: EvaluationContext) {
        self.context = context
    }

    /// The value of `expression`.
    mutating func value(of expression: Expression) throws(EvaluationError) -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > Evaluator.maximumDepth {
            throw EvaluationError(
                code: .tooDeep, message: "the expression is nested too deeply to evaluate", span: expression.span)
        }
        switch expression {
        case .literal(let literal, _):
            return literal.value
        case .name(let name, let span):
            guard let value = context.bindings[name] else {
                throw EvaluationError(code: .unknownName, message: "'\(name)' has no value here", span: span)
            }
            return value
        case .member(let base, let name, let span):
            return try member(name, of: value(of: base), at: span)
        case .unary(.not, let operand, _):
            return .bool(try !truth(of: operand))
        case .unary(.negate, let operand, let span):
            return try negate(value(of: operand), at: span)
        case .binary(.and, let left, let right, _):
            return .bool(try truth(of: left) ? truth(of: right) : false)
        case .binary(.or, let left, let right, _):
            return .bool(try truth(of: left) ? true : truth(of: right))
        case .binary(let op, let left, let right, let span):
            let leftValue = try value(of: left)
            let rightValue = try value(of: right)
            return try binary(op, leftValue, rightValue, at: span)
        case .conditional(let condition, let then, let otherwise, _):
            return try truth(of: condition) ? value(of: then) : value(of: otherwise)
        case .call(let name, let arguments, let span):
            guard let function = BuiltinFunction(rawValue: name), function.accepts(argumentCount: arguments.count)
            else {
                throw EvaluationError(
                    code: .unknownFunction,
                    message: "there is no function '\(name)' taking \(arguments.count) "
                        + "argument\(arguments.count == 1 ? "" : "s")", span: span)
            }
            return try call(function, arguments, at: span)
        case .list(let elements, _):
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try value(of: element)) }
            return .list(values)
        }
    }

    /// The value of `expression` where true or false is needed: null counts as false.
    mutating func truth(of expression: Expression) throws(EvaluationError) -> Bool {
        switch try value(of: expression) {
        case .bool(let flag): return flag
        case .null: return false
        case let other:
            throw EvaluationError(
                code: .typeMismatch, message: "expected true or false, but found \(other.type.descriptionWithArticle)",
                span: expression.span)
        }
    }

    private func member(_ name: String, of base: Value, at span: SourceSpan) throws(EvaluationError) -> Value {
        switch base {
        case .null:
            return .null
        case .record(let record):
            guard let field = record[name] else {
                throw EvaluationError(
                    code: .unknownField, message: "'\(record.name)' has no field '\(name)'", span: span)
            }
            return field
        case .list(let rows):
            var projected: [Value] = []
            projected.reserveCapacity(rows.count)
            for row in rows { projected.append(try member(name, of: row, at: span)) }
            return .list(projected)
        default:
            throw EvaluationError(
                code: .typeMismatch, message: "\(base.type.descriptionWithArticle) has no field '\(name)'", span: span)
        }
    }

    /// A type error for an unchecked expression.
    static func mismatch(_ message: String, at span: SourceSpan) -> EvaluationError {
        EvaluationError(code: .typeMismatch, message: message, span: span)
    }
}
