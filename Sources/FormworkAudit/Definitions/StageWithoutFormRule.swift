import FormworkDefinitions
import FormworkDiagnostics

/// A funnel stage that asks for no report: nothing records what happens in it, so nobody can coach it.
struct StageWithoutFormRule: DefinitionRule {
    var ids: [FindingID] { ["audit.too-few.stage-without-form"] }

    func findings(in context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for workflow in context.formSet.workflows {
            for stage in workflow.stages where stage.forms.isEmpty {
                out.append(
                    Finding(
                        "audit.too-few.stage-without-form", .warning,
                        "stage '\(stage.id.value)' of '\(workflow.id.value)' asks for no report, so nothing records what reps do in it",
                        suggestion:
                            "add the report a supervisor would read to coach this step (under 'forms:' of the stage), or merge the stage into its neighbour",
                        at: stage.id.location, length: stage.id.length,
                        subject: Subject(workflow: workflow.id.value, stage: stage.id.value)))
            }
        }
        return out
    }
}
