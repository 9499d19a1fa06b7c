extension TypeChecker {
    mutating func callType(
        _ name: String, _ arguments: [Expression], _ types: [ValueType], at span: SourceSpan
    )
        -> ValueType
    {
        guard let function = BuiltinFunction(rawValue: name) else {
            let nameSpan = SourceSpan(start: span.start, end: min(span.end, span.start + name.unicodeScalars.count))
            var message = "unknown function '\(name)'"
            if let suggestion = NameSuggestion.closest(to: name, among: BuiltinFunction.allCases.map(\.name)) {
                message += "; did you mean '\(suggestion)'?"
            }
            var notes = ["the functions are: " + BuiltinFunction.allCases.map(\.name).joined(separator: ", ")]
            if environment.binding(for: name) != nil {
                notes.insert("'\(name)' is a name in scope, not a function; write it without parentheses", at: 0)
            }
            return error(ExpressionDiagnosticID.unknownFunction, message, at: nameSpan, notes: notes)
        }
        guard function.accepts(argumentCount: arguments.count) else {
            let count = arguments.count
            error(
                ExpressionDiagnosticID.wrongArgumentCount,
                "'\(name)' takes \(function.arityDescription), but \(count) \(count == 1 ? "was" : "were") given",
                at: span, notes: ["use " + function.signatureList])
            return TypeChecker.fixedResultType(of: function)
        }
        var call = FunctionCall(function: function, arguments: arguments, types: types)
        let result = check(&call)
        diagnostics += call.diagnostics
        return result
    }

    /// The result type that does not depend on the arguments, or `any`.
    static func fixedResultType(of function: BuiltinFunction) -> ValueType {
        switch function {
        case .has, .contains, .startsWith, .endsWith, .matches: .bool
        case .size, .daysBetween, .year, .month, .day, .weekday, .count: .int
        case .lower, .upper, .trim: .string
        case .today, .date: .date
        case .now, .datetime: .datetime
        case .round: .decimal
        case .addDays, .min, .max, .sum, .abs, .coalesce: .any
        }
    }

    private func check(_ call: inout FunctionCall) -> ValueType {
        let types = call.types
        switch call.function {
        case .has:
            return .bool
        case .size, .count:
            call.require(0, "text or a list", call.function == .size ? \.isTextOrListLike : \.isListLike)
        case .contains:
            return containsType(&call)
        case .startsWith, .endsWith:
            call.require(0, "text", \.isTextLike)
            call.require(1, "text", \.isTextLike)
        case .lower, .upper, .trim:
            call.require(0, "text", \.isTextLike)
        case .matches:
            call.require(0, "text", \.isTextLike)
            call.requirePattern(1)
        case .today, .now:
            break
        case .date, .datetime:
            call.requireDateLiteral(0)
        case .daysBetween:
            call.require(0, "a date or a datetime", \.isDateLike)
            call.require(1, "a date or a datetime", \.isDateLike)
            if types[0].isDateOrDatetime, types[1].isDateOrDatetime, types[0] != types[1] {
                call.argumentError(1, "of the same kind as the first (both dates or both datetimes)")
            }
        case .addDays:
            call.require(0, "a date or a datetime", \.isDateLike)
            call.require(1, "an integer (a number of days)", \.isIntegerLike)
            return types[0].isDateOrDatetime ? types[0] : (types[0] == .null ? .date : .any)
        case .year, .month, .day, .weekday:
            call.require(0, "a date or a datetime", \.isDateLike)
        case .min, .max:
            return extremeType(&call)
        case .sum:
            guard call.require(0, "a list of numbers", \.isNumberListLike) else { return .any }
            if types[0] == .null { return .int }
            return types[0].elementType.flatMap { $0.isNumeric ? $0 : nil } ?? .any
        case .abs:
            guard call.require(0, "a number", \.isNumberLike) else { return .any }
            return types[0]
        case .round:
            call.require(0, "a number", \.isNumberLike)
            if types.count > 1 { call.require(1, "an integer (a number of decimal places)", \.isIntegerLike) }
        case .coalesce:
            return call.unifiedArguments(describing: "all arguments of 'coalesce' must be of one type") ?? .any
        }
        return TypeChecker.fixedResultType(of: call.function)
    }

    private func containsType(_ call: inout FunctionCall) -> ValueType {
        switch call.types[0] {
        case .string:
            call.require(1, "text", \.isTextLike)
        case .list(let element):
            if call.types[1].unified(with: element) == nil {
                call.argumentError(1, "an element of the list (\(element.descriptionWithArticle))")
            }
        case .null, .any:
            break
        default:
            call.argumentError(0, "text or a list")
        }
        return .bool
    }

    private func extremeType(_ call: inout FunctionCall) -> ValueType {
        let name = call.function.name
        if call.types.count == 1 {
            switch call.types[0] {
            case .list(let element):
                if element.isOrdered || element == .null { return element }
                call.argumentError(0, "a list of numbers, text, dates or datetimes")
            case .null, .any:
                return .any
            default:
                call.argumentError(0, "a list (or give '\(name)' two or more values)")
            }
            return .any
        }
        guard let unified = call.unifiedArguments(describing: "all arguments of '\(name)' must be of one type") else {
            return .any
        }
        if !unified.isOrdered && unified != .null {
            call.argumentError(0, "a number, text, a date or a datetime")
            return .any
        }
        return unified
    }
}
