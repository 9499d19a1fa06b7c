extension TypeChecker {
    mutating func unaryType(
        _ op: UnaryOperator, _ operand: Expression, _ operandType: ValueType, in node: Expression
    )
        -> ValueType
    {
        switch op {
        case .not:
            requireBoolean(operandType, operand, role: "the value after '!'")
            return .bool
        case .negate:
            switch operandType {
            case .int, .decimal, .null, .any: return operandType
            default:
                return error(
                    ExpressionDiagnosticID.typeMismatch,
                    "'-' needs a number, but \(TypeChecker.subject(operand, operandType))", at: operand.span)
            }
        }
    }

    mutating func binaryType(
        _ op: BinaryOperator, _ left: Expression, _ leftType: ValueType, _ right: Expression,
        _ rightType: ValueType, in node: Expression
    ) -> ValueType {
        switch op {
        case .and, .or:
            requireBoolean(leftType, left, role: "each side of '\(op.symbol)'")
            requireBoolean(rightType, right, role: "each side of '\(op.symbol)'")
            return .bool
        case .equal, .notEqual:
            return equalityType(op, left, leftType, right, rightType, in: node)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return orderingType(op, left, leftType, right, rightType, in: node)
        case .in:
            return membershipType(left, leftType, right, rightType, in: node)
        case .add, .subtract, .multiply, .divide, .remainder:
            return arithmeticType(op, left, leftType, right, rightType, in: node)
        }
    }

    private mutating func equalityType(
        _ op: BinaryOperator, _ left: Expression, _ leftType: ValueType, _ right: Expression,
        _ rightType: ValueType, in node: Expression
    ) -> ValueType {
        guard leftType.unified(with: rightType) != nil else {
            error(
                ExpressionDiagnosticID.typeMismatch,
                "\(TypeChecker.subject(left, leftType)), but it is compared with "
                    + TypeChecker.object(right, rightType),
                at: node.span, notes: TypeChecker.comparisonHint(leftType, right, rightType))
            return .bool
        }
        let leftIsNull = left.isNullLiteral
        let rightIsNull = right.isNullLiteral
        if leftIsNull != rightIsNull {
            let other = leftIsNull ? right : left
            let suggestion = op == .equal ? "!has(\(other))" : "has(\(other))"
            warning(
                ExpressionDiagnosticID.nullComparison,
                "instead of comparing with null, write \(suggestion), which also treats empty text and empty lists "
                    + "as empty",
                at: node.span)
        }
        return .bool
    }

    private mutating func orderingType(
        _ op: BinaryOperator, _ left: Expression, _ leftType: ValueType, _ right: Expression,
        _ rightType: ValueType, in node: Expression
    ) -> ValueType {
        if leftType.isAny || rightType.isAny { return .bool }
        if left.isNullLiteral || right.isNullLiteral {
            let other = left.isNullLiteral ? right : left
            error(
                ExpressionDiagnosticID.typeMismatch,
                "'\(op.symbol)' with null is always false; to test whether \(TypeChecker.source(other)) is empty, "
                    + "write !has(\(other))",
                at: node.span)
            return .bool
        }
        for (operand, type) in [(left, leftType), (right, rightType)] where !type.isOrdered && type != .null {
            error(
                ExpressionDiagnosticID.typeMismatch,
                "'\(op.symbol)' orders numbers, text, dates and datetimes, but \(TypeChecker.subject(operand, type))",
                at: operand.span)
            return .bool
        }
        let compatible =
            (leftType.isNumeric && rightType.isNumeric) || leftType == rightType
            || leftType == .null || rightType == .null
        if !compatible {
            error(
                ExpressionDiagnosticID.typeMismatch,
                "\(TypeChecker.subject(left, leftType)), but it is compared with "
                    + TypeChecker.object(right, rightType),
                at: node.span, notes: TypeChecker.comparisonHint(leftType, right, rightType))
        }
        return .bool
    }

    private mutating func membershipType(
        _ left: Expression, _ leftType: ValueType, _ right: Expression, _ rightType: ValueType, in node: Expression
    ) -> ValueType {
        switch rightType {
        case .any, .null:
            return .bool
        case .string:
            if leftType == .string || leftType == .null || leftType.isAny { return .bool }
            error(
                ExpressionDiagnosticID.typeMismatch,
                "'in' with text on its right looks for a piece of text, but \(TypeChecker.subject(left, leftType))",
                at: left.span)
        case .list(let element):
            if leftType.unified(with: element) != nil { return .bool }
            error(
                ExpressionDiagnosticID.typeMismatch,
                "\(TypeChecker.subject(left, leftType)), but it is looked for in "
                    + TypeChecker.object(right, rightType),
                at: node.span)
        default:
            error(
                ExpressionDiagnosticID.typeMismatch,
                "'in' needs a list or text on its right, but \(TypeChecker.subject(right, rightType))",
                at: right.span)
        }
        return .bool
    }

    private mutating func arithmeticType(
        _ op: BinaryOperator, _ left: Expression, _ leftType: ValueType, _ right: Expression,
        _ rightType: ValueType, in node: Expression
    ) -> ValueType {
        if leftType.isAny || rightType.isAny { return .any }
        switch (leftType, rightType) {
        case (.int, .int):
            return op == .divide ? .decimal : .int
        case (.int, .decimal), (.decimal, .int), (.decimal, .decimal):
            if op == .remainder { break }
            return .decimal
        case (.string, .string) where op == .add:
            return .string
        case (.list, .list) where op == .add:
            if let unified = leftType.unified(with: rightType) { return unified }
        case (.null, .null):
            return .null
        case (.null, let other), (let other, .null):
            if other.isNumeric || (op == .add && (other == .string || other.elementType != nil)) {
                return op == .divide ? .decimal : other
            }
        default:
            break
        }
        return arithmeticError(op, left, leftType, right, rightType, in: node)
    }

    private mutating func arithmeticError(
        _ op: BinaryOperator, _ left: Expression, _ leftType: ValueType, _ right: Expression,
        _ rightType: ValueType, in node: Expression
    ) -> ValueType {
        let what: String
        var notes: [String] = []
        switch op {
        case .add: what = "'+' adds numbers, or joins two texts or two lists"
        case .remainder: what = "'%' needs two integers"
        default: what = "'\(op.symbol)' needs numbers"
        }
        if leftType == .date || leftType == .datetime {
            if op == .add || op == .subtract, rightType.isNumeric {
                notes.append("to move a date by a number of days, write addDays(\(left), \(op == .add ? "" : "-")n)")
            } else if op == .subtract, rightType == leftType {
                notes.append("to count the days between two dates, write daysBetween(\(right), \(left))")
            }
        }
        let leftFits = leftType.isNumeric || leftType == .null
        let rightFits = rightType.isNumeric || rightType == .null
        if op != .add, op != .remainder, leftFits != rightFits {
            let (bad, badType) = leftFits ? (right, rightType) : (left, leftType)
            return error(
                ExpressionDiagnosticID.typeMismatch, "\(what), but \(TypeChecker.subject(bad, badType))", at: bad.span,
                notes: notes)
        }
        return error(
            ExpressionDiagnosticID.typeMismatch,
            "\(what), but \(TypeChecker.subject(left, leftType)) and \(TypeChecker.subject(right, rightType))",
            at: node.span, notes: notes)
    }

    /// A hint for a comparison between mismatched types, such as a date compared with text.
    static func comparisonHint(_ leftType: ValueType, _ right: Expression, _ rightType: ValueType) -> [String] {
        guard case .literal(.string(let text), _) = right else { return [] }
        switch leftType {
        case .date: return ["to write a date, use date(\(TextLiteral.quoted(text)))"]
        case .datetime: return ["to write a date and time, use datetime(\(TextLiteral.quoted(text)))"]
        case .int, .decimal:
            let isNumber = !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            return isNumber ? ["write the number without quotes: \(text)"] : []
        default: return []
        }
    }
}

extension Expression {
    /// Whether the node is the literal `null`.
    var isNullLiteral: Bool {
        if case .literal(.null, _) = self { return true }
        return false
    }
}
