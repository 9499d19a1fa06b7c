import FormworkDiagnostics

/// A workflow's stages name known forms, roles and stages, and every gate can open: a form gated
/// `after` another needs that form offered in the same or an earlier stage.
struct WorkflowReferenceRule: FormSetRule {
    var ids: [DiagnosticID] { ["unknown-reference", "gate-never-opens", "duplicate-form-in-workflow"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for workflow in context.formSet.workflows {
            let stages = Set(workflow.stages.map(\.id.value))
            var offered: [FormID: Located<FormID>] = [:]
            for role in workflow.filledBy { out += checkRole(role, context) }
            for stage in workflow.stages {
                let here = Set(stage.forms.map(\.form.value))
                for entry in stage.forms {
                    if context.forms[entry.form.value] == nil {
                        out += context.unknown(entry.form, among: context.forms.keys)
                    }
                    if let first = offered[entry.form.value] {
                        out.append(
                            .warning(
                                "duplicate-form-in-workflow",
                                "'\(entry.form.value)' is already offered by an earlier stage of this workflow",
                                at: entry.form.location, notes: [.init("first offered here", at: first.location)]))
                    }
                    for role in entry.filledBy ?? [] { out += checkRole(role, context) }
                    for gate in entry.after {
                        if context.forms[gate.value] == nil {
                            out += context.unknown(gate, among: context.forms.keys)
                        } else if gate.value == entry.form.value {
                            out.append(
                                .error("gate-never-opens", "'\(gate.value)' cannot wait for itself", at: gate.location))
                        } else if offered[gate.value] == nil && !here.contains(gate.value) {
                            out.append(
                                .error(
                                    "gate-never-opens",
                                    "'\(entry.form.value)' waits for an approved '\(gate.value)', but no earlier stage of '\(workflow.id.value)' offers '\(gate.value)'",
                                    at: gate.location, length: gate.value.rawValue.unicodeScalars.count))
                        }
                    }
                }
                for entry in stage.forms where offered[entry.form.value] == nil {
                    offered[entry.form.value] = entry.form
                }
                if let next = stage.next, !stages.contains(next.value) {
                    out += context.unknown(next, among: stages)
                }
            }
        }
        return out
    }

    private func checkRole(_ role: Located<RoleID>, _ context: RuleContext) -> [Diagnostic] {
        guard context.org != nil, !context.roles.contains(role.value) else { return [] }
        return context.unknown(role, among: context.roles)
    }
}
