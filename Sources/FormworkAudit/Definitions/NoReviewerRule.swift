import FormworkDefinitions
import FormworkDiagnostics

/// Every report carries a supervisor's signature and opinion: a form with no policy is read by nobody,
/// a policy whose every step has a condition lets some reports through unsigned, and a policy that
/// does not want an opinion on approval lets supervisors sign without reading.
struct NoReviewerRule: DefinitionRule {
    var ids: [FindingID] { ["audit.too-few.no-reviewer", "audit.too-few.no-opinion"] }

    func findings(in context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        var reported = Set<PolicyID>()
        for form in context.formSet.forms {
            let subject = Subject(form: form.id.value, policy: form.policy?.value)
            guard let reference = form.policy, let policy = context.policies[reference.value] else {
                out.append(
                    Finding(
                        "audit.too-few.no-reviewer", .error,
                        "nobody reviews '\(form.id.value)': it names no approval policy that exists, so its reports carry no signature or opinion",
                        suggestion: "give the form a 'policy:' whose first step is the rep's manager ('manager: 1')",
                        at: form.policy?.location ?? form.id.location,
                        length: form.policy?.length ?? form.id.length, subject: subject))
                continue
            }
            guard reported.insert(policy.id.value).inserted else { continue }
            if !policy.steps.isEmpty, policy.steps.allSatisfy({ $0.when != nil }) {
                let users = context.formSet.forms.filter { $0.policy?.value == policy.id.value }.map(
                    \.id.value.rawValue)
                out.append(
                    Finding(
                        "audit.too-few.no-reviewer", .warning,
                        "every step of policy '\(policy.id.value)' has a 'when' condition, so a report for which all are false is approved with nobody reading it",
                        suggestion:
                            "make the first step unconditional (remove its 'when'), so that a supervisor signs every report",
                        at: policy.id.location, length: policy.id.length,
                        subject: Subject(policy: policy.id.value), figures: [.list("forms", users)]))
            }
            if !policy.decisionsNeedingOpinion.contains(.approve) {
                out.append(
                    Finding(
                        "audit.too-few.no-opinion", .warning,
                        "policy '\(policy.id.value)' lets a supervisor approve without an opinion, so a signature need not show the report was read",
                        suggestion:
                            "add 'approve' to 'opinion_required' (or remove the key: all decisions then need one)",
                        at: policy.opinionRequired?.location ?? policy.id.location, length: policy.id.length,
                        subject: Subject(policy: policy.id.value)))
            }
        }
        return out
    }
}
