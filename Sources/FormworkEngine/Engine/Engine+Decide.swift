import FormworkDefinitions
import FormworkLanguage
import Foundation

extension Engine {
    /// What the guards of a decision found.
    struct DecisionPlan {
        var report: ReportRecord
        var stepIndex: Int
        /// The signer's name (the whole `Person` is a dozen references to copy and release).
        var signerName: String
        var actingFor: PersonID?
    }

    /// Whether each later step of `report` keeps enough people who may sign it once `signing` approve at step
    /// `index` (one or two people: the signer and whom they act for; an array, as a set of two costs a hash table
    /// each decision): one person signs one step, so an approval by the only approver of a later step (an escalated
    /// director approving for the supervisor, say) would leave the report with nobody to finish it. Who could
    /// still be added by the later step's escalation counts. Nil when no step comes after `index`.
    func laterStepsGuard(_ report: ReportRecord, index: Int, signing: [PersonID]) -> Guard? {
        let laterSteps = report.steps.indices.filter { $0 > index && report.steps[$0].status == .waiting }
        guard !laterSteps.isEmpty else { return nil }
        for later in laterSteps {
            // The routed step is read in place (a copy would retain each of its strings and arrays).
            let required = report.routing.steps[later].required
            var candidates = report.approvers(ofStep: later)
            for person in report.routing.steps[later].sla?.escalateTo ?? [] where !candidates.contains(person) {
                candidates.append(person)
            }
            // Who may not sign it, as the decision guards judge them: the submitter unless the policy allows
            // self-approval, any other editor always.
            let excluded = candidates.filter { person in
                signing.contains(person) || report.hasApproved(person)
                    || (person == report.submitter ? !report.routing.selfApproval : report.editors.contains(person))
            }
            guard candidates.count - excluded.count < required else { continue }
            let stepID = report.steps[later].step
            let reason =
                excluded.isEmpty
                ? "it has too few approvers"
                : excluded.map(\.rawValue).joined(separator: ", ")
                    + " would have signed or filed this report already, and one person signs one step"
            return .fail(
                Refusal(
                    .quorumUnreachable,
                    "approving here would leave step \(stepID) without enough people who may sign it (it needs "
                        + "\(required)): \(reason); let another approver of step \(report.steps[index].step) "
                        + "sign, or have an admin add approvers to step \(stepID)"))
        }
        return .pass("the later steps keep enough people who may sign them")
    }

    /// The refusal of a second approval of report `id` by `who`.
    static func duplicateApproval(by who: PersonID, of id: ReportID) -> Refusal {
        Refusal(
            .duplicateApprover, "\(who) already approved report \(id); every approval must come from a different person"
        )
    }

