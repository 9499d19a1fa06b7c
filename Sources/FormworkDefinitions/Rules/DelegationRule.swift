import FormworkDiagnostics

/// Delegation windows are sound: known, active, distinct people; ordered dates; known policies; and
/// no onward delegation by a delegate during the window (delegation never cascades).
struct DelegationRule: FormSetRule {
    var ids: [DiagnosticID] { ["unknown-reference", "invalid-delegation"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let org = context.org else { return [] }
        var out: [Diagnostic] = []
        for delegation in org.delegations {
            for person in [delegation.from, delegation.to] where context.people[person.value] == nil {
                out += context.unknown(person, among: context.people.keys)
            }
            if delegation.from.value == delegation.to.value {
                out.append(
                    .error(
                        "invalid-delegation", "\(delegation.from.value) cannot delegate to themselves",
                        at: delegation.to.location, length: delegation.to.value.rawValue.unicodeScalars.count))
            }
            if let delegate = context.people[delegation.to.value], !delegate.active {
                out.append(
                    .error(
                        "invalid-delegation", "the delegate '\(delegate.id.value)' is inactive and cannot sign",
                        at: delegation.to.location))
            }
            if delegation.end.value < delegation.start.value {
                out.append(
                    .error(
                        "invalid-delegation",
                        "the delegation ends (\(delegation.end.value)) before it starts (\(delegation.start.value))",
                        at: delegation.end.location))
            }
            for policy in delegation.policies where context.policies[policy.value] == nil {
                out += context.unknown(policy, among: context.policies.keys)
            }
            if delegation.from.value == delegation.to.value { continue }
            if reportsTo(delegation.to.value, delegation.from.value, context) {
                out.append(
                    .warning(
                        "invalid-delegation",
                        "\(delegation.to.value) reports to \(delegation.from.value), so while acting for them would be asked to approve their own reports; those reports will go to the fallback instead",
                        at: delegation.to.location, length: delegation.to.value.rawValue.unicodeScalars.count))
            }
            let onward = org.delegations.first { other in
                other.from.value == delegation.to.value && other.to.value != other.from.value
                    && other.start.value <= delegation.end.value && delegation.start.value <= other.end.value
            }
            if let onward {
                out.append(
                    .warning(
                        "invalid-delegation",
                        "\(delegation.to.value) is away (delegating to \(onward.to.value)) while acting for \(delegation.from.value); delegation does not pass on, so nobody will sign for \(delegation.from.value)",
                        at: delegation.to.location, notes: [.init("the delegate's own delegation", at: onward.location)]
                    ))
            }
        }
        return out
    }

    /// Whether `person`'s management chain includes `manager`.
    private func reportsTo(_ person: PersonID, _ manager: PersonID, _ context: RuleContext) -> Bool {
        var seen: Set<PersonID> = [person]
        var current = context.people[person]?.manager?.value
        while let next = current, seen.insert(next).inserted {
            if next == manager { return true }
            current = context.people[next]?.manager?.value
        }
        return false
    }
}
