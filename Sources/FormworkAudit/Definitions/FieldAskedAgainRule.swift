import FormworkDefinitions
import FormworkDiagnostics

/// A question asked in several forms instead of being prefilled from the first answer: the rep types
/// the same fact two, three or five times, and the copies drift apart. One finding per question,
/// at its first again, naming every form that asks it.
struct FieldAskedAgainRule: DefinitionRule {
    var ids: [FindingID] { ["audit.too-many.field-asked-again"] }

    func findings(in context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for group in AskedFields(context).groups {
            guard let first = group.first,
                let again = group.dropFirst().first(where: { $0.form.id.value != first.form.id.value })
            else { continue }
            var forms: [String] = []
            for item in group where !forms.contains(item.form.id.value.rawValue) {
                forms.append(item.form.id.value.rawValue)
            }
            let source = "\(first.form.id.value).\(first.field.id.value)"
            let sameType = group.allSatisfy { $0.field.type.value == first.field.type.value }
            let suggestion =
                sameType
                ? "ask it once, in the \(context.title(of: first.form).lowercased()), and prefill it everywhere else ('prefill: \(source)')"
                : "ask it once, in '\(first.form.id.value)', and show or prefill that answer in the other forms"
            var related: [Diagnostic.Note] = [
                .init("first asked here, in '\(first.form.id.value)'", at: first.field.id.location)
            ]
            for item in group.dropFirst() where item.field.id.location != again.field.id.location {
                related.append(.init("asked again here, in '\(item.form.id.value)'", at: item.field.id.location))
            }
            let name = first.field.id.value
            let label = first.field.label?.text(in: context.formSet.manifest.defaultLocale) ?? name.rawValue
            out.append(
                Finding(
                    "audit.too-many.field-asked-again", .warning,
                    "'\(label)' is asked in \(forms.count) forms (\(forms.joined(separator: ", "))) instead of once and prefilled",
                    suggestion: suggestion, at: again.field.id.location, length: again.field.id.length,
                    subject: Subject(form: again.form.id.value, field: again.field.id.value.rawValue),
                    figures: [.int("times_asked", forms.count), .list("asked_in", forms), .text("first", source)],
                    related: related))
        }
        return out
    }
}
