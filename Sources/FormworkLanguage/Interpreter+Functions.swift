import Foundation

extension Interpreter {
    /// The largest number of decimal places `round` accepts.
    static let maximumRoundingPlaces = 20

    mutating func call(
        _ function: BuiltinFunction, _ arguments: [Expression], at span: SourceSpan
    )
        throws(EvaluationError) -> Value
    {
        if function == .coalesce {
            // Evaluated lazily: later arguments are not needed once one is filled in.
            var last = Value.null
            for argument in arguments {
                last = try value(of: argument)
                if !last.isEmpty { return last }
            }
            return last
        }
        var values: [Value] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments { values.append(try value(of: argument)) }
        let call = EvaluatedCall(function: function, values: values, arguments: arguments, span: span)
        switch function {
        case .has: return .bool(!values[0].isEmpty)
        case .size, .count: return try Interpreter.size(call)
        case .contains, .startsWith, .endsWith: return .bool(try Interpreter.textTest(call))
        case .lower, .upper, .trim: return try Interpreter.textTransform(call)
        case .matches: return .bool(try matches(call))
        case .today: return .date(context.today)
        case .now: return .datetime(context.now)
        case .date, .datetime: return try Interpreter.parseDate(call)
        case .daysBetween: return try Interpreter.daysBetween(call)
        case .addDays: return try Interpreter.addDays(call)
        case .year, .month, .day, .weekday: return try Interpreter.datePart(call)
        case .min, .max: return try Interpreter.extreme(call)
        case .sum: return try Interpreter.sum(call)
        case .abs: return try Interpreter.absolute(call)
        case .round: return try Interpreter.round(call)
        case .coalesce: return .null
        }
    }

    private static func size(_ call: EvaluatedCall) throws(EvaluationError) -> Value {
        switch (call.function, call.values[0]) {
        case (_, .null): return .int(0)
        case (.size, .string(let text)): return .int(text.unicodeScalars.count)
        case (.size, .list(let elements)): return .int(elements.count)
        case (.count, .list(let elements)): return .int(elements.count { !$0.isEmpty })
        default: throw call.mismatch(0)
        }
    }

    private static func textTest(_ call: EvaluatedCall) throws(EvaluationError) -> Bool {
        switch (call.function, call.values[0], call.values[1]) {
        case (_, .null, _), (_, _, .null): return false
        case (.contains, .list, _): return try isMember(call.values[1], of: call.values[0], at: call.span)
        case (.contains, .string(let text), .string(let piece)): return containsText(text, piece)
        case (.startsWith, .string(let text), .string(let prefix)):
            return text.unicodeScalars.starts(with: prefix.unicodeScalars)
        case (.endsWith, .string(let text), .string(let suffix)):
            return text.unicodeScalars.reversed().starts(with: suffix.unicodeScalars.reversed())
        default: throw call.mismatch(0)
        }
    }

