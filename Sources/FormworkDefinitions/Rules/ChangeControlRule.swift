import FormworkDiagnostics

/// Change control names a policy that exists and roles of the org; its policy never lets the author
/// sign their own proposal, and the form set does not define the ids change control reserves.
struct ChangeControlRule: FormSetRule {
    var ids: [DiagnosticID] { ["unknown-reference", "change-control-self-approval", "reserved-id"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let control = context.formSet.manifest.changeControl else { return [] }
        var out: [Diagnostic] = []
        if let policy = context.policies[control.policy.value] {
            if let flag = policy.selfApproval, flag.value {
                out.append(
                    .error(
                        "change-control-self-approval",
                        "policy '\(policy.id.value)' signs form-set changes and allows self-approval; the author of a change may never be its only approver",
                        at: flag.location,
                        notes: [.init("named by change control here", at: control.policy.location)]))
            }
        } else {
            out += context.unknown(control.policy, among: context.policies.keys, context: " in 'change_control'")
        }
        if context.org != nil {
            for role in control.proposedBy where !context.roles.contains(role.value) {
                out += context.unknown(role, among: context.roles, context: " in 'change_control'")
            }
        }
        if let form = context.formSet.forms.first(where: { $0.id.value == ChangeControl.formID }) {
            out.append(
                .error(
                    "reserved-id",
                    "the form id '\(ChangeControl.formID)' is reserved for change-control proposals; rename this form",
                    at: form.id.location))
        }
        if let workflow = context.formSet.workflows.first(where: { $0.id.value == ChangeControl.workflowID }) {
            out.append(
                .error(
                    "reserved-id",
                    "the workflow id '\(ChangeControl.workflowID)' is reserved for change control; rename this workflow",
                    at: workflow.id.location))
        }
        return out
    }
}
