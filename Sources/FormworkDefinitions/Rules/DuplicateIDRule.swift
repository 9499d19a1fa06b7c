import FormworkDiagnostics

/// Ids must be unique where they are looked up: forms, policies, workflows, choice lists, people,
/// roles and regions across the set; fields and sections within a form; stages within a workflow;
/// steps within a policy.
struct DuplicateIDRule: FormSetRule {
    var ids: [DiagnosticID] { ["duplicate-id"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        let set = context.formSet
        var out: [Diagnostic] = []
        out += duplicates(set.forms.map(\.id))
        out += duplicates(set.policies.map(\.id))
        out += duplicates(set.workflows.map(\.id))
        out += duplicates(set.choiceLists.map(\.id))
        if let org = set.org {
            out += duplicates(org.people.map(\.id))
            out += duplicates(org.roles.map(\.id))
            out += duplicates(org.regions.map(\.id))
        }
        for form in set.forms {
            out += duplicates(form.sections.compactMap(\.id))
            out += duplicates(form.fields.map(\.id))
            for group in form.fields where !group.fields.isEmpty {
                out += duplicates(group.fields.map(\.id))
            }
        }
        for workflow in set.workflows { out += duplicates(workflow.stages.map(\.id)) }
        for policy in set.policies { out += duplicates(policy.steps.map(\.id)) }
        return out
    }

    private func duplicates<Tag>(_ ids: [Located<Identifier<Tag>>]) -> [Diagnostic] {
        var first: [Identifier<Tag>: Located<Identifier<Tag>>] = [:]
        var out: [Diagnostic] = []
        for id in ids {
            if let earlier = first[id.value] {
                out.append(
                    .error(
                        "duplicate-id", "the \(Tag.noun) id '\(id.value)' is already used",
                        at: id.location, length: id.value.rawValue.unicodeScalars.count,
                        notes: [.init("first defined here", at: earlier.location)]))
            } else {
                first[id.value] = id
            }
        }
        return out
    }
}