    private static func textTransform(_ call: EvaluatedCall) throws(EvaluationError) -> Value {
        switch call.values[0] {
        case .null: return .null
        case .string(let text):
            switch call.function {
            case .lower: return .string(text.lowercased())
            case .upper: return .string(text.uppercased())
            default: return .string(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        default: throw call.mismatch(0)
        }
    }

    private mutating func matches(_ call: EvaluatedCall) throws(EvaluationError) -> Bool {
        guard case .string(let pattern) = call.values[1] else { throw call.mismatch(1) }
        let text: String
        switch call.values[0] {
        case .null: return false
        case .string(let value): text = value
        default: throw call.mismatch(0)
        }
        let length = text.unicodeScalars.count
        if length > context.maximumMatchInputLength {
            throw EvaluationError(
                code: .inputTooLong,
                message: "the text is too long to match against a pattern (\(length) characters; at most "
                    + "\(context.maximumMatchInputLength))",
                span: call.arguments[0].span)
        }
        let compiled: LinearPattern
        if let cached = patternCache[pattern] {
            compiled = cached
        } else {
            switch LinearPattern.compile(pattern) {
            case .success(let made): compiled = made
            case .failure(let failure):
                throw EvaluationError(
                    code: .invalidArgument, message: "\(TextLiteral.quoted(pattern)) \(failure.message)",
                    span: call.arguments[1].span)
            }
            patternCache[pattern] = compiled
        }
        return compiled.firstMatch(text)
    }

    private static func parseDate(_ call: EvaluatedCall) throws(EvaluationError) -> Value {
        switch call.values[0] {
        case .null: return .null
        case .string(let text):
            if call.function == .date, let date = LocalDate(text) { return .date(date) }
            if call.function == .datetime, let timestamp = Timestamp(text) { return .datetime(timestamp) }
            let message =
                call.function == .date
                ? FunctionCall.dateProblem(text)
                : "\(TextLiteral.quoted(text)) is not a valid date and time"
            throw EvaluationError(code: .invalidArgument, message: message, span: call.arguments[0].span)
        default: throw call.mismatch(0)
        }
    }

    private static func daysBetween(_ call: EvaluatedCall) throws(EvaluationError) -> Value {
        switch (call.values[0], call.values[1]) {
        case (.null, _), (_, .null): return .null
        case (.date(let start), .date(let end)): return .int(start.days(to: end))
        case (.datetime(let start), .datetime(let end)):
            let (seconds, overflow) = end.secondsSinceEpoch.subtractingReportingOverflow(start.secondsSinceEpoch)
            if overflow { throw integerOverflow(at: call.span) }
            return .int(Int(seconds / 86_400))
        default: throw call.mismatch(1)
        }
    }

    private static func addDays(_ call: EvaluatedCall) throws(EvaluationError) -> Value {
        guard case .int(let days) = call.values[1] else {
            if call.values[1] == .null { return .null }
            throw call.mismatch(1)
        }
        switch call.values[0] {
        case .null: return .null
        case .date(let date):
            guard let result = date.adding(days: days) else { throw dateOutOfRange(at: call.span) }
            return .date(result)
        case .datetime(let timestamp):
            let (seconds, overflow) = Int64(days).multipliedReportingOverflow(by: 86_400)
            guard !overflow, let result = timestamp.adding(seconds: seconds), result.localDate != nil else {
                throw dateOutOfRange(at: call.span)
            }
            return .datetime(result)
        default: throw call.mismatch(0)
        }
    }

    private static func datePart(_ call: EvaluatedCall) throws(EvaluationError) -> Value {
        let parts: (year: Int, month: Int, day: Int, weekday: Int)
        switch call.values[0] {
        case .null: return .null
        case .date(let date): parts = (date.year, date.month, date.day, date.weekday.rawValue)
        case .datetime(let timestamp):
            guard let date = timestamp.localDate else { throw dateOutOfRange(at: call.span) }
            parts = (date.year, date.month, date.day, date.weekday.rawValue)
        default: throw call.mismatch(0)
        }
        switch call.function {
        case .year: return .int(parts.year)
        case .month: return .int(parts.month)
        case .day: return .int(parts.day)
        default: return .int(parts.weekday)
        }
    }

    private static func extreme(_ call: EvaluatedCall) throws(EvaluationError) -> Value {
        let candidates: [Value]
        if call.values.count == 1 {
            switch call.values[0] {
            case .null: return .null
            case .list(let elements): candidates = elements
            default: throw call.mismatch(0)
            }
        } else {
            candidates = call.values
        }
        var best: Value?
        for candidate in candidates where !candidate.isEmpty {
            guard let current = best else {
                best = candidate
                continue
            }
            guard let comparison = candidate.languageCompare(current) else {
                throw mismatch(
                    "'\(call.function.name)' cannot compare \(candidate.type.descriptionWithArticle) with "
                        + current.type.descriptionWithArticle,
                    at: call.span)
            }
            if call.function == .min ? comparison < 0 : comparison > 0 { best = candidate }
        }
        return best ?? .null
    }

    private static func sum(_ call: EvaluatedCall) throws(EvaluationError) -> Value {
        let elements: [Value]
        switch call.values[0] {
        case .null: return .int(0)
        case .list(let values): elements = values
        default: throw call.mismatch(0)
        }
        var integerTotal = 0
        var decimalTotal: Decimal?
        for element in elements {
            switch element {
            case .null:
                continue
            case .int(let number) where decimalTotal == nil:
                let (total, overflow) = integerTotal.addingReportingOverflow(number)
                if overflow { throw integerOverflow(at: call.span) }
                integerTotal = total
            default:
                guard let number = element.numericValue else {
                    throw mismatch("'sum' needs numbers, not \(element.type.descriptionWithArticle)", at: call.span)
                }
                let total = decimalTotal ?? Decimal(integerTotal)
                decimalTotal = try decimalArithmetic(.add, total, number, at: call.span)
            }
        }
        return decimalTotal.map { .decimal($0) } ?? .int(integerTotal)
    }

    private static func absolute(_ call: EvaluatedCall) throws(EvaluationError) -> Value {
        switch call.values[0] {
        case .null: return .null
        case .int(let number):
            if number == Int.min { throw integerOverflow(at: call.span) }
            return .int(Swift.abs(number))
        case .decimal(let number): return .decimal(Swift.abs(number))
        default: throw call.mismatch(0)
        }
    }

    private static func round(_ call: EvaluatedCall) throws(EvaluationError) -> Value {
        var places = 0
        if call.values.count > 1 {
            switch call.values[1] {
            case .null: return .null
            case .int(let number): places = number
            default: throw call.mismatch(1)
            }
        }
        guard (0...maximumRoundingPlaces).contains(places) else {
            throw EvaluationError(
                code: .invalidArgument,
                message: "'round' keeps 0 to \(maximumRoundingPlaces) decimal places, not \(places)",
                span: call.arguments[1].span)
        }
        switch call.values[0] {
        case .null: return .null
        case .int, .decimal:
            guard var number = call.values[0].numericValue else { throw call.mismatch(0) }
            var rounded = Decimal()
            NSDecimalRound(&rounded, &number, places, .plain)
            return .decimal(rounded)
        default: throw call.mismatch(0)
        }
    }

    static func dateOutOfRange(at span: SourceSpan) -> EvaluationError {
        EvaluationError(
            code: .dateOutOfRange, message: "the date falls outside the years 0001 to 9999", span: span)
    }
}

/// A function call whose arguments have been evaluated.
struct EvaluatedCall {
    let function: BuiltinFunction
    let values: [Value]
    let arguments: [Expression]
    let span: SourceSpan

    /// A type error for argument `index` (unchecked expressions only).
    func mismatch(_ index: Int) -> EvaluationError {
        Interpreter.mismatch(
            "the \(TypeChecker.ordinal(index)) argument of '\(function.name)' cannot be "
                + values[index].type.descriptionWithArticle + "; use " + function.signatureList,
            at: arguments[index].span)
    }
}
