import FormworkDefinitions
import FormworkLanguage

/// The working state of one validation: the names bound so far and what was found.
struct ValidationRun {
    let catalog: Catalog
    let context: AnswerValidator.Context
    /// Paths whose answer could not be parsed: not reported again as missing.
    let failed: Set<String>
    var bindings: [String: Value] = [:]
    var problems: [Problem] = []
    var warnings: [Problem] = []
    var dropped: [DroppedAnswer] = []
    var prefilled: [PrefilledAnswer] = []
    var defaulted: [String] = []

    init(catalog: Catalog, context: AnswerValidator.Context, failed: Set<String>) {
        self.catalog = catalog
        self.context = context
        self.failed = failed
    }

    /// Binds `name` to `value`, in place at `slot` (its index in `bindings`) when there is one.
    mutating func bind(_ name: String, at slot: [String: Value].Index?, to value: Value) {
        if let slot { bindings.values[slot] = value } else { bindings[name] = value }
    }

    private func evaluationContext(_ names: [String: Value]) -> EvaluationContext {
        EvaluationContext(bindings: names, today: context.today, now: context.now)
    }

    private mutating func error(
        _ path: String?, _ label: String?, _ order: @autoclosure () -> [Int], _ message: String
    ) {
        problems.append(Problem(order: order(), finding: FieldFinding(field: path, label: label, message: message)))
    }

    /// Evaluates a condition with the current bindings (or `names`); an evaluation failure is
    /// reported and counts as `fallback`.
    mutating func truth(
        _ condition: Condition, path: String?, order: @autoclosure () -> [Int], what: String,
        names: [String: Value]? = nil,
        fallback: Bool = true
    ) -> Bool {
        guard let expression = condition.expression else { return fallback }
        switch Evaluator.evaluateCondition(expression, in: evaluationContext(names ?? bindings)) {
        case .success(let result): return result
        case .failure(let failure):
            error(
                path, nil, order(),
                "the \(what) condition `\(condition.source)` could not be evaluated: \(failure.message)")
            return fallback
        }
    }

    private mutating func value(
        of condition: Condition, for field: Field, path: String, order: @autoclosure () -> [Int], what: String,
        names: [String: Value]
    ) -> Value {
        guard let expression = condition.expression else { return .null }
        switch Evaluator.evaluate(expression, in: evaluationContext(names)) {
        case .success(let value):
            switch AnswerParser(catalog: catalog).coerce(value, to: field) {
            case .success(let coerced): return coerced
            case .failure(let failure):
                error(
                    path, catalog.label(of: field), order(),
                    "the \(what) `\(condition.source)` gave \(value): \(failure.message)")
                return .null
            }
        case .failure(let failure):
            error(
                path, catalog.label(of: field), order(),
                "the \(what) `\(condition.source)` could not be evaluated: \(failure.message)")
            return .null
        }
    }

