import FormworkDefinitions
import FormworkDiagnostics

/// A workflow that records few steps of the sales process. The classic B2B funnel has six steps and
/// seven reports; a funnel with far fewer usually means steps nobody writes down (a note, since other
/// industries have other funnels).
struct ShortFunnelRule: DefinitionRule {
    var ids: [FindingID] { ["audit.too-few.short-funnel"] }

    func findings(in context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for workflow in context.formSet.workflows {
            var forms: [String] = []
            for stage in workflow.stages {
                for entry in stage.forms where !forms.contains(entry.form.value.rawValue) {
                    forms.append(entry.form.value.rawValue)
                }
            }
            guard forms.count < context.options.shortFunnelForms else { continue }
            out.append(
                Finding(
                    "audit.too-few.short-funnel", .note,
                    "'\(workflow.id.value)' records \(workflow.stages.count) stage\(workflow.stages.count == 1 ? "" : "s") with \(forms.count) form\(forms.count == 1 ? "" : "s"); the classic B2B funnel has six steps and seven reports",
                    suggestion:
                        "walk through your sales process step by step (find, qualify, visit, follow up, close, serve) and add a stage and a short report for each step you coach",
                    at: workflow.id.location, length: workflow.id.length, subject: Subject(workflow: workflow.id.value),
                    figures: [
                        .int("stages", workflow.stages.count), .int("forms", forms.count),
                        .int("b2b_forms", context.options.shortFunnelForms),
                    ]))
        }
        return out
    }
}
