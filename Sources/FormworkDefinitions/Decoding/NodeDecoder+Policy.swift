import FormworkDiagnostics

extension NodeDecoder {
    static let policyKeys = [
        "policy", "title", "meaning", "self_approval", "recall", "material", "opinion_required", "delegation", "steps",
    ]

    mutating func policy(_ root: YAMLNode, map: MappingView, file: String) -> Policy? {
        guard let id = required(map, "policy").flatMap({ id($0, "the policy id", as: PolicyTag.self) }) else {
            return nil
        }
        var opinion: Located<Set<Decision>>?
        if let node = map["opinion_required"], let items = sequence(node, "'opinion_required'") {
            let decisions = items.compactMap { choice($0, "a decision", among: Decision.allCases)?.value }
            opinion = Located(Set(decisions), at: node.location)
        }
        let steps = required(map, "steps").map { node in list(node, "'steps'") { d, item in d.step(item) } } ?? []
        if steps.isEmpty, let node = map["steps"], !node.isNull {
            error("invalid-value", "a policy needs at least one step", at: node.location)
        }
        return Policy(
            id: id, title: map["title"].flatMap { text($0, "the policy's title") },
            meaning: map["meaning"].flatMap { text($0, "the policy's meaning") },
            selfApproval: map["self_approval"].flatMap { bool($0, "'self_approval'") },
            recall: map["recall"].flatMap { choice($0, "'recall'", among: Recall.allCases) }?.value
                ?? .untilFirstDecision,
            material: map["material"].map { idList($0, "'material'", as: FieldTag.self) } ?? [],
            opinionRequired: opinion, delegation: map["delegation"].flatMap { bool($0, "'delegation'") }?.value ?? true,
            steps: steps, file: file)
    }

    private mutating func step(_ node: YAMLNode) -> Step? {
        let keys = ["id", "title", "meaning", "approvers", "fallback", "quorum", "decisions", "when", "sla"]
        guard let map = mapping(node, "a step", allowed: keys),
            let id = required(map, "id").flatMap({ id($0, "the step id", as: StepTag.self) })
        else { return nil }
        let before = diagnostics.count
        let approvers = required(map, "approvers").map { sources($0, "the step's approvers") } ?? []
        let fallback = map["fallback"].map { sources($0, "the step's fallback") } ?? []
        let incomplete = hasNewErrors(since: before)
        var quorum = Located(Quorum.any, at: node.location)
        if let node = map["quorum"], let text = string(node, "the quorum") {
            switch text.value {
            case "any": quorum = Located(.any, at: text.location)
            case "all": quorum = Located(.all, at: text.location)
            default:
                if let count = int(node, "the quorum ('any', 'all' or a number of approvers)", in: 1...1_000) {
                    quorum = Located(.count(count.value), at: count.location)
                }
            }
        }
        var decisions = Decision.allCases
        if let node = map["decisions"], let items = sequence(node, "'decisions'") {
            decisions = items.compactMap { choice($0, "a decision", among: Decision.allCases)?.value }
            if !decisions.contains(.approve) {
                error("invalid-value", "a step must allow 'approve'", at: node.location)
            }
        }
        return Step(
            id: id, title: map["title"].flatMap { text($0, "the step's title") },
            meaning: map["meaning"].flatMap { text($0, "the step's meaning") }, approvers: approvers,
            fallback: fallback, quorum: quorum, decisions: decisions,
            when: map["when"].flatMap { condition($0, "the step's 'when'") }, sla: map["sla"].flatMap { sla($0) },
            incomplete: incomplete)
    }

    private mutating func sla(_ node: YAMLNode) -> SLA? {
        guard let map = mapping(node, "the SLA", allowed: ["days", "remind_after", "escalate_to"]),
            let days = required(map, "days").flatMap({ int($0, "the SLA's business days", in: 1...365) })
        else { return nil }
        let remind = map["remind_after"].flatMap { int($0, "'remind_after' (business days)", in: 0...365) }
        if let remind, remind.value >= days.value {
            error(
                "invalid-value",
                "the reminder ('remind_after: \(remind.value)') must come before the deadline (\(days.value) business days)",
                at: remind.location)
        }
        return SLA(
            days: days, remindAfter: remind, escalateTo: map["escalate_to"].map { sources($0, "'escalate_to'") } ?? [],
            location: node.location)
    }

    /// A list of approver sources: `{manager: N}`, `{role: R, region: …}` or `{person: P}`.
    mutating func sources(_ node: YAMLNode, _ what: String) -> [ApproverSource] {
        list(node, what) { (d: inout NodeDecoder, item: YAMLNode) -> ApproverSource? in
            guard let map = d.mapping(item, "an approver source", allowed: ["manager", "role", "region", "person"])
            else {
                return nil
            }
            let kinds = ["manager", "role", "person"].filter { map[$0] != nil }
            guard kinds.count == 1, let kind = kinds.first, let value = map[kind] else {
                d.error(
                    "invalid-value",
                    "an approver source names exactly one of 'manager: N', 'role: R' or 'person: P'", at: item.location)
                return nil
            }
            if kind != "role", let regionKey = map.keyLocation("region") {
                d.error("key-not-applicable", "'region' narrows a 'role' source only", at: regionKey, length: 6)
            }
            switch kind {
            case "manager":
                guard let levels = d.int(value, "the manager level (1 = direct manager)", in: 1...10) else {
                    return nil
                }
                return ApproverSource(kind: .manager(levels: levels.value), location: item.location)
            case "role":
                guard let role = d.id(value, "the role", as: RoleTag.self) else { return nil }
                var scope: RegionScope?
                if let regionNode = map["region"], let text = d.string(regionNode, "the region") {
                    if text.value == "submitter" {
                        scope = .submitter
                    } else if let region = d.id(regionNode, "the region", as: RegionTag.self) {
                        scope = .region(region)
                    }
                }
                return ApproverSource(kind: .role(role, region: scope), location: item.location)
            default:
                guard let person = d.id(value, "the person", as: PersonTag.self) else { return nil }
                return ApproverSource(kind: .person(person), location: item.location)
            }
        }
    }
}