    /// Runs one field: visibility, computed value, prefill, default, read-only, required, limits and
    /// checks. Returns the field's final value (`.null` when it has none). `order` is made only for a finding:
    /// most fields have none. `prefillFrom` is the report a prefill is read from, when the form names one.
    mutating func process(
        _ plan: FieldPlan, path: String, order: @autoclosure () -> [Int], hiddenBy: String?, given: Value,
        topLevel: Bool,
        names: [String: Value]? = nil, prefillFrom: ReportID? = nil
    ) -> Value {
        guard plan.type != .note else { return .null }
        let label = plan.label
        let scope = names ?? bindings
        var hiddenReason = hiddenBy
        if hiddenReason == nil, let showIf = plan.field.showIf,
            !truth(showIf, path: path, order: order(), what: "show_if", names: scope)
        {
            hiddenReason = "hidden because its show_if `\(showIf.source)` is false"
        }
        if let hiddenReason {
            if plan.field.compute == nil && !given.isEmpty {
                // Dropped, but first held to the field's own limits (options, length, pattern, range, items), as its
                // type already is: a value no answer to the field could have is refused, as the schema refuses it.
                for message in limitProblems(with: given, of: plan) { error(path, label, order(), message) }
                dropped.append(DroppedAnswer(field: path, value: given, reason: hiddenReason))
            }
            return .null
        }
        if let compute = plan.field.compute {
            return value(of: compute, for: plan.field, path: path, order: order(), what: "computed value", names: scope)
        }
        let parseFailed = failed.contains(path)
        var value = given
        let readOnly = plan.field.readOnlyIf.map {
            truth($0, path: path, order: order(), what: "read_only_if", names: scope)
        }
        var offered: Value = .null
        var offeredFrom: PrefilledAnswer?
        if value.isEmpty || readOnly == true {
            if topLevel, let source = plan.field.prefill?.value, let found = context.prefill(source, prefillFrom),
                case .success(let coerced) = AnswerParser(catalog: catalog).coerce(found.value, to: plan.field),
                !coerced.isEmpty
            {
                offered = coerced
                offeredFrom = PrefilledAnswer(
                    field: plan.field.id.value, source: source.description, report: found.report)
            } else if let literal = plan.field.defaultValue?.value {
                offered = literal
            } else if let expression = plan.field.defaultExpr {
                offered = self.value(
                    of: expression, for: plan.field, path: path, order: order(), what: "default", names: scope)
            }
        }
        if readOnly == true, !value.isEmpty, !offered.isEmpty, !value.languageEquals(offered) {
            let source = offeredFrom.map { " it comes from \($0.source) of report \($0.report)" } ?? ""
            error(
                path, label, order(),
                "\(label) cannot be changed here (read-only while `\(plan.field.readOnlyIf?.source ?? "")`);\(source)")
        }
        if value.isEmpty && !parseFailed && !offered.isEmpty {
            value = offered
            if let offeredFrom { prefilled.append(offeredFrom) } else { defaulted.append(path) }
        }
        if plan.type == .group, case .list(let rows) = value {
            value = .list(processRows(rows, of: plan, path: path, order: order(), outer: scope))
        }
        if value.isEmpty {
            guard !parseFailed else { return .null }
            if plan.field.isRequired {
                error(path, label, order(), "\(label) is required")
            } else if let requiredIf = plan.field.requiredIf,
                truth(requiredIf, path: path, order: order(), what: "required_if", names: scope, fallback: false)
            {
                error(path, label, order(), "\(label) is required when `\(requiredIf.source)`")
            }
            return .null
        }
        let limits = limitProblems(with: value, of: plan)
        for message in limits { error(path, label, order(), message) }
        if limits.isEmpty && !plan.field.checks.isEmpty {
            var checkNames = scope
            checkNames["value"] = value
            for check in plan.field.checks {
                self.check(check, path: path, label: label, order: order(), bindings: checkNames)
            }
        }
        return value
    }

    private mutating func processRows(
        _ rows: [Value], of field: FieldPlan, path: String, order: @autoclosure () -> [Int], outer: [String: Value]
    ) -> [Value] {
        var result: [Value] = []
        for (rowIndex, row) in rows.enumerated() {
            guard case .record(let record) = row else { continue }
            var names = outer
            for member in record.fields { names[member.name] = member.value }
            var fields: [Record.Field] = []
            for (subIndex, sub) in field.rows.enumerated() {
                let name = sub.id
                let final = process(
                    sub, path: "\(path)[\(rowIndex + 1)].\(name)", order: order() + [rowIndex, subIndex], hiddenBy: nil,
                    given: record[name] ?? .null, topLevel: false, names: names)
                names[name] = final
                fields.append(Record.Field(name: name, value: final))
            }
            result.append(.record(Record(name: "row", fields: fields)))
        }
        return result
    }

    /// Runs one check; a false rule is an error or a warning with the check's message.
    mutating func check(
        _ check: Check, path: String?, label: String?, order: @autoclosure () -> [Int], bindings names: [String: Value]
    ) {
        guard let expression = check.rule.expression else { return }
        let message = catalog.text(check.message) ?? check.rule.source
        switch Evaluator.evaluateCondition(expression, in: evaluationContext(names)) {
        case .success(true): return
        case .success(false):
            let finding = Problem(order: order(), finding: FieldFinding(field: path, label: label, message: message))
            if check.severity == .warning { warnings.append(finding) } else { problems.append(finding) }
        case .failure(let failure):
            error(path, label, order(), "\(message) (the check `\(check.rule.source)` failed: \(failure.message))")
        }
    }
}
