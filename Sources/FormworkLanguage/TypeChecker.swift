/// Checks an expression's types against the names in scope, before the expression is ever evaluated.
///
/// Every problem is collected as a diagnostic. After an error the offending node gets the type `any`,
/// which every operator accepts silently, so that one mistake is reported once.
public struct TypeChecker: Sendable {
    /// Checks `expression` in `environment`.
    ///
    /// When `expected` is given, the expression's type must fit it (`.bool` for conditions, a field's type
    /// for computed values and defaults). A condition (`expected == .bool`) that uses no names and neither
    /// `today()` nor `now()` gets the warning `constant-condition`.
    public static func check(
        _ expression: Expression, in environment: TypeEnvironment, expecting expected: ValueType? = nil
    ) -> CheckResult {
        var checker = TypeChecker(environment: environment)
        let type = checker.type(of: expression)
        if let expected {
            checker.checkExpected(expected, found: type, for: expression)
            if expected == .bool, !checker.hasErrors { checker.checkConstant(expression) }
        }
        return CheckResult(type: type, diagnostics: checker.diagnostics, references: expression.references)
    }

    let environment: TypeEnvironment
    var diagnostics: [ExpressionDiagnostic] = []
    private var depth = 0
    private var reportedDepth = false

    private init(environment: TypeEnvironment) {
        self.environment = environment
    }

