import FormworkDefinitions
import FormworkLanguage
import Foundation

extension Engine {
    /// What the guards of a submission found, for the steps that follow them.
    struct SubmissionPlan {
        var form: Shared<Form>
        var person: OrgPerson?
        var offer: Catalog.Offer
        var policy: Shared<Policy>
        /// The customer's current stage in the offer's workflow (its first stage for a new customer).
        var stage: StageID
        /// True when this is the customer's first report in the workflow.
        var opensCustomer: Bool
    }

    /// Every guard of filing `form` for `customer` by `person` (nil: any person, roles not judged);
    /// the lines that pass or inform only when `explaining`.
    func submissionGuards(
        form id: FormID, customer: CustomerID, person: PersonID?, explaining: Bool = false
    ) -> ([Guard], SubmissionPlan?) {
        var guards = GuardList(explaining: explaining, capacity: 10)
        guard let form = catalog.forms[id] else {
            let hint = Suggestion.didYouMean(id.rawValue, in: catalog.forms.keys.map(\.rawValue))
            return ([.fail(Refusal(.unknownForm, "there is no form '\(id)'\(hint)"))], nil)
        }
        let formVersion = form.value.version
        guards.pass("form \(id) exists (version \(formVersion.prefix(12)))")
        let filer: OrgPerson?
        if let person {
            guard let active = actor(person, into: &guards) else { return (guards.all, nil) }
            filer = active
        } else {
            filer = nil
        }
        if let problem = Self.customerIDProblem(customer) {
            guards.append(.fail(Refusal(.invalidCustomer, problem)))
            return (guards.all, nil)
        }
        let offers = catalog.offers[id] ?? []
        guard !offers.isEmpty else {
            guards.append(
                .fail(Refusal(.formNotInWorkflow, "no stage of any workflow offers form \(id); nobody may file it")))
            return (guards.all, nil)
        }
        // Offers are handled by their index in `offers`: an offer holds its whole workflow, and a copy of one
        // retains every part of it.
        let allowed = offers.indices.filter { index in
            guard let filer else { return true }
            let roles = offers[index].entry.filledBy ?? offers[index].workflow.filledBy
            return roles.isEmpty || roles.contains { filer.value.has(role: $0.value) }
        }
        guard let firstAllowed = allowed.first else {
            let roles = Set(offers.flatMap { ($0.entry.filledBy ?? $0.workflow.filledBy).map(\.value.rawValue) })
            let message =
                "\(person?.rawValue ?? "this person") may not file \(id): it is filed by "
                + roles.sorted().joined(separator: ", ") + "; their roles are "
                + (filer?.value.roles.map(\.value.rawValue).joined(separator: ", ") ?? "none")
            guards.append(.fail(Refusal(.notAllowedToFile, message)))
            return (guards.all, nil)
        }
        let roles = offers[firstAllowed].entry.filledBy ?? offers[firstAllowed].workflow.filledBy
        guards.pass(
            roles.isEmpty
                ? "anyone may file \(id)"
                : "\(id) is filed by " + roles.map(\.value.rawValue).joined(separator: ", ")
                    + (filer.map { ", and \($0.value.id.value) has one of these roles" } ?? ""))
        let record = state.customers[customer]
        let reachedOffers = allowed.filter { index in
            if let position = record?.positions[offers[index].workflow.id.value] {
                return position.visited.contains(offers[index].stageID)
            }
            return offers[index].stageIndex == 0
        }
        // A form several stages offer is filed under the customer's current stage's entry (its gates and who
        // files it), else under one whose gates are open, else the first: not always under the first stage visited.
        let reached =
            reachedOffers.count == 1
            ? reachedOffers.first
            : reachedOffers.first {
                record?.positions[offers[$0].workflow.id.value]?.stage == offers[$0].stageID
            }
                ?? reachedOffers.first { index in
                    offers[index].entry.after.allSatisfy { record?.latestApproved[$0.value] != nil }
                } ?? reachedOffers.first
        guard let offer = reached.map({ offers[$0] }) else {
            let places = allowed.map { offers[$0] }.map { offer in
                let current = record?.positions[offer.workflow.id.value].map { "is at \($0.stage)" }
                return "\(id) belongs to stage \(offer.stageID) of \(offer.workflow.id.value), "
                    + "and customer \(customer) \(current ?? "has not started it")"
            }
            guards.append(
                .fail(
                    Refusal(
                        .stageNotReached,
                        "customer \(customer) has not reached the stage of \(id): " + places.joined(separator: "; ")
                            + ". A new customer starts at the first stage")))
            return (guards.all, nil)
        }
        let position = record?.positions[offer.workflow.id.value]
        let stage = position?.stage ?? offer.stageID
        let (isNew, workflowID, offeredStage) = (position == nil, offer.workflow.id.value, offer.stageID)
        guards.pass(
            isNew
                ? "customer \(customer) is new to \(workflowID) and starts at stage \(stage)"
                : "customer \(customer) is at stage \(stage) of \(workflowID); "
                    + "stage \(offeredStage) offers \(id)")
        for gate in offer.entry.after {
            if let approved = record?.latestApproved[gate.value] {
                guards.pass("gate: the customer's \(gate.value) is approved (report \(approved))")
            } else {
                let pending = (record?.open[gate.value] ?? []).filter { state.reports[$0]?.status == .pending }
                let detail = pending.isEmpty ? "none is filed" : "report \(pending[0]) is still waiting for sign-off"
                guards.append(
                    .fail(
                        Refusal(
                            .gateClosed,
                            "\(id) can be filed for customer \(customer) only once its \(gate.value) is approved; "
                                + detail)))
            }
        }
        if !offer.entry.repeatable && offer.entry.cadence == nil {
            // The live reports are the open ones (pending, returned) and the approved ones: the customer's record
            // names the open ones and the latest approved, which is enough to find one without reading them all.
            let open = (record?.open[id] ?? []).lazy.compactMap { self.state.reports[$0] }.first
            if let existing = open ?? record?.latestApproved[id].flatMap({ state.reports[$0] }) {
                guards.append(
                    .fail(
                        Refusal(
                            .alreadyFiled,
                            "\(id) is filed once per customer, and customer \(customer) already has report "
                                + "\(existing.id) (\(existing.status.rawValue)); only a rejected or recalled one "
                                + "may be filed again")))
            } else {
                guards.pass("\(id) is filed once per customer, and customer \(customer) has no live one")
            }
        } else {
            guards.info("\(id) may be filed more than once per customer")
        }
        guard let policyID = form.value.policy?.value, let policy = catalog.policies[policyID] else {
            guards.append(.fail(Refusal(.noPolicy, "form \(id) names no approval policy that exists")))
            return (guards.all, nil)
        }
        guards.pass("reports of \(id) are signed under policy \(policyID)")
        let plan = SubmissionPlan(
            form: form, person: filer, offer: offer, policy: policy, stage: stage,
            opensCustomer: position == nil)
        return (guards.all, plan)
    }