    /// Every guard of `person` taking `decision` on report `id` at `time`. With `explaining`, the
    /// lines that pass or inform are kept too, and with `opinion` nil a required opinion is shown as a
    /// requirement rather than refused; without it, only the verdicts that can refuse.
    func decisionGuards(
        report id: ReportID, person: PersonID, decision: Decision, opinion: String?, actingFor: PersonID?,
        revision: Int?, at time: Timestamp, explaining: Bool = false
    ) -> ([Guard], DecisionPlan?) {
        var guards = GuardList(explaining: explaining, capacity: 12)
        guard let report = lookup(id, into: &guards), let signer = actor(person, into: &guards) else {
            return (guards.all, nil)
        }
        let signerName = signer.value.name
        switch report.status {
        case .approved, .rejected:
            guards.append(
                .fail(
                    Refusal(
                        .alreadyDecided,
                        "report \(id) is already \(report.status.rawValue); its decisions are final")))
            return (guards.all, nil)
        case .recalled:
            guards.append(.fail(Refusal(.wrongState, "report \(id) was recalled by its submitter")))
            return (guards.all, nil)
        case .returned:
            guards.append(
                .fail(
                    Refusal(
                        .wrongState,
                        "report \(id) was returned to \(report.submitter) for revision; "
                            + "nobody decides until it is resubmitted")))
            return (guards.all, nil)
        case .pending:
            break
        }
        guard let index = report.openStepIndex else {
            guards.append(.fail(Refusal(.wrongState, "report \(id) has no step waiting for a decision")))
            return (guards.all, nil)
        }
        // The step and its progress are read in place: a copy of either would retain each of its strings and arrays,
        // and what only an explanation shows is worked out inside its line.
        let stepID = report.routing.steps[index].id
        guards.pass(
            "report \(id) waits at step \(stepID) (revision \(report.revision.number)); quorum "
                + "\(report.routing.steps[index].quorum): \(report.approvals(atStep: index).count) of "
                + "\(report.routing.steps[index].required) approval"
                + "\(report.routing.steps[index].required == 1 ? "" : "s") so far")
        if report.routing.steps[index].decisions.contains(decision) {
            guards.pass("step \(stepID) offers \(decision.rawValue)")
        } else {
            guards.append(
                .fail(
                    Refusal(
                        .decisionNotAllowed,
                        "step \(stepID) does not offer \(decision.rawValue); it offers "
                            + report.routing.steps[index].decisions.map(\.rawValue).joined(separator: ", "))))
        }
        if person == report.submitter && !report.routing.selfApproval {
            guards.append(
                .fail(
                    Refusal(
                        .selfApproval,
                        "\(person) filed report \(id) and may not decide on it: nobody approves their own report")))
        } else if report.editors.contains(person) && person != report.submitter {
            guards.append(
                .fail(
                    Refusal(
                        .selfApproval,
                        "\(person) edited a revision of report \(id) and may not decide on it")))
        } else {
            let filed = person == report.submitter
            let policy = report.routing.policy
            guards.pass(
                filed
                    ? "\(person) filed the report; policy \(policy) allows self-approval"
                    : "\(person) neither filed nor edited the report")
        }
        let approvers = report.approvers(ofStep: index)
        guards.info(
            "approvers of step \(stepID): " + approvers.map(\.rawValue).joined(separator: ", ")
                + (report.steps[index].added.isEmpty
                    ? ""
                    : " (added by escalation: " + report.steps[index].added.map(\.rawValue).joined(separator: ", ")
                        + ")"))
        if explaining { for line in report.routing.steps[index].trace { guards.info("resolver: " + line) } }
        let actedFor = eligibility(
            of: person, for: report, step: index, approvers: approvers, actingFor: actingFor, at: time,
            into: &guards)
        if decision == .approve {
            let principal = actedFor ?? person
            if report.hasApproved(person) || report.hasApproved(principal) {
                let who = report.hasApproved(person) ? person : principal
                guards.append(.fail(Self.duplicateApproval(by: who, of: id)))
            } else {
                guards.pass("\(principal) has not approved this report before")
            }
            if let later = laterStepsGuard(report, index: index, signing: [person, principal]) { guards.append(later) }
        }
        if let revision {
            if revision == report.revision.number {
                guards.pass("revision \(revision) is the current one")
            } else {
                guards.append(
                    .fail(
                        Refusal(
                            .staleRevision,
                            "revision \(revision) is not the current one (\(report.revision.number)); read it again")))
            }
        }
        if let opinion, let control = ControlCharacters.first(in: opinion, allowingLineBreaks: true) {
            guards.append(
                .fail(
                    Refusal(
                        .invalidOpinion,
                        "the opinion holds the control character \(ControlCharacters.name(control)), which would "
                            + "garble the screen of whoever reads it; remove it")))
        }
        if report.routing.opinionRequired.contains(decision) {
            let given = opinion?.trimmedOfSpacesAndNewlines.isEmpty == false
            if given {
                guards.pass("an opinion is required with \(decision.rawValue), and one is given")
            } else if explaining {
                guards.info("an opinion is required with \(decision.rawValue)")
            } else {
                guards.append(
                    .fail(
                        Refusal(
                            .opinionRequired,
                            "policy \(report.routing.policy) requires an opinion with \(decision.rawValue): "
                                + "say why, for the submitter to read")))
            }
        }
        guard guards.refusal == nil else { return (guards.all, nil) }
        return (
            guards.all,
            DecisionPlan(
                report: report, stepIndex: index, signerName: signerName, actingFor: actedFor)
        )
    }

