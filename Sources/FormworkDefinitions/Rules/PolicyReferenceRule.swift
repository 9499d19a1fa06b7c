import FormworkDiagnostics

/// A policy's material fields exist in every form that uses it, and its approver sources name known
/// roles, regions and people (checked only when the form set has an org).
struct PolicyReferenceRule: FormSetRule {
    var ids: [DiagnosticID] { ["unknown-reference", "inactive-approver"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for policy in context.formSet.policies {
            let users = context.forms(using: policy.id.value)
            for field in policy.material {
                let lacking = users.filter { $0.field(field.value) == nil }
                guard let first = lacking.first else { continue }
                let hint = Suggestion.didYouMean(field.value.rawValue, in: first.fields.map(\.id.value.rawValue))
                let names = lacking.map { "'\($0.id.value)'" }.joined(separator: ", ")
                out.append(
                    .error(
                        "unknown-reference",
                        "material field '\(field.value)' is not a field of \(lacking.count == 1 ? "form" : "forms") \(names), which \(lacking.count == 1 ? "uses" : "use") this policy\(hint)",
                        at: field.location, length: field.value.rawValue.unicodeScalars.count))
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
            if !context.roles.contains(role.value) { out += context.unknown(role, among: context.roles) }
            if case .region(let region) = scope, !context.regions.contains(region.value) {
                out += context.unknown(region, among: context.regions)
            }
            return out
        case .person(let person):
            guard let found = context.people[person.value] else {
                return context.unknown(person, among: context.people.keys)
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
