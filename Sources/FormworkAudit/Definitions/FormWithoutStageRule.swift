import FormworkDefinitions
import FormworkDiagnostics

/// A form no stage offers: nobody is asked to fill it, yet it is kept, printed and maintained.
struct FormWithoutStageRule: DefinitionRule {
    var ids: [FindingID] { ["audit.too-many.form-without-stage"] }

    func findings(in context: AuditContext) -> [Finding] {
        context.formSet.forms.filter { context.entries[$0.id.value] == nil }.map { form in
            Finding(
                "audit.too-many.form-without-stage", .warning,
                "no stage of any workflow offers '\(form.id.value)', so it belongs to no step of the sales process",
                suggestion:
                    "delete the form, or add it to the stage whose work it records (under that stage's 'forms:')",
                at: form.id.location, length: form.id.length, subject: Subject(form: form.id.value))
        }
    }
}