    /// Whether `person` may decide at step `index`: as one of its approvers, or for one of them under
    /// a delegation window of the org (never cascading, never for the submitter or an editor).
    /// Its verdict goes to `guards`, a line that passes or the refusal; it answers whom `person` acts for, if anyone.
    func eligibility(
        of person: PersonID, for report: ReportRecord, step index: Int, approvers: [PersonID], actingFor: PersonID?,
        at time: Timestamp, into guards: inout GuardList
    ) -> PersonID? {
        let step = report.routing.steps[index].id
        if actingFor == nil, approvers.contains(person) {
            guards.pass("\(person) is an approver of step \(step)")
            return nil
        }
        let today = catalog.calendar.localDate(of: time)
        var candidates: [(PersonID, Delegation)] = []
        var notes: [String] = []
        if report.routing.delegation {
            for delegation in catalog.delegationsTo[person] ?? [] {
                let from = delegation.from.value
                let window = "\(delegation.start.value)…\(delegation.end.value)"
                guard approvers.contains(from) else { continue }
                if today < delegation.start.value || today > delegation.end.value {
                    notes.append("the delegation from \(from) runs \(window), not on \(today)")
                } else if !delegation.policies.isEmpty,
                    !delegation.policies.contains(where: { $0.value == report.routing.policy })
                {
                    notes.append("the delegation from \(from) does not cover policy \(report.routing.policy)")
                } else if from == report.submitter || report.editors.contains(from) {
                    notes.append("\(from) wrote the report, so nobody may act for them on it")
                } else if report.hasApproved(from) {
                    notes.append("\(from) already approved, so nobody acts for them")
                } else {
                    candidates.append((from, delegation))
                }
            }
        } else {
            notes.append("policy \(report.routing.policy) does not allow delegation")
        }
        if let actingFor {
            if let match = candidates.first(where: { $0.0 == actingFor }) {
                guards.pass(
                    "\(person) acts for \(actingFor) under the delegation \(match.1.start.value)…\(match.1.end.value)")
                return actingFor
            }
            let detail = notes.isEmpty ? "" : ": " + notes.joined(separator: "; ")
            guards.append(
                .fail(Refusal(.notAnApprover, "\(person) may not act for \(actingFor) on step \(step)\(detail)")))
            return nil
        }
        if let (principal, delegation) = candidates.first {
            guards.pass(
                "\(person) acts for \(principal) under the delegation "
                    + "\(delegation.start.value)…\(delegation.end.value)")
            return principal
        }
        var message =
            "\(person) is not an approver of step \(step) of report \(report.id); its approvers are "
            + approvers.map(\.rawValue).joined(separator: ", ")
        if !notes.isEmpty { message += " (" + notes.joined(separator: "; ") + ")" }
        guards.append(.fail(Refusal(.notAnApprover, message)))
        return nil
    }

    func handleDecide(_ command: Command.Decide) -> Result<[Event], Refusal> {
        let (guards, plan) = decisionGuards(
            report: command.report, person: command.by, decision: command.decision, opinion: command.opinion,
            actingFor: command.actingFor, revision: command.revision, at: command.at)
        if let refusal = Guard.firstRefusal(guards) { return .failure(refusal) }
        guard let plan else { return .failure(Refusal(.unknownReport, "there is no report '\(command.report)'")) }
        let report = plan.report
        let index = plan.stepIndex
        // The step is read in place (a copy would retain each of its strings and arrays).
        let stepID = report.routing.steps[index].id
        let opinion = command.opinion?.trimmedOfSpacesAndNewlines
        // Who the approval counts for, taken before the signature goes into its event (reading it after would keep
        // a copy of the signature alive).
        let principal = plan.actingFor ?? command.by
        let signature = Signature(
            signer: command.by, name: plan.signerName, actingFor: plan.actingFor,
            meaning: "\(command.decision.rawValue): \(report.routing.steps[index].meaning)",
            revision: report.revision.number,
            revisionHash: report.revision.hash, at: command.at)
        // The decision, the step's completion, the next step or the outcome, and an advancement.
        var events: [Event] = []
        events.reserveCapacity(4)
        events.append(
            .decisionRecorded(
                DecisionRecorded(
                    report: report.id, step: stepID, decision: command.decision,
                    opinion: opinion?.isEmpty == false ? opinion : nil, signature: signature)))
        switch command.decision {
        case .return:
            events.append(
                .reportReturned(ReportOutcome(report: report.id, at: command.at, by: command.by, step: stepID)))
        case .reject:
            events.append(
                .reportRejected(ReportOutcome(report: report.id, at: command.at, by: command.by, step: stepID)))
        case .approve:
            var approvals = report.approvals(atStep: index)
            if !approvals.contains(principal) { approvals.append(principal) }
            guard approvals.count >= report.routing.steps[index].required else { break }
            events.append(
                .stepCompleted(StepCompleted(report: report.id, step: stepID, at: command.at, approvers: approvals)))
            let next = report.steps.indices.first { other in
                other != index && report.steps[other].status != .skipped && report.steps[other].status != .completed
            }
            if let next {
                events.append(opening(step: next, of: report.routing, report: report.id, at: command.at))
            } else {
                events.append(.reportApproved(ReportOutcome(report: report.id, at: command.at, by: nil, step: nil)))
                events += advancement(
                    customer: report.customer, workflow: report.workflow, approving: report.id, form: report.form,
                    answers: report.revision.answers, at: command.at)
            }
        }
        return .success(events)
    }
}
