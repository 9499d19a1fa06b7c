import FormworkDiagnostics

/// For every active person who may file a form, every step of the form's policy finds at least one
/// eligible approver other than that person (or its fallback does), and enough of them for its quorum; and the
/// steps that apply together find enough different people, since one person signs one step of a report.
struct ApproverResolutionRule: FormSetRule {
    var ids: [DiagnosticID] { ["no-approver", "quorum-unreachable", "steps-share-approvers"] }

    /// How many people to name in a message before "and N more".
    static let namedPeople = 3

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let org = context.org else { return [] }
        let resolver = ApproverResolver(org: org)
        var out: [Diagnostic] = []
        for policy in context.formSet.policies {
            let submitters = self.submitters(of: policy, context)
            out += shared(policy, submitters: submitters, resolver: resolver)
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

    /// The approvers a step finds for `person`: its own, else its fallback's.
    private func approvers(
        of step: Step, in policy: Policy, for person: Person, resolver: ApproverResolver
    ) -> [PersonID] {
        let found = resolver.resolve(step.approvers, for: person, allowSelf: policy.allowsSelfApproval).approvers
        guard found.isEmpty else { return found }
        return resolver.resolve(step.fallback, for: person, allowSelf: policy.allowsSelfApproval).approvers
    }

    /// The steps that apply together (those without `when`, with each conditional step in turn) must find
    /// different people enough for each step's quorum: one person signs one step of a report, so steps whose only
    /// approvers are the same people leave the report unapprovable (a supervisor who is also the only director).
    private func shared(_ policy: Policy, submitters: [Person], resolver: ApproverResolver) -> [Diagnostic] {
        let steps = policy.steps.filter { !$0.incomplete }
        let always = steps.filter { $0.when == nil }
        // Steps with the same condition apply together, always: they join the unconditional ones as one group.
        var conditions: [String] = []
        var byCondition: [String: [Step]] = [:]
        for step in steps {
            guard let source = step.when?.source else { continue }
            if byCondition[source] == nil { conditions.append(source) }
            byCondition[source, default: []].append(step)
        }
        let groups = conditions.isEmpty ? [always] : conditions.map { always + (byCondition[$0] ?? []) }
        var out: [Diagnostic] = []
        for group in groups where group.count > 1 {
            var stuck: [(Person, [PersonID])] = []
            for person in submitters {
                let found = group.map { approvers(of: $0, in: policy, for: person, resolver: resolver) }
                // Nobody at a step is `no-approver`'s to report.
                guard !found.contains(where: \.isEmpty) else { continue }
                var seats: [[PersonID]] = []
                for (step, people) in zip(group, found) {
                    let needed: Int
                    switch step.quorum.value {
                    case .any: needed = 1
                    case .all: needed = people.count
                    case .count(let n): needed = n
                    }
                    seats += Array(repeating: people, count: needed)
                }
                if Self.matched(seats) < seats.count {
                    stuck.append((person, Array(Set(found.joined())).sorted { $0.rawValue < $1.rawValue }))
                }
            }
            guard let last = group.last, let (first, people) = stuck.first else { continue }
            let names = Self.list(stuck.map(\.0.id.value.rawValue))
            let stepNames = group.map { "'\($0.id.value)'" }.joined(separator: ", ")
            out.append(
                .error(
                    "steps-share-approvers",
                    "steps \(stepNames) of policy '\(policy.id.value)' find too few different people for reports "
                        + "filed by \(names); one person signs one step, so these reports can never be approved",
                    at: last.id.location, length: last.id.value.rawValue.unicodeScalars.count,
                    notes: [
                        .init(
                            "for \(first.id.value): the steps find only "
                                + people.map(\.rawValue).joined(separator: ", ")),
                        .init("add approvers or a fallback to one of the steps"),
                    ]))
        }
        return out
    }

    /// How many seats (each the people who may take it) get a different person: a maximum bipartite matching,
    /// by augmenting paths (a policy has a handful of steps and approvers).
    static func matched(_ seats: [[PersonID]]) -> Int {
        var holder: [PersonID: Int] = [:]
        func place(_ seat: Int, _ visited: inout Set<PersonID>) -> Bool {
            for person in seats[seat] where visited.insert(person).inserted {
                if let other = holder[person] {
                    guard place(other, &visited) else { continue }
                }
                holder[person] = seat
                return true
            }
            return false
        }
        var count = 0
        for seat in seats.indices {
            var visited: Set<PersonID> = []
            if place(seat, &visited) { count += 1 }
        }
        return count
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
