import FormworkDiagnostics
import FormworkLanguage

/// Every stage can be reached from the first: through `next` (or the following stage by default),
/// from a stage that has a way out (an exit condition that is not always false).
struct UnreachableStageRule: FormSetRule {
    var ids: [DiagnosticID] { ["unreachable-stage", "stage-without-exit"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for workflow in context.formSet.workflows {
            let stages = workflow.stages
            guard let first = stages.first else { continue }
            let known = Set(stages.map(\.id.value))
            // An unknown `next` is reported by WorkflowReferenceRule; reachability is then unknown.
            if stages.contains(where: { $0.next.map { !known.contains($0.value) } ?? false }) { continue }
            var successors: [StageID: StageID] = [:]
            for (index, stage) in stages.enumerated() {
                let isLast = index == stages.count - 1
                if stage.exitWhen == nil && (!isLast || stage.next != nil) {
                    // Reported here once; for reachability it passes on as if it had an exit.
                    out.append(
                        .warning(
                            "stage-without-exit",
                            "stage '\(stage.id.value)' has no 'exit_when', so customers never leave it",
                            at: stage.id.location, length: stage.id.value.rawValue.unicodeScalars.count))
                }
                if let exit = stage.exitWhen?.expression, case .literal(.bool(false), _) = exit { continue }
                if let next = stage.next?.value {
                    successors[stage.id.value] = next
                } else if !isLast {
                    successors[stage.id.value] = stages[index + 1].id.value
                }
            }
            var reached: Set<StageID> = [first.id.value]
            var current = first.id.value
            while let next = successors[current], reached.insert(next).inserted { current = next }
            for stage in stages where !reached.contains(stage.id.value) {
                out.append(
                    .warning(
                        "unreachable-stage", "no path through the funnel reaches stage '\(stage.id.value)'",
                        at: stage.id.location, length: stage.id.value.rawValue.unicodeScalars.count))
            }
        }
        return out
    }
}
