import FormworkDefinitions
import FormworkDiagnostics

/// Required fields that nothing reads: no check, no condition, no routing rule or material field,
/// no stage exit and no later form's prefill. "Which decision fails if it is blank?" Required fields
/// nobody needs breed placeholder answers. One note per form (a person may need them: then say so
/// in their hints).
struct UnusedRequiredFieldRule: DefinitionRule {
    var ids: [FindingID] { ["audit.too-many.unused-required-field"] }

    func findings(in context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for form in context.formSet.forms {
            let unused = form.fields.filter { field in
                field.isRequired && field.compute == nil && ![.note, .report, .customer].contains(field.type.value)
                    && !context.uses.contains(FieldKey(form: form.id.value, field: field.id.value))
            }
            guard let first = unused.first else { continue }
            let names = unused.map(\.id.value.rawValue)
            let counted = names.count == 1 ? "1 required field" : "\(names.count) required fields"
            out.append(
                Finding(
                    "audit.too-many.unused-required-field", .note,
                    "\(counted) of '\(form.id.value)' (\(names.joined(separator: ", "))) \(names.count == 1 ? "is" : "are") read by no check, condition, routing rule, stage exit or later form",
                    suggestion:
                        "for each, ask which decision fails when it is blank: if none, make it optional; if a person needs it, say why in its 'hint'",
                    at: first.id.location, length: first.id.length, subject: Subject(form: form.id.value),
                    figures: [.list("fields", names), .int("required", form.fields.count(where: \.isRequired))]))
        }
        return out
    }
}
