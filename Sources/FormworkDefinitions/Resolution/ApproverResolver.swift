/// Finds who may approve a step for a given submitter, and records how (the resolver trace).
///
/// Pure: it reads the org only. The check uses it to prove every step finds someone for every
/// submitter; the engine uses it to route reports.
///
/// A class, immutable once made: the engine's catalogue hands the one it built to every routing, and a copy of a
/// structure holding the org and its tables would retain each of them every time.
public final class ApproverResolver: Sendable {
    public let org: Org
    private let people: [PersonID: Person]
    /// Where the people holding each role are in `org.people`, in order: a role source reads its
    /// list, not the whole org.
    private let peopleByRole: [RoleID: [Int]]

    public init(org: Org) {
        self.org = org
        people = Dictionary(org.people.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        var byRole: [RoleID: [Int]] = [:]
        for index in org.people.indices {
            let roles = org.people[index].roles
            for (position, role) in roles.enumerated()
            where !roles[..<position].contains(where: { $0.value == role.value }) {
                byRole[role.value, default: []].append(index)
            }
        }
        peopleByRole = byRole
    }

    /// The outcome of resolving a list of sources for one submitter.
    public struct Resolution: Sendable {
        /// Eligible approvers, distinct, in the order found.
        public var approvers: [PersonID]
        /// One line per source: what it looked for and what it found, in words.
        public var trace: [String]
    }

    /// Resolves `sources` for `submitter`; the submitter is excluded unless `allowSelf`, and
    /// inactive people always are.
    public func resolve(_ sources: [ApproverSource], for submitter: Person, allowSelf: Bool) -> Resolution {
        var found: [PersonID] = []
        var trace: [String] = []
        for source in sources {
            let (candidates, description) = candidates(for: source, submitter: submitter)
            var kept: [PersonID] = []
            var excluded: [String] = []
            for candidate in candidates {
                guard let person = people[candidate] else { continue }
                if !person.active {
                    excluded.append("\(candidate) (inactive)")
                } else if candidate == submitter.id.value && !allowSelf {
                    excluded.append("\(candidate) (the submitter; self-approval is off)")
                } else {
                    kept.append(candidate)
                }
            }
            var line = "\(description): "
            line += kept.isEmpty ? "nobody eligible" : kept.map(\.rawValue).joined(separator: ", ")
            if !excluded.isEmpty { line += "; excluded " + excluded.joined(separator: ", ") }
            trace.append(line)
            for person in kept where !found.contains(person) { found.append(person) }
        }
        return Resolution(approvers: found, trace: trace)
    }

    private func candidates(for source: ApproverSource, submitter: Person) -> ([PersonID], String) {
        switch source.kind {
        case .manager(let levels):
            var current = submitter
            for _ in 1...levels {
                guard let managerID = current.manager?.value else {
                    return (
                        [], "manager \(levels) level\(levels == 1 ? "" : "s") up (\(current.id.value) has no manager)"
                    )
                }
                guard let manager = people[managerID] else {
                    return (
                        [],
                        "manager \(levels) level\(levels == 1 ? "" : "s") up (\(current.id.value)'s manager '\(managerID)' is not in the org)"
                    )
                }
                current = manager
            }
            return ([current.id.value], "manager \(levels) level\(levels == 1 ? "" : "s") up")
        case .role(let role, let scope):
            var matches = (peopleByRole[role.value] ?? []).map { org.people[$0] }
            var description = "role '\(role.value)'"
            switch scope {
            case .submitter?:
                let region = submitter.region?.value
                matches = matches.filter { region != nil && $0.region?.value == region }
                description += " in the submitter's region (\(region?.rawValue ?? "none"))"
            case .region(let region)?:
                matches = matches.filter { $0.region?.value == region.value }
                description += " in region '\(region.value)'"
            case nil: break
            }
            return (matches.map(\.id.value), description)
        case .person(let person):
            return ([person.value], "person '\(person.value)'")
        }
    }
}
