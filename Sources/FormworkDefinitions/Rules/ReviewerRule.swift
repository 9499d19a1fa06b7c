import FormworkDiagnostics

/// Every report is read and signed with an opinion: each form names a policy, each policy requires
/// an opinion on approval, and self-approval is only ever a deliberate, visible choice.
struct ReviewerRule: FormSetRule {
    var ids: [DiagnosticID] { ["no-reviewer", "opinion-not-required", "self-approval-allowed", "unused-policy"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for form in context.formSet.forms where form.policy == nil {
            out.append(
                .error(
                    "no-reviewer",
                    "form '\(form.id.value)' names no approval 'policy', so nobody would read or sign its reports",
                    at: form.id.location, length: form.id.value.rawValue.unicodeScalars.count))
        }
        for policy in context.formSet.policies {
            if !policy.decisionsNeedingOpinion.contains(.approve) {
                out.append(
                    .warning(
                        "opinion-not-required",
                        "policy '\(policy.id.value)' lets a supervisor approve without an opinion; every report should carry one",
                        at: policy.opinionRequired?.location ?? policy.id.location))
            }
            if let allowed = policy.selfApproval, allowed.value {
                out.append(
                    .warning(
                        "self-approval-allowed",
                        "policy '\(policy.id.value)' lets people approve their own reports",
                        at: allowed.location))
            }
            if context.forms(using: policy.id.value).isEmpty {
                out.append(
                    .warning(
                        "unused-policy", "no form uses policy '\(policy.id.value)'",
                        at: policy.id.location, length: policy.id.value.rawValue.unicodeScalars.count))
            }
        }
        return out
    }
}
