import FormworkDefinitions
import FormworkDiagnostics

/// Required fields with no hint: the rep must answer but is not told what a good answer is, or why
/// it is needed, so the answer is a guess or a placeholder. One finding per form.
struct RequiredWithoutHintRule: DefinitionRule {
    var ids: [FindingID] { ["audit.unsuitable.required-without-hint"] }

    func findings(in context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for form in context.formSet.forms {
            var missing: [(path: String, field: Field)] = []
            for field in form.fields {
                if Self.needsHint(field) { missing.append((field.id.value.rawValue, field)) }
                for row in field.fields where Self.needsHint(row) {
                    missing.append(("\(field.id.value).\(row.id.value)", row))
                }
            }
            guard let first = missing.first else { continue }
            let names = missing.map(\.path)
            out.append(
                Finding(
                    "audit.unsuitable.required-without-hint", .warning,
                    "\(names.count == 1 ? "1 field" : "\(names.count) fields") of '\(form.id.value)' must be answered but \(names.count == 1 ? "has" : "have") no hint saying what a good answer is or why it is needed: \(names.joined(separator: ", "))",
                    suggestion: "add a 'hint' to each, with an example answer and the decision it serves",
                    at: first.field.id.location, length: first.field.id.length,
                    subject: Subject(form: form.id.value, field: names.count == 1 ? names[0] : nil),
                    figures: [.list("fields", names)]))
        }
        return out
    }

    static func needsHint(_ field: Field) -> Bool {
        (field.isRequired || field.requiredIf != nil) && field.compute == nil && field.hint == nil
            && field.type.value != .note
    }
}
