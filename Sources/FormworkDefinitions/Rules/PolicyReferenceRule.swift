import FormworkDiagnostics

/// A policy's material fields exist in every form that uses it, and its approver sources name known
/// roles, regions and people (checked only when the form set has an org).
struct PolicyReferenceRule: FormSetRule {
    var ids: [DiagnosticID] { ["unknown-reference", "inactive-approver"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for policy in context.formSet.policies {
            for form in context.forms(using: policy.id.value) {
                for field in policy.material where form.field(field.value) == nil {
                    let hint = Suggestion.didYouMean(field.value.rawValue, in: form.fields.map(\.id.value.rawValue))
                    out.append(
                        .error(
                            "unknown-reference",
                            "material field '\(field.value)' is not a field of form '\(form.id.value)', which uses this policy\(hint)",
                            at: field.location, length: field.value.rawValue.unicodeScalars.count))
                }
            }
            guard context.org != nil else { continue }
            for step in policy.steps {
                for source in step.approvers + step.fallback + (step.sla?.escalateTo ?? []) {
                    out += check(source, context)
                }
            }
        }
        return out
    }

    private func check(_ source: ApproverSource, _ context: RuleContext) -> [Diagnostic] {
        switch source.kind {
        case .manager: return []
        case .role(let role, let scope):
            var out: [Diagnostic] = []
            if !context.roles.contains(role.value) { out.append(context.unknown(role, among: context.roles)) }
            if case .region(let region) = scope, !context.regions.contains(region.value) {
                out.append(context.unknown(region, among: context.regions))
            }
            return out
        case .person(let person):
            guard let found = context.people[person.value] else {
                return [context.unknown(person, among: context.people.keys)]
            }
            if !found.active {
                return [
                    .warning(
                        "inactive-approver", "'\(person.value)' is inactive and will never sign",
                        at: person.location)
                ]
            }
            return []
        }
    }
}
