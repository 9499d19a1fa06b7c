import FormworkDefinitions
import FormworkDiagnostics
import FormworkLanguage

/// The form set with the lookups every audit rule shares, built once per audit.
struct AuditContext: Sendable {
    let formSet: FormSet
    let options: AuditOptions
    let forms: [FormID: Form]
    let policies: [PolicyID: Policy]
    /// The stage entries that offer each form, in workflow and stage order.
    let entries: [FormID: [StageEntry]]
    /// Each form's place in the funnel: forms of earlier stages first, forms of no stage last.
    let funnelOrder: [FormID: Int]
    /// Fields that some rule, condition, prefill, routing or stage exit reads.
    let uses: Set<FieldKey>
    /// The weekly burden estimate (empty without an org).
    let burden: BurdenEstimate

    struct StageEntry: Sendable {
        let workflow: Workflow
        let stageIndex: Int
        let entry: StageForm

        var stage: Stage { workflow.stages[stageIndex] }
    }

    init(_ formSet: FormSet, options: AuditOptions) {
        self.formSet = formSet
        self.options = options
        forms = Dictionary(formSet.forms.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        policies = Dictionary(formSet.policies.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [FormID: [StageEntry]] = [:]
        var order: [FormID: Int] = [:]
        for workflow in formSet.workflows {
            for (index, stage) in workflow.stages.enumerated() {
                for entry in stage.forms {
                    entries[entry.form.value, default: []].append(
                        StageEntry(workflow: workflow, stageIndex: index, entry: entry))
                    if order[entry.form.value] == nil { order[entry.form.value] = order.count }
                }
            }
        }
        for form in formSet.forms where order[form.id.value] == nil { order[form.id.value] = order.count }
        self.entries = entries
        funnelOrder = order
        uses = Self.fieldUses(formSet, forms: forms)
        burden = BurdenEstimate(formSet, options: options, entries: entries)
    }

    /// The forms in funnel order.
    var formsInFunnelOrder: [Form] {
        formSet.forms.sorted { (funnelOrder[$0.id.value] ?? 0) < (funnelOrder[$1.id.value] ?? 0) }
    }

    /// The form's title in the manifest's default locale.
    func title(of form: Form) -> String { form.title.text(in: formSet.manifest.defaultLocale) }

    // MARK: - What reads each field

    private static func fieldUses(_ formSet: FormSet, forms: [FormID: Form]) -> Set<FieldKey> {
        var used = Set<FieldKey>()
        for form in formSet.forms {
            let id = form.id.value
            let names = Set(form.fields.map(\.id.value.rawValue))
            func mark(_ condition: Condition?) {
                guard let expression = condition?.expression else { return }
                for name in expression.referencedNames where names.contains(name) {
                    used.insert(FieldKey(form: id, field: FieldID(name)))
                }
            }
            func visit(_ field: Field) {
                for condition in [field.showIf, field.requiredIf, field.readOnlyIf, field.compute, field.defaultExpr] {
                    mark(condition)
                }
                for check in field.checks { mark(check.rule) }
                if !field.checks.isEmpty { used.insert(FieldKey(form: id, field: field.id.value)) }
                if let prefill = field.prefill?.value {
                    used.insert(FieldKey(form: prefill.form, field: prefill.field))
                }
                for row in field.fields { visit(row) }
            }
            for section in form.sections { mark(section.showIf) }
            for field in form.fields { visit(field) }
            for check in form.checks { mark(check.rule) }
        }
        for policy in formSet.policies {
            let users = formSet.forms.filter { $0.policy?.value == policy.id.value }
            for form in users {
                for material in policy.material { used.insert(FieldKey(form: form.id.value, field: material.value)) }
                for step in policy.steps {
                    for name in step.when?.expression?.referencedNames ?? [] {
                        used.insert(FieldKey(form: form.id.value, field: FieldID(name)))
                    }
                }
            }
        }
        for workflow in formSet.workflows {
            for stage in workflow.stages {
                for reference in stage.exitWhen?.expression?.references ?? [] {
                    guard forms[FormID(reference.name)] != nil, let member = reference.memberPath.first else {
                        continue
                    }
                    used.insert(FieldKey(form: FormID(reference.name), field: FieldID(member)))
                }
            }
        }
        return used
    }
}
