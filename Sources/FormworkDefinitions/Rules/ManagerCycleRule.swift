import FormworkDiagnostics

/// The management tree has no loops: following `manager` from anyone ends at someone with none.
struct ManagerCycleRule: FormSetRule {
    var ids: [DiagnosticID] { ["manager-cycle"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let org = context.org else { return [] }
        var reported: Set<PersonID> = []
        var out: [Diagnostic] = []
        for person in org.people {
            var chain: [PersonID] = [person.id.value]
            var current = person
            while let manager = current.manager?.value, let next = context.people[manager] {
                if let start = chain.firstIndex(of: manager) {
                    let cycle = Array(chain[start...])
                    if reported.isDisjoint(with: cycle) {
                        reported.formUnion(cycle)
                        let names = (cycle + [manager]).map(\.rawValue).joined(separator: " → ")
                        let first = context.people[cycle[0]] ?? person
                        out.append(
                            .error(
                                "manager-cycle", "the management chain loops: \(names)",
                                at: first.manager?.location ?? first.id.location,
                                length: (first.manager?.value.rawValue ?? first.id.value.rawValue).unicodeScalars.count)
                        )
                    }
                    break
                }
                chain.append(manager)
                current = next
            }
        }
        return out
    }
}
