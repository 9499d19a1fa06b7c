import FormworkDiagnostics
import FormworkLanguage

/// What a form refers to exists: its policy, choice lists, the form of a `report` field, and the
/// `form.field` a prefill reads (of the same type).
struct FormReferenceRule: FormSetRule {
    var ids: [DiagnosticID] { ["unknown-reference", "prefill-type-mismatch"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for form in context.formSet.forms {
            if let policy = form.policy, context.policies[policy.value] == nil {
                out += context.unknown(policy, among: context.policies.keys)
            }
            for field in form.fields.flatMap({ [$0] + $0.fields }) {
                out += check(field, in: form, context)
            }
        }
        return out
    }

    private func check(_ field: Field, in form: Form, _ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if case .list(let list) = field.choices, context.choiceLists[list.value] == nil {
            out += context.unknown(list, among: context.choiceLists.keys)
        }
        if let target = field.reportForm, context.forms[target.value] == nil {
            out += context.unknown(target, among: context.forms.keys)
        }
        guard let prefill = field.prefill else { return out }
        let path = prefill.value
        guard let source = context.forms[path.form] else {
            out += context.unknown(Located(path.form, at: prefill.location), among: context.forms.keys)
            return out
        }
        guard let sourceField = source.field(path.field) else {
            let hint = Suggestion.didYouMean(path.field.rawValue, in: source.fields.map(\.id.value.rawValue))
            out.append(
                .error(
                    "unknown-reference", "form '\(path.form)' has no field '\(path.field)'\(hint)",
                    at: prefill.location, length: path.description.unicodeScalars.count))
            return out
        }
        let mine = field.type.value.valueType()
        let theirs = sourceField.type.value.valueType()
        if mine != theirs {
            out.append(
                .error(
                    "prefill-type-mismatch",
                    "'\(field.id.value)' is a \(field.type.value.rawValue) field but is prefilled from '\(path)', a \(sourceField.type.value.rawValue) field",
                    at: prefill.location, length: path.description.unicodeScalars.count,
                    notes: [.init("'\(path)' is defined here", at: sourceField.id.location)]))
        }
        return out
    }
}
