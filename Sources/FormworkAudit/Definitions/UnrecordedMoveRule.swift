import FormworkDefinitions
import FormworkDiagnostics
import FormworkLanguage

/// A move from one stage to the next that no report of the stage records: the stage requires none of
/// its reports and its `exit_when` reads none of them, so customers move on with nothing written down.
struct UnrecordedMoveRule: DefinitionRule {
    var ids: [FindingID] { ["audit.too-few.unrecorded-move"] }

    func findings(in context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for workflow in context.formSet.workflows {
            for (index, stage) in workflow.stages.enumerated() {
                let isLast = index == workflow.stages.count - 1
                guard !stage.forms.isEmpty, !isLast || stage.next != nil else { continue }
                if stage.forms.contains(where: \.required) { continue }
                let own = Set(stage.forms.map(\.form.value.rawValue))
                let read = stage.exitWhen?.expression?.referencedNames ?? []
                if !own.isDisjoint(with: read) { continue }
                let target = stage.next?.value ?? workflow.stages[index + 1].id.value
                let forms = stage.forms.map { "'\($0.form.value)'" }.joined(separator: ", ")
                out.append(
                    Finding(
                        "audit.too-few.unrecorded-move", .warning,
                        "customers move from '\(stage.id.value)' to '\(target)' without any report recording why: the stage requires none of \(forms) and its exit condition reads none of them",
                        suggestion:
                            "make the report that shows the customer is ready required (drop 'required: false'), or base 'exit_when' on its answers",
                        at: (stage.exitWhen?.location ?? stage.id.location),
                        length: stage.exitWhen.map { max(1, $0.source.unicodeScalars.count) } ?? stage.id.length,
                        subject: Subject(workflow: workflow.id.value, stage: stage.id.value),
                        figures: [.text("to_stage", target.rawValue), .list("optional_forms", own.sorted())]))
            }
        }
        return out
    }
}