    /// The longest customer id, in UTF-8 bytes: an id is a key of the store's snapshot (`c/` and the id, at most
    /// 1,024 bytes), and 256 leaves room for what is written around it.
    public static let customerIDLimit = 256

    /// Why `customer` cannot be a customer id, or nil.
    static func customerIDProblem(_ customer: CustomerID) -> String? {
        let id = customer.rawValue
        if id.isEmpty || id.trimmedOfSpacesAndNewlines != id {
            return "the customer id '\(customer)' is empty or has spaces at either end"
        }
        if let control = ControlCharacters.first(in: id, allowingLineBreaks: false) {
            return "the customer id holds the control character \(ControlCharacters.name(control)); use letters, "
                + "digits and punctuation"
        }
        if id.utf8.count > customerIDLimit {
            return "the customer id is \(id.utf8.count) bytes long (UTF-8); at most \(customerIDLimit) "
                + "(\(customerIDLimit) Latin letters, about \(customerIDLimit / 3) Chinese characters)"
        }
        return nil
    }

    func handleSubmit(_ command: Command.Submit) -> Result<[Event], Refusal> {
        if state.reports[command.report] != nil {
            return .failure(Refusal(.duplicateReport, "report id '\(command.report)' is already used"))
        }
        let (guards, plan) = submissionGuards(form: command.form, customer: command.customer, person: command.by)
        if let refusal = Guard.firstRefusal(guards) { return .failure(refusal) }
        guard let plan, let submitter = plan.person else {
            return .failure(Refusal(.unknownPerson, "there is nobody called '\(command.by)' in the org"))
        }
        let validator = AnswerValidator(form: plan.form, catalog: catalog)
        let parsed = validator.parsePlaced(command.answers)
        let context = validationContext(
            submitter: submitter, customer: command.customer, stage: plan.stage, at: command.at)
        let outcome = validator.validate(
            placed: parsed.placed, problems: parsed.problems, failed: parsed.failed, in: context)
        if !outcome.errors.isEmpty {
            let count = outcome.errors.count
            return .failure(
                Refusal(
                    .invalidAnswers,
                    "\(count) answer\(count == 1 ? "" : "s") of \(command.form) need\(count == 1 ? "s" : "") fixing",
                    fieldErrors: outcome.errors))
        }
        let routing: Routing
        switch route(plan.policy, submitter: submitter, bindings: outcome.bindings, at: command.at) {
        case .success(let value): routing = value
        case .failure(let refusal): return .failure(refusal)
        }
        let hash = validator.revisionHash(
            of: outcome, report: command.report, number: 1, form: command.form, formVersion: plan.form.value.version)
        let revision = Revision(
            number: 1, at: command.at, by: command.by, formVersion: plan.form.value.version,
            answers: outcome.answers, hash: hash,
            dropped: outcome.dropped, prefilled: outcome.prefilled, defaulted: outcome.defaulted,
            warnings: outcome.warnings)
        // A customer's first report makes three events; a report approved as it is filed, more.
        var events: [Event] = []
        events.reserveCapacity(4)
        let workflow = plan.offer.workflow.id.value
        if plan.opensCustomer {
            events.append(
                .customerOpened(
                    CustomerOpened(customer: command.customer, workflow: workflow, stage: plan.stage, at: command.at)))
        }
        events.append(
            .reportSubmitted(
                ReportSubmitted(
                    report: command.report, form: command.form, customer: command.customer, workflow: workflow,
                    stage: plan.offer.stageID, submitter: command.by, at: command.at, revision: revision,
                    routing: routing)))
        // By index: the closure of `firstIndex(where:)` is handed a copy of each step.
        if let first = routing.steps.indices.first(where: { !routing.steps[$0].skipped }) {
            events.append(opening(step: first, of: routing, report: command.report, at: command.at))
        } else {
            events.append(.reportApproved(ReportOutcome(report: command.report, at: command.at, by: nil, step: nil)))
            events += advancement(
                customer: command.customer, workflow: workflow, approving: command.report, form: command.form,
                answers: revision.answers, at: command.at, opening: plan.opensCustomer ? plan.stage : nil)
        }
        return .success(events)
    }

