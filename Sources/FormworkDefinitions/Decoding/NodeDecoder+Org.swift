import FormworkDiagnostics
import Foundation

extension NodeDecoder {
    static let orgKeys = ["org", "name", "roles", "regions", "people", "targets", "delegations", "volumes"]

    mutating func org(_ root: YAMLNode, map: MappingView, file: String) -> Org? {
        guard let id = required(map, "org").flatMap({ id($0, "the organisation id", as: OrgTag.self) }) else {
            return nil
        }
        let name = map["name"].flatMap { nonEmptyString($0, "the organisation's name") }?.value
        let roles = list(map["roles"], "'roles'") { (d: inout NodeDecoder, node: YAMLNode) -> Role? in
            guard let m = d.mapping(node, "a role", allowed: ["id", "label"]),
                let id = d.required(m, "id").flatMap({ d.id($0, "the role id", as: RoleTag.self) })
            else { return nil }
            return Role(id: id, label: m["label"].flatMap { d.text($0, "the role's label") })
        }
        let regions = list(map["regions"], "'regions'") { (d: inout NodeDecoder, node: YAMLNode) -> Region? in
            guard let m = d.mapping(node, "a region", allowed: ["id", "label"]),
                let id = d.required(m, "id").flatMap({ d.id($0, "the region id", as: RegionTag.self) })
            else { return nil }
            return Region(id: id, label: m["label"].flatMap { d.text($0, "the region's label") })
        }
        let people = list(map["people"], "'people'") { d, node in d.person(node) }
        let targets = list(map["targets"], "'targets'") { d, node in d.target(node) }
        let delegations = list(map["delegations"], "'delegations'") { d, node in d.delegation(node) }
        var org = Org(
            id: id, name: name, roles: roles, regions: regions, people: people, targets: targets,
            delegations: delegations, file: file)
        org.volumes = list(map["volumes"], "'volumes'") { d, node in d.volume(node) }
        return org
    }

    /// `{form: F, per_week: N}` or `{form: F, customers: N}`: one person's expected volume of a form.
    private mutating func volume(_ node: YAMLNode) -> ExpectedVolume? {
        guard let map = mapping(node, "a volume", allowed: ["form", "per_week", "customers"]),
            let form = required(map, "form").flatMap({ id($0, "the volume's form", as: FormTag.self) })
        else { return nil }
        let perWeek = map["per_week"].flatMap { decimal($0, "'per_week'") }
        let customers = map["customers"].flatMap { int($0, "'customers'", in: 0...100_000) }
        if let perWeek, perWeek.value < 0 {
            error("invalid-value", "'per_week' cannot be negative", at: perWeek.location)
            return nil
        }
        // The audit multiplies it by minutes and people: a number no one files (beyond one report a minute, all week
        // long) is a typo, and too large a one would overflow the arithmetic.
        if let perWeek, perWeek.value > 10_080 {
            error(
                "invalid-value", "'per_week' is \(perWeek.value); at most 10080 (one report a minute, all week long)",
                at: perWeek.location)
            return nil
        }
        switch (perWeek, customers) {
        case (let perWeek?, nil):
            return ExpectedVolume(form: form, amount: .perWeek(perWeek), location: node.location)
        case (nil, let customers?):
            return ExpectedVolume(form: form, amount: .customers(customers), location: node.location)
        case (_?, let customers?):
            error(
                "conflicting-keys", "a volume gives 'per_week' or 'customers', not both", at: customers.location)
            return nil
        case (nil, nil):
            if map["per_week"] == nil && map["customers"] == nil {
                error("missing-key", "a volume needs 'per_week' (reports a week) or 'customers'", at: form.location)
            }
            return nil
        }
    }

    /// Decodes each item of an optional list with `item`, skipping the ones that fail.
    mutating func list<T>(_ node: YAMLNode?, _ what: String, _ item: (inout NodeDecoder, YAMLNode) -> T?) -> [T] {
        guard let node, let items = sequence(node, what) else { return [] }
        var result: [T] = []
        for element in items {
            if let value = item(&self, element) { result.append(value) }
        }
        return result
    }

    private mutating func person(_ node: YAMLNode) -> Person? {
        guard let map = mapping(node, "a person", allowed: ["id", "name", "roles", "region", "manager", "active"]),
            let id = required(map, "id").flatMap({ id($0, "the person id", as: PersonTag.self) })
        else { return nil }
        let name = required(map, "name").flatMap { nonEmptyString($0, "the person's name") }?.value ?? id.value.rawValue
        let roles = map["roles"].map { idList($0, "the person's roles", as: RoleTag.self) } ?? []
        let region = map["region"].flatMap { $0.isNull ? nil : self.id($0, "the person's region", as: RegionTag.self) }
        let manager = map["manager"].flatMap {
            $0.isNull ? nil : self.id($0, "the person's manager", as: PersonTag.self)
        }
        let active = map["active"].flatMap { bool($0, "'active'") }?.value ?? true
        return Person(id: id, name: name, roles: roles, region: region, manager: manager, active: active)
    }

    private mutating func target(_ node: YAMLNode) -> SalesTarget? {
        guard
            let map = mapping(
                node, "a target", allowed: ["period", "person", "region", "units", "revenue", "profit"])
        else { return nil }
        guard let periodText = required(map, "period").flatMap({ string($0, "the target's period") }) else {
            return nil
        }
        guard let period = Period(parsing: periodText.value) else {
            error(
                "invalid-value", "'\(periodText.value)' is not a period; write 2026, 2026-Q1 or 2026-03",
                at: periodText.location)
            return nil
        }
        var scope = SalesTarget.Scope.organisation
        let person = map["person"].flatMap { id($0, "the target's person", as: PersonTag.self) }
        let region = map["region"].flatMap { id($0, "the target's region", as: RegionTag.self) }
        if let person, region != nil {
            error("invalid-value", "a target is for a person or for a region, not both", at: person.location)
        }
        if let person { scope = .person(person) } else if let region { scope = .region(region) }
        let before = diagnostics.count
        let units = map["units"].flatMap { int($0, "the target's units", in: 0...1_000_000_000) }?.value
        let revenue = map["revenue"].flatMap { decimal($0, "the target's revenue") }?.value
        let profit = map["profit"].flatMap { decimal($0, "the target's profit") }?.value
        if units == nil && revenue == nil && profit == nil {
            error("missing-key", "a target needs 'units', 'revenue' or 'profit'", at: node.location)
        }
        return SalesTarget(
            period: Located(period, at: periodText.location), scope: scope, units: units, revenue: revenue,
            profit: profit, location: node.location, incomplete: hasNewErrors(since: before))
    }

    private mutating func delegation(_ node: YAMLNode) -> Delegation? {
        guard
            let map = mapping(node, "a delegation", allowed: ["from", "to", "start", "end", "policies"]),
            let from = required(map, "from").flatMap({ id($0, "who delegates ('from')", as: PersonTag.self) }),
            let to = required(map, "to").flatMap({ id($0, "the delegate ('to')", as: PersonTag.self) }),
            let start = required(map, "start").flatMap({ date($0, "the delegation's start") }),
            let end = required(map, "end").flatMap({ date($0, "the delegation's end") })
        else { return nil }
        let policies = map["policies"].map { idList($0, "the delegation's policies", as: PolicyTag.self) } ?? []
        return Delegation(from: from, to: to, start: start, end: end, policies: policies, location: node.location)
    }
}
