import FormworkDiagnostics
import FormworkLanguage

/// Type-checks every condition against the names in scope where it is written: a field's conditions
/// see the fields asked before it (a later one is `field-asked-later`), `value` in its checks,
/// `submitter` and `customer`; form checks see every field; step conditions see the fields of every
/// form using the policy; stage exit conditions see the workflow's forms as records.
struct ConditionTypeRule: FormSetRule {
    var ids: [DiagnosticID] {
        ["field-asked-later", "unknown-name", "type-mismatch", "constant-condition", "unknown-function"]
    }

    static let submitter = RecordType(
        name: "submitter",
        ["id": .string, "name": .string, "region": .string, "roles": .list(.string), "manager": .string])
    static let customer = RecordType(name: "customer", ["id": .string, "stage": .string])

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let damaged = context.formSet.damagedNames
        for form in context.formSet.forms { out += check(form, damaged: damaged) }
        for policy in context.formSet.policies {
            for step in policy.steps {
                guard let when = step.when else { continue }
                let users = context.forms(using: policy.id.value)
                // A step condition must make sense for every form that uses the policy; report once.
                var reported = Set<String>()
                let names = when.expression?.referencedNames ?? []
                for form in users {
                    var env = Self.baseEnvironment(damaged: damaged)
                    for field in form.fields { declare(field, in: &env) }
                    let usesFields = form.fields.contains { names.contains($0.id.value.rawValue) }
                    for d in Self.typeCheck(when, in: env, expecting: .bool) where reported.insert(d.message).inserted {
                        var located = d
                        if users.count > 1 && usesFields {
                            located.notes.append(.init("while checking it for form '\(form.id.value)'"))
                        }
                        out.append(located)
                    }
                }
            }
        }
        for workflow in context.formSet.workflows {
            var env = TypeEnvironment()
            env.declare("customer", as: .record(Self.customer))
            for stage in workflow.stages {
                for entry in stage.forms {
                    guard let form = context.forms[entry.form.value] else { continue }
                    env.declare(form.id.value.rawValue, as: .record(Self.record(of: form)))
                }
            }
            for stage in workflow.stages {
                if let exit = stage.exitWhen { out += Self.typeCheck(exit, in: env, expecting: .bool) }
            }
        }
        return out
    }

    /// `submitter`, `customer`, and the names of definitions dropped for errors already reported
    /// (typed `any`, so that nothing more is said about them).
    static func baseEnvironment(damaged: Set<String> = []) -> TypeEnvironment {
        var env = TypeEnvironment()
        for name in damaged.sorted() { env.declare(name, as: .any) }
        env.declare("submitter", as: .record(submitter))
        env.declare("customer", as: .record(customer))
        return env
    }

    /// The record type of a form's answers, as seen from stage exit conditions.
    static func record(of form: Form) -> RecordType {
        RecordType(
            name: form.id.value.rawValue,
            fields: form.fields.compactMap { field in
                valueType(of: field).map { RecordType.Field(name: field.id.value.rawValue, type: $0) }
            })
    }

    static func valueType(of field: Field) -> ValueType? {
        let row = field.fields.compactMap { sub in
            sub.type.value.valueType().map { RecordType.Field(name: sub.id.value.rawValue, type: $0) }
        }
        return field.type.value.valueType(rowFields: row)
    }

    private func declare(_ field: Field, in env: inout TypeEnvironment) {
        if let type = Self.valueType(of: field) { env.declare(field.id.value.rawValue, as: type) }
    }

    private func check(_ form: Form, damaged: Set<String>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var env = Self.baseEnvironment(damaged: damaged)
        Self.declareAskedLater(form.fields, in: &env, what: "in the form")
        for section in form.sections {
            if let showIf = section.showIf { out += Self.typeCheck(showIf, in: env, expecting: .bool) }
            for field in section.fields {
                out += check(field, in: env, form: form)
                declare(field, in: &env)
            }
        }
        for check in form.checks {
            out += Self.typeCheck(check.rule, in: env, expecting: .bool)
        }
        return out
    }

    private func check(_ field: Field, in outer: TypeEnvironment, form: Form) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var env = outer
        if field.compute == nil, let type = Self.valueType(of: field) {
            env.declareUnavailable(
                field.id.value.rawValue, as: type,
                reason: "a field's own conditions cannot use its answer; use 'value' in its checks")
        }
        for condition in [field.showIf, field.requiredIf, field.readOnlyIf].compactMap({ $0 }) {
            out += Self.typeCheck(condition, in: env, expecting: .bool)
        }
        if let type = Self.valueType(of: field) {
            for expr in [field.compute, field.defaultExpr].compactMap({ $0 }) {
                out += Self.typeCheck(expr, in: env, expecting: type)
            }
            var checkEnv = env
            checkEnv.declare("value", as: type)
            for check in field.checks { out += Self.typeCheck(check.rule, in: checkEnv, expecting: .bool) }
        }
        if !field.fields.isEmpty {
            var rowEnv = env
            Self.declareAskedLater(field.fields, in: &rowEnv, what: "in each row of '\(field.id.value)'")
            for sub in field.fields {
                out += check(sub, in: rowEnv, form: form)
                declare(sub, in: &rowEnv)
            }
        }
        return out
    }

    /// Declares every field as not yet available ("asked later"), except computed fields, which are
    /// never asked and may be used anywhere; each is declared available once it has been asked.
    static func declareAskedLater(_ fields: [Field], in env: inout TypeEnvironment, what: String) {
        for (index, field) in fields.enumerated() {
            guard let type = valueType(of: field) else { continue }
            if field.compute != nil {
                env.declare(field.id.value.rawValue, as: type)
            } else {
                env.declareUnavailable(
                    field.id.value.rawValue, as: type,
                    reason: "'\(field.id.value)' is asked later \(what) (question \(index + 1))")
            }
        }
    }

    /// Runs the condition language's checker and places its findings in the file.
    static func typeCheck(_ condition: Condition, in env: TypeEnvironment, expecting: ValueType) -> [Diagnostic] {
        guard let expression = condition.expression else { return [] }
        let result = TypeChecker.check(expression, in: env, expecting: expecting)
        return result.diagnostics.map { issue in
            var diagnostic = NodeDecoder.diagnostic(for: issue, in: condition)
            if issue.id == "name-not-available" { diagnostic.id = "field-asked-later" }
            return diagnostic
        }
    }
}