    var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }

    /// Records an error and returns `any`, the type of a node that has an error.
    @discardableResult
    mutating func error(_ id: String, _ message: String, at span: SourceSpan, notes: [String] = []) -> ValueType {
        diagnostics.append(.error(id, message, at: span, notes: notes))
        return .any
    }

    mutating func warning(_ id: String, _ message: String, at span: SourceSpan, notes: [String] = []) {
        diagnostics.append(.warning(id, message, at: span, notes: notes))
    }

    /// The type of `expression`, reporting problems on the way.
    mutating func type(of expression: Expression) -> ValueType {
        depth += 1
        defer { depth -= 1 }
        if depth > Evaluator.maximumDepth {
            if !reportedDepth {
                error(ExpressionDiagnosticID.tooDeep, "the expression is nested too deeply", at: expression.span)
                reportedDepth = true
            }
            return .any
        }
        switch expression {
        case .literal(let literal, _):
            return literal.type
        case .name(let name, let span):
            return nameType(name, at: span)
        case .member(let base, let name, let span):
            let baseType = type(of: base)
            let nameSpan = SourceSpan(start: max(span.start, span.end - name.unicodeScalars.count), end: span.end)
            return memberType(of: baseType, base: base, name: name, at: nameSpan)
        case .unary(let op, let operand, _):
            return unaryType(op, operand, type(of: operand), in: expression)
        case .binary(let op, let left, let right, _):
            let leftType = type(of: left)
            let rightType = type(of: right)
            return binaryType(op, left, leftType, right, rightType, in: expression)
        case .conditional(let condition, let then, let otherwise, _):
            return conditionalType(condition, then, otherwise)
        case .call(let name, let arguments, let span):
            let argumentTypes = arguments.map { type(of: $0) }
            return callType(name, arguments, argumentTypes, at: span)
        case .list(let elements, _):
            return listType(elements)
        }
    }

    private mutating func nameType(_ name: String, at span: SourceSpan) -> ValueType {
        if let binding = environment.binding(for: name) {
            if let reason = binding.unavailableReason {
                error(ExpressionDiagnosticID.nameNotAvailable, "'\(name)' cannot be used here: \(reason)", at: span)
            }
            return binding.type
        }
        var candidates = environment.names
        candidates += ["true", "false", "null"]
        var message = "unknown name '\(name)'"
        var notes: [String] = []
        let yes = ["yes", "y", "on", "True", "TRUE"]
        let no = ["no", "n", "off", "False", "FALSE"]
        if let function = BuiltinFunction(rawValue: name) {
            message += "; '\(name)' is a function: write \(function.callExample)"
        } else if yes.contains(name) || no.contains(name) {
            message += "; did you mean '\(yes.contains(name) ? "true" : "false")'?"
        } else if let suggestion = NameSuggestion.closest(to: name, among: candidates) {
            message += "; did you mean '\(suggestion)'?"
        } else if !environment.names.isEmpty {
            let shown = environment.names.prefix(12).joined(separator: ", ")
            notes.append("names available here: \(shown)\(environment.names.count > 12 ? ", ..." : "")")
        } else {
            notes.append("no names are available here")
        }
        return error(ExpressionDiagnosticID.unknownName, message, at: span, notes: notes)
    }

    private mutating func memberType(
        of baseType: ValueType, base: Expression, name: String, at span: SourceSpan
    )
        -> ValueType
    {
        switch baseType {
        case .any:
            return .any
        case .record(let record):
            if let fieldType = record.type(of: name) { return fieldType }
            return unknownField(name, in: record, base: base, rows: false, at: span)
        case .list(let element):
            switch element {
            case .any: return .list(.any)
            case .record(let record):
                if let fieldType = record.type(of: name) { return .list(fieldType) }
                return unknownField(name, in: record, base: base, rows: true, at: span)
            case .list:
                let projected = memberType(of: element, base: base, name: name, at: span)
                return projected == .any ? .any : .list(projected)
            default:
                break
            }
        default:
            break
        }
        return error(
            ExpressionDiagnosticID.typeMismatch,
            "\(TypeChecker.subject(base, baseType)), which has no fields; only records such as a form or a repeat "
                + "group's rows have fields like '.\(name)'",
            at: span)
    }

    private mutating func unknownField(
        _ name: String, in record: RecordType, base: Expression, rows: Bool, at span: SourceSpan
    ) -> ValueType {
        let owner = rows ? "the rows of \(TypeChecker.source(base))" : TypeChecker.source(base)
        var message = "\(owner) have no field '\(name)'"
        if !rows { message = "\(owner) has no field '\(name)'" }
        var notes: [String] = []
        if let suggestion = NameSuggestion.closest(to: name, among: record.fieldNames) {
            message += "; did you mean '\(suggestion)'?"
        } else if !record.fields.isEmpty {
            notes.append("its fields are: " + record.fieldNames.joined(separator: ", "))
        }
        return error(ExpressionDiagnosticID.unknownField, message, at: span, notes: notes)
    }

    private mutating func conditionalType(
        _ condition: Expression, _ then: Expression, _ otherwise: Expression
    )
        -> ValueType
    {
        let conditionType = type(of: condition)
        requireBoolean(conditionType, condition, role: "the condition before '?'")
        let thenType = type(of: then)
        let otherwiseType = type(of: otherwise)
        if let unified = thenType.unified(with: otherwiseType) { return unified }
        return error(
            ExpressionDiagnosticID.typeMismatch,
            "the two results of '? :' must be of the same type, but \(TypeChecker.source(then)) is "
                + "\(thenType.descriptionWithArticle) and \(TypeChecker.source(otherwise)) is "
                + otherwiseType.descriptionWithArticle,
            at: then.span.union(otherwise.span))
    }

    private mutating func listType(_ elements: [Expression]) -> ValueType {
        var elementType: ValueType?
        var first: (Expression, ValueType)?
        var failed = false
        for element in elements {
            let current = type(of: element)
            let unified: ValueType? = if let elementType { elementType.unified(with: current) } else { current }
            guard let unified else {
                if !failed, let (firstElement, firstType) = first {
                    error(
                        ExpressionDiagnosticID.typeMismatch,
                        "all elements of a list must be of one type, but \(TypeChecker.source(firstElement)) is "
                            + "\(firstType.descriptionWithArticle) and \(TypeChecker.subject(element, current))",
                        at: element.span)
                }
                failed = true
                continue
            }
            elementType = unified
            if first == nil, current != .null { first = (element, current) }
        }
        return .list(failed ? .any : elementType ?? .any)
    }

    /// Reports an error unless `type` can stand where true or false is needed (null counts as false).
    mutating func requireBoolean(_ type: ValueType, _ expression: Expression, role: String) {
        guard type != .bool, type != .null, type != .any else { return }
        error(
            ExpressionDiagnosticID.typeMismatch,
            "\(role) must be true or false, but \(TypeChecker.subject(expression, type))",
            at: expression.span, notes: TypeChecker.booleanHint(for: expression, type))
    }

    /// Checks the whole expression's type against what its place in the definition requires.
    private mutating func checkExpected(_ expected: ValueType, found: ValueType, for expression: Expression) {
        if expected == .bool {
            requireBoolean(found, expression, role: "a condition")
            return
        }
        guard !found.isAssignable(to: expected) else { return }
        error(
            ExpressionDiagnosticID.typeMismatch,
            "this expression must give \(expected.descriptionWithArticle), but "
                + TypeChecker.subject(expression, found),
            at: expression.span)
    }

    /// Warns about a condition whose value cannot change, and names the value it always has.
    private mutating func checkConstant(_ expression: Expression) {
        guard expression.references.isEmpty, !expression.dependsOnTime else { return }
        let context = EvaluationContext(
            bindings: [:], today: LocalDate.minimum, now: Timestamp(secondsSinceEpoch: 0))
        switch Evaluator.evaluate(expression, in: context) {
        case .success(let value):
            let always = value == .bool(true) ? "true" : "false"
            warning(
                ExpressionDiagnosticID.constantCondition,
                "this condition is always \(always): it does not depend on any answer or on the date",
                at: expression.span)
        case .failure(let failure):
            error(
                ExpressionDiagnosticID.constantCondition,
                "this condition always fails when it is evaluated: \(failure.message)", at: failure.span)
        }
    }
}
