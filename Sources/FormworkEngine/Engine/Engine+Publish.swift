import FormworkDefinitions
import FormworkLanguage

extension Engine {
    /// Every guard of `person` publishing the form set of change proposal `id`.
    func publishGuards(proposal id: ReportID, person: PersonID) -> [Guard] {
        var guards = GuardList(explaining: true, capacity: 8)
        guard let report = lookup(id, into: &guards) else { return guards.all }
        guard report.form == ChangeControl.formID else {
            guards.append(
                .fail(
                    Refusal(
                        .notAProposal,
                        "report \(id) is a \(report.form), not a form-set change proposal (\(ChangeControl.formID))")))
            return guards.all
        }
        guard actor(person, into: &guards) != nil else { return guards.all }
        let roles = Set(formSet.manifest.changeControl?.proposedBy.map(\.value) ?? [])
        let personRoles = Set(catalog.people[person]?.value.roles.map(\.value) ?? [])
        if person == report.submitter {
            guards.append(.pass("\(person) proposed the change"))
        } else if let role = personRoles.intersection(roles).sorted().first {
            guards.append(.pass("\(person) has the role \(role), which may propose and publish changes"))
        } else {
            let names = roles.sorted().map(\.rawValue).joined(separator: ", ")
            guards.append(
                .fail(
                    Refusal(
                        .notAllowedToPublish,
                        roles.isEmpty
                            ? "the form set in force declares no change control, so nobody may publish"
                            : "only the author (\(report.submitter)) or someone with the role \(names) may publish a change"
                    )))
        }
        if report.status == .approved {
            guards.append(.pass("proposal \(id) is approved"))
        } else {
            guards.append(
                .fail(
                    Refusal(
                        .wrongState,
                        "proposal \(id) is \(report.status.rawValue); only an approved proposal can be published")))
        }
        let answers = report.revision.answers
        let version = answers[FieldID(ChangeControl.FieldName.version.rawValue)]?.plainText ?? ""
        let base = answers[FieldID(ChangeControl.FieldName.baseVersion.rawValue)]?.plainText ?? ""
        if let done = state.formSetVersions.first(where: { $0.proposal == id }) {
            guards.append(
                .fail(
                    Refusal(
                        .alreadyPublished,
                        "proposal \(id) was published as version \(done.number) by \(done.by) at \(done.at)")))
        }
        let current = state.publishedVersion
        if (current?.version ?? "") != base {
            let now = current.map { "version \($0.number) (\($0.version.prefix(12)))" } ?? "no version"
            guards.append(
                .fail(
                    Refusal(
                        .staleProposal,
                        "proposal \(id) changes \(base.isEmpty ? "the unpublished form set" : "version \(base.prefix(12))"), but \(now) is in force now; propose the change again against it"
                    )))
        } else if current?.version == version {
            guards.append(.fail(Refusal(.alreadyPublished, "version \(version.prefix(12)) is already in force")))
        } else {
            guards.append(.pass("proposal \(id) changes the version in force"))
        }
        return guards.all
    }

    func handlePublish(_ command: Command.Publish) -> Result<[Event], Refusal> {
        let guards = publishGuards(proposal: command.proposal, person: command.by)
        if let refusal = Guard.firstRefusal(guards) { return .failure(refusal) }
        guard let report = state.reports[command.proposal] else {
            return .failure(Refusal(.unknownReport, "there is no report '\(command.proposal)'"))
        }
        let answers = report.revision.answers
        let version = answers[FieldID(ChangeControl.FieldName.version.rawValue)]?.plainText ?? ""
        return .success([
            .formSetPublished(
                FormSetPublished(
                    number: (state.publishedVersion?.number ?? 0) + 1, version: version,
                    replaces: state.publishedVersion?.version, proposal: report.id, by: command.by, at: command.at))
        ])
    }
}
