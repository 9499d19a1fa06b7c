import FormworkDiagnostics

/// Every form belongs to some stage (a form nobody is asked to file is waste) and every stage asks
/// for at least one form (a stage nobody records is a gap in the process).
struct FormUsageRule: FormSetRule {
    var ids: [DiagnosticID] { ["unused-form", "empty-stage"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for form in context.formSet.forms where context.usage[form.id.value] == nil {
            out.append(
                .warning(
                    "unused-form",
                    "no stage of any workflow uses form '\(form.id.value)'; nobody will be asked to fill it",
                    at: form.id.location, length: form.id.value.rawValue.unicodeScalars.count))
        }
        for workflow in context.formSet.workflows {
            for stage in workflow.stages where stage.forms.isEmpty {
                out.append(
                    .warning(
                        "empty-stage",
                        "stage '\(stage.id.value)' asks for no report, so nothing records what happens in it",
                        at: stage.id.location, length: stage.id.value.rawValue.unicodeScalars.count))
            }
        }
        return out
    }
}
