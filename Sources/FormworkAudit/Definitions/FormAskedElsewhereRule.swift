import FormworkDefinitions
import FormworkDiagnostics

/// A form that asks nothing new: each of its questions is prefilled, computed, or asked in another
/// form too. It is a copy of other reports, filed for its own sake.
struct FormAskedElsewhereRule: DefinitionRule {
    var ids: [FindingID] { ["audit.too-many.form-asked-elsewhere"] }

    func findings(in context: AuditContext) -> [Finding] {
        let asked = AskedFields(context)
        var out: [Finding] = []
        for form in context.formSet.forms {
            let repeated = asked.repeated[form.id.value] ?? []
            var answered = 0
            var allElsewhere = true
            for field in form.fields where field.compute == nil && field.type.value != .note {
                answered += 1
                if field.prefill != nil || field.defaultExpr != nil || repeated.contains(field.id.value) { continue }
                allElsewhere = false
                break
            }
            guard allElsewhere, answered > 0 else { continue }
            let others = Set(
                asked.groups.flatMap { group in
                    group.contains { $0.form.id.value == form.id.value }
                        ? group.map(\.form.id.value.rawValue) : []
                }
            ).subtracting([form.id.value.rawValue]).sorted()
            let prefilled = form.fields.compactMap { $0.prefill?.value.form.rawValue }
            let sources = Array(Set(others + prefilled)).sorted()
            out.append(
                Finding(
                    "audit.too-many.form-asked-elsewhere", .warning,
                    "every question of '\(form.id.value)' is already asked or prefilled from another form, so it records nothing new",
                    suggestion:
                        "drop '\(form.id.value)' and read its answers from \(sources.map { "'\($0)'" }.joined(separator: ", ")), or move what it adds into one of them",
                    at: form.id.location, length: form.id.length, subject: Subject(form: form.id.value),
                    figures: [.int("questions", answered), .list("also_in", sources)]))
        }
        return out
    }
}
