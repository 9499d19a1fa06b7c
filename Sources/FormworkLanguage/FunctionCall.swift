/// One call being type checked: the function, its arguments with their types, and the problems found.
struct FunctionCall {
    let function: BuiltinFunction
    let arguments: [Expression]
    let types: [ValueType]
    var diagnostics: [ExpressionDiagnostic] = []

    init(function: BuiltinFunction, arguments: [Expression], types: [ValueType]) {
        self.function = function
        self.arguments = arguments
        self.types = types
    }

    /// Reports that argument `index` is not `expected` (in words).
    mutating func argumentError(_ index: Int, _ expected: String) {
        let message =
            "the \(TypeChecker.ordinal(index)) argument of '\(function.name)' must be \(expected), but "
            + TypeChecker.subject(arguments[index], types[index])
        diagnostics.append(
            .error(
                ExpressionDiagnosticID.typeMismatch, message, at: arguments[index].span,
                notes: ["use " + function.signatureList]))
    }

    /// Checks that argument `index` satisfies `accepts`; reports and returns `false` otherwise.
    @discardableResult
    mutating func require(_ index: Int, _ expected: String, _ accepts: KeyPath<ValueType, Bool>) -> Bool {
        guard index < types.count else { return false }
        if types[index][keyPath: accepts] { return true }
        argumentError(index, expected)
        return false
    }

    /// Checks that argument `index` is a literal text holding a valid regular expression.
    mutating func requirePattern(_ index: Int) {
        guard case .literal(.string(let pattern), let span) = arguments[index] else {
            if types[index].isTextLike {
                literalRequired(index, "the pattern", example: "matches(code, '^[A-Z]{3}$')")
            } else {
                argumentError(index, "a pattern written as text in quotes")
            }
            return
        }
        if case .failure(let failure) = LinearPattern.compile(pattern) {
            diagnostics.append(
                .error(
                    ExpressionDiagnosticID.invalidRegex,
                    "\(TextLiteral.quoted(Token.shortened(pattern))) \(failure.message)", at: span))
            return
        }
        if let problem = PatternSafety.nestedRepetition(in: pattern) {
            diagnostics.append(
                .error(
                    ExpressionDiagnosticID.invalidRegex,
                    "\(TextLiteral.quoted(Token.shortened(pattern))) can take exponential time to match: \(problem)",
                    at: span, notes: ["repeat the group's content once, e.g. ([0-9]+)+ is [0-9]+"]))
        }
    }

    /// Checks that argument `index` is a literal text holding a valid date (for `date`) or date-time.
    mutating func requireDateLiteral(_ index: Int) {
        let isDate = function == .date
        guard case .literal(.string(let text), let span) = arguments[index] else {
            let example = isDate ? "date('2026-01-31')" : "datetime('2026-01-31T09:30:00+08:00')"
            if types[index].isTextLike {
                literalRequired(index, isDate ? "the date" : "the date and time", example: example)
            } else {
                argumentError(index, "text in quotes, e.g. \(example)")
            }
            return
        }
        if isDate, LocalDate(text) == nil {
            diagnostics.append(
                .error(ExpressionDiagnosticID.invalidDate, FunctionCall.dateProblem(text), at: span))
        } else if !isDate, Timestamp(text) == nil {
            let message =
                "\(TextLiteral.quoted(Token.shortened(text))) is not a valid date and time; write it as "
                + "YYYY-MM-DDTHH:MM:SS followed by Z or an offset such as +08:00"
            diagnostics.append(.error(ExpressionDiagnosticID.invalidDate, message, at: span))
        }
    }

    private mutating func literalRequired(_ index: Int, _ what: String, example: String) {
        let message =
            "\(what) given to '\(function.name)' must be written as text in quotes, so that it can be "
            + "checked before the form is used, e.g. \(example)"
        diagnostics.append(.error(ExpressionDiagnosticID.literalRequired, message, at: arguments[index].span))
    }

    /// The type all arguments fit into, or `nil` after reporting the first argument that does not fit.
    mutating func unifiedArguments(describing problem: String) -> ValueType? {
        guard var unified = types.first else { return nil }
        for (index, type) in types.enumerated().dropFirst() {
            guard let next = unified.unified(with: type) else {
                let message =
                    "\(problem), but \(TypeChecker.subject(arguments[0], types[0])) and "
                    + TypeChecker.subject(arguments[index], type)
                diagnostics.append(.error(ExpressionDiagnosticID.typeMismatch, message, at: arguments[index].span))
                return nil
            }
            unified = next
        }
        return unified
    }

    /// Explains why `text` is not a date: wrong shape, or a day that does not exist.
    static func dateProblem(_ text: String) -> String {
        let quoted = TextLiteral.quoted(Token.shortened(text))
        let scalars = Array(text.unicodeScalars)
        if scalars.count == 10, scalars[4] == "-", scalars[7] == "-",
            let year = CivilCalendar.number(scalars[0..<4]), let month = CivilCalendar.number(scalars[5..<7]),
            let day = CivilCalendar.number(scalars[8..<10])
        {
            if !(1...12).contains(month) { return "\(quoted) is not a valid date: there is no month \(month)" }
            if year == 0 { return "\(quoted) is not a valid date: years start at 0001" }
            let days = LocalDate.numberOfDays(inMonth: month, year: year)
            return "\(quoted) is not a valid date: month \(month) of \(year) has \(days) days, not \(day)"
        }
        return "\(quoted) is not a valid date; write it as YYYY-MM-DD, e.g. '2026-01-31'"
    }
}

extension ValueType {
    var isTextLike: Bool { self == .string || self == .null || self == .any }
    var isListLike: Bool { elementType != nil || self == .null || self == .any }
    var isTextOrListLike: Bool { isTextLike || isListLike }
    var isNumberLike: Bool { isNumeric || self == .null || self == .any }
    var isIntegerLike: Bool { self == .int || self == .null || self == .any }
    var isDateOrDatetime: Bool { self == .date || self == .datetime }
    var isDateLike: Bool { isDateOrDatetime || self == .null || self == .any }
    var isNumberListLike: Bool {
        guard let element = elementType else { return self == .null || self == .any }
        return element.isNumberLike
    }
}
