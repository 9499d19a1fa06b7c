import FormworkDiagnostics

/// Every role, region and manager a person names exists; targets name known people and regions.
struct OrgReferenceRule: FormSetRule {
    var ids: [DiagnosticID] { ["unknown-reference", "inactive-manager"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let org = context.org else { return [] }
        var out: [Diagnostic] = []
        for person in org.people {
            for role in person.roles where !context.roles.contains(role.value) {
                out += context.unknown(role, among: context.roles)
            }
            if let region = person.region, !context.regions.contains(region.value) {
                out += context.unknown(region, among: context.regions)
            }
            if let manager = person.manager {
                if let boss = context.people[manager.value] {
                    if person.active && !boss.active {
                        out.append(
                            .warning(
                                "inactive-manager",
                                "\(person.id.value)'s manager '\(manager.value)' is inactive; reports that go to the manager will fall back",
                                at: manager.location, length: manager.value.rawValue.unicodeScalars.count))
                    }
                } else {
                    out += context.unknown(manager, among: context.people.keys)
                }
            }
        }
        for target in org.targets {
            switch target.scope {
            case .person(let person) where context.people[person.value] == nil:
                out += context.unknown(person, among: context.people.keys)
            case .region(let region) where !context.regions.contains(region.value):
                out += context.unknown(region, among: context.regions)
            default: break
            }
        }
        return out
    }
}
