import FormworkDiagnostics

/// For every active person who may file a form, every step of the form's policy finds at least one
/// eligible approver other than that person (or its fallback does), and enough of them for its quorum.
struct ApproverResolutionRule: FormSetRule {
    var ids: [DiagnosticID] { ["no-approver", "quorum-unreachable"] }

    /// How many people to name in a message before "and N more".
    static let namedPeople = 3

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let org = context.org else { return [] }
        let resolver = ApproverResolver(org: org)
        var out: [Diagnostic] = []
        for policy in context.formSet.policies {
            let submitters = self.submitters(of: policy, context)
            for step in policy.steps where !step.incomplete {
                var stranded: [(Person, [String])] = []
                var short: [(Person, Int)] = []
                for person in submitters {
                    let first = resolver.resolve(step.approvers, for: person, allowSelf: policy.allowsSelfApproval)
                    var found = first.approvers
                    var trace = first.trace
                    if found.isEmpty && !step.fallback.isEmpty {
                        let fallback = resolver.resolve(
                            step.fallback, for: person, allowSelf: policy.allowsSelfApproval)
                        found = fallback.approvers
                        trace += fallback.trace.map { "fallback " + $0 }
                    }
                    if found.isEmpty {
                        stranded.append((person, trace))
                    } else if case .count(let n) = step.quorum.value, found.count < n {
                        short.append((person, found.count))
                    }
                }
                if !stranded.isEmpty {
                    let names = Self.list(stranded.map(\.0.id.value.rawValue))
                    out.append(
                        .error(
                            "no-approver",
                            "step '\(step.id.value)' of policy '\(policy.id.value)' finds nobody to approve reports filed by \(names)",
                            at: step.id.location, length: step.id.value.rawValue.unicodeScalars.count,
                            notes: stranded.prefix(Self.namedPeople).flatMap { person, trace in
                                trace.map { Diagnostic.Note("for \(person.id.value): \($0)") }
                            } + (step.fallback.isEmpty ? [.init("add a 'fallback' to the step")] : [])))
                }
                if !short.isEmpty, case .count(let n) = step.quorum.value {
                    let names = Self.list(short.map { "\($0.0.id.value) (\($0.1))" })
                    out.append(
                        .error(
                            "quorum-unreachable",
                            "step '\(step.id.value)' needs \(n) distinct approvers, but finds fewer for reports filed by \(names)",
                            at: step.quorum.location, length: String(n).count))
                }
            }
        }
        return out
    }

    /// Active people allowed to file some form that uses `policy`.
    private func submitters(of policy: Policy, _ context: RuleContext) -> [Person] {
        guard let org = context.org else { return [] }
        var roles: Set<RoleID> = []
        var anyone = false
        for form in context.forms(using: policy.id.value) {
            for use in context.usage[form.id.value] ?? [] {
                let filledBy = use.entry.filledBy ?? use.workflow.filledBy
                if filledBy.isEmpty { anyone = true }
                roles.formUnion(filledBy.map(\.value))
            }
        }
        return org.people.filter { person in
            person.active && (anyone || person.roles.contains { roles.contains($0.value) })
        }
    }

    static func list(_ names: [String]) -> String {
        if names.count <= namedPeople { return names.joined(separator: ", ") }
        return names.prefix(namedPeople).joined(separator: ", ") + " and \(names.count - namedPeople) more"
    }
}