    /// The routing snapshot: every step's condition, approvers (with fallback) and trace, quorum and
    /// SLA, resolved now for `submitter`. The policy and the person are read where the catalogue holds them (a copy
    /// of either retains each of its parts).
    func route(
        _ policy: Shared<Policy>, submitter: OrgPerson, bindings: [String: Value], at time: Timestamp
    ) -> Result<
        Routing, Refusal
    > {
        guard let resolver = catalog.resolver else {
            return .failure(Refusal(.noApprover, "the form set has no org, so no step can find an approver"))
        }
        let today = catalog.calendar.localDate(of: time)
        // Resolutions are remembered per step and submitter when the policy is this form set's own (always, for
        // a submission, whose submitter is this form set's person too); otherwise resolved afresh.
        // The same version is the same policy file: its plan's steps are these steps.
        let plan = catalog.policyPlans[policy.value.id.value].flatMap { plan in
            plan.version == policy.value.version && plan.described.count == policy.value.steps.count ? plan : nil
        }
        let policyMeaning = plan?.meaning ?? Catalog.meaning(of: policy.value, text: catalog.text)
        func resolve(
            _ sources: [ApproverSource], step: Int, _ kind: Catalog.ResolutionKey.Sources
        ) -> ApproverResolver.Resolution {
            guard let plan else {
                return resolver.resolve(sources, for: submitter.value, allowSelf: policy.value.allowsSelfApproval)
            }
            let key = Catalog.ResolutionKey(
                slot: plan.slot(step: step, sources: kind), submitter: submitter.value.id.value,
                allowSelf: policy.value.allowsSelfApproval)
            return catalog.resolution(key, of: sources, for: submitter, by: resolver)
        }
        var steps: [RoutedStep] = []
        steps.reserveCapacity(policy.value.steps.count)
        let policySteps = policy.value.steps.withUnsafeBufferPointer { $0 }
        for stepIndex in policy.value.steps.indices {
            // Read where the policy holds it: a copy of a step retained and released each of its parts.
            let step = policySteps.baseAddress.unsafelyUnwrapped + stepIndex
            let condition = Self.stepCondition(
                step.pointee.when?.source, expression: step.pointee.when?.expression,
                described: plan?.described[stepIndex],
                bindings: bindings, today: today, now: time)
            let main = resolve(step.pointee.approvers, step: stepIndex, .approvers)
            var approvers = main.approvers
            var trace = main.trace
            if approvers.isEmpty && !step.pointee.fallback.isEmpty {
                let fallback = resolve(step.pointee.fallback, step: stepIndex, .fallback)
                approvers = fallback.approvers
                trace += fallback.trace.map { "fallback " + $0 }
            }
            let (quorum, required): (String, Int) =
                switch step.pointee.quorum.value {
                case .any: ("any", 1)
                case .all: ("all", max(1, approvers.count))
                case .count(let count): (String(count), count)
                }
            if !condition.skipped {
                if approvers.isEmpty {
                    return .failure(
                        Refusal(
                            .noApprover,
                            "step \(step.pointee.id.value) of policy \(policy.value.id.value) finds no eligible approver for "
                                + "\(submitter.value.id.value): " + trace.joined(separator: "; ")))
                }
                if required > approvers.count {
                    return .failure(
                        Refusal(
                            .quorumUnreachable,
                            "step \(step.pointee.id.value) needs \(required) distinct approvers but finds only "
                                + "\(approvers.count): " + approvers.map(\.rawValue).joined(separator: ", ")))
                }
            }
            let sla = step.pointee.sla.map { sla in
                let escalation = resolve(sla.escalateTo, step: stepIndex, .escalation)
                return StepSLA(
                    days: sla.days.value, remindAfter: sla.remindAfter?.value, escalateTo: escalation.approvers,
                    trace: escalation.trace)
            }
            steps.append(
                RoutedStep(
                    id: step.pointee.id.value,
                    meaning: plan?.stepMeanings[stepIndex] ?? catalog.text(step.pointee.meaning) ?? policyMeaning,
                    when: step.pointee.when?.source,
                    skipped: condition.skipped, reason: condition.reason, approvers: approvers, trace: trace,
                    quorum: quorum, required: required,
                    decisions: step.pointee.decisions.isEmpty ? Decision.allCases : step.pointee.decisions,
                    sla: sla))
        }
        return .success(
            Routing(
                policy: policy.value.id.value, policyVersion: policy.value.version, meaning: policyMeaning,
                selfApproval: policy.value.allowsSelfApproval, recall: policy.value.recall.rawValue,
                delegation: policy.value.delegation,
                material: plan?.material ?? policy.value.material.map(\.value),
                opinionRequired: plan?.opinionRequired
                    ?? Decision.allCases.filter(policy.value.decisionsNeedingOpinion.contains),
                steps: steps)
        )
    }
}
