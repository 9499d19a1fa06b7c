import FormworkDefinitions
import FormworkLanguage

extension Engine {
    /// Every guard of `person` resubmitting or recalling report `id`.
    func submitterGuards(report id: ReportID, person: PersonID, recalling: Bool) -> ([Guard], ReportRecord?) {
        var guards = GuardList(explaining: true, capacity: 8)
        guard let report = lookup(id, into: &guards), actor(person, into: &guards) != nil else {
            return (guards.all, nil)
        }
        let verb = recalling ? "recall" : "resubmit"
        if person == report.submitter {
            guards.append(.pass("\(person) filed the report"))
        } else {
            guards.append(
                .fail(
                    Refusal(
                        .notTheSubmitter,
                        "only \(report.submitter), who filed report \(id), may \(verb) it")))
        }
        let wanted: ReportStatus = recalling ? .pending : .returned
        if report.status == wanted {
            guards.append(.pass("report \(id) is \(report.status.rawValue)"))
        } else if report.status == .approved || report.status == .rejected {
            guards.append(
                .fail(Refusal(.alreadyDecided, "report \(id) is already \(report.status.rawValue); it is final")))
        } else {
            let need = recalling ? "only a report waiting for sign-off" : "only a returned report"
            guards.append(
                .fail(
                    Refusal(
                        .wrongState,
                        "report \(id) is \(report.status.rawValue); \(need) can be \(verb == "recall" ? "recalled" : "resubmitted")"
                    )))
        }
        if recalling {
            if report.routing.allowsRecall {
                guards.append(.pass("policy \(report.routing.policy) allows recall until the first decision"))
            } else {
                guards.append(
                    .fail(
                        Refusal(.recallNotAllowed, "policy \(report.routing.policy) does not allow recalling reports")))
            }
            if let first = report.decisions.first {
                guards.append(
                    .fail(
                        Refusal(
                            .recallTooLate,
                            "report \(id) can no longer be recalled: \(first.signature.signer) already chose "
                                + "\(first.decision.rawValue) at \(first.signature.at)")))
            } else {
                guards.append(.pass("nobody has decided on report \(id) yet"))
            }
        }
        return (guards.all, report)
    }

    func handleRecall(_ command: Command.Recall) -> Result<[Event], Refusal> {
        let (guards, found) = submitterGuards(report: command.report, person: command.by, recalling: true)
        if let refusal = Guard.firstRefusal(guards) { return .failure(refusal) }
        guard let report = found else {
            return .failure(Refusal(.unknownReport, "there is no report '\(command.report)'"))
        }
        let step = report.openStepIndex.map { report.steps[$0].step }
        return .success([.reportRecalled(ReportOutcome(report: report.id, at: command.at, by: command.by, step: step))])
    }

    /// The answers a resubmission of `report` starts from: the current revision's that `form` still asks, but for
    /// those the form filled in by prefill. Those are filled in again, from the report the form names now or the
    /// customer's latest approved one: a visit record's read-only plan answers follow the plan it names (another
    /// one, or the same plan revised), and a plan's change is not an answer the submitter gave.
    func carriedAnswers(of report: ReportRecord, form: Form) -> [String: Value] {
        let prefilled = Set(report.revision.prefilled.map(\.field))
        var base: [String: Value] = [:]
        for field in form.fields where field.compute == nil && field.type.value != .note {
            guard !prefilled.contains(field.id.value), let value = report.revision.answers[field.id.value] else {
                continue
            }
            base[field.id.value.rawValue] = value
        }
        return base
    }

    func handleResubmit(_ command: Command.Resubmit) -> Result<[Event], Refusal> {
        let (guards, found) = submitterGuards(report: command.report, person: command.by, recalling: false)
        if let refusal = Guard.firstRefusal(guards) { return .failure(refusal) }
        guard let report = found, let submitter = catalog.people[command.by] else {
            return .failure(Refusal(.unknownReport, "there is no report '\(command.report)'"))
        }
        guard let form = catalog.forms[report.form]?.value else {
            return .failure(Refusal(.unknownForm, "form \(report.form) is no longer in the form set"))
        }
        let validator = AnswerValidator(form: form, catalog: catalog)
        var base = carriedAnswers(of: report, form: form)
        let migrated = migration(of: report, to: form, base: &base, validator: validator, changes: command.changes)
        let parsed = validator.parse(command.changes)
        for key in command.changes.keys where form.field(FieldID(key)) != nil && !parsed.failed.contains(key) {
            base[key] = parsed.values[key] ?? .null
        }
        let stage = state.customers[report.customer]?.positions[report.workflow]?.stage
        let context = validationContext(submitter: submitter, customer: report.customer, stage: stage, at: command.at)
        let outcome = validator.validate(base, problems: parsed.problems, failed: parsed.failed, in: context)
        if !outcome.errors.isEmpty {
            let count = outcome.errors.count
            return .failure(
                Refusal(
                    .invalidAnswers,
                    "\(count) answer\(count == 1 ? "" : "s") of \(report.form) need\(count == 1 ? "s" : "") fixing",
                    fieldErrors: outcome.errors))
        }
        let previous = report.revision.answers
        let fields = Set(previous.fields).union(outcome.answers.fields)
        let changed = fields.filter { field in
            switch (previous[field], outcome.answers[field]) {
            case (nil, nil): false
            case (let old?, let new?): !old.languageEquals(new)
            default: true
            }
        }.sorted()
        let material = changed.filter { report.routing.material.contains($0) }
        let today = catalog.calendar.localDate(of: command.at)
        var conditions: [StepCondition] = []
        for (index, step) in report.routing.steps.enumerated() {
            let expression = step.when.flatMap { Parser.parse($0).expression }
            let condition = Self.stepCondition(
                step.when, expression: expression, bindings: outcome.bindings, today: today, now: command.at)
            if !condition.skipped && report.approvers(ofStep: index).count < max(1, step.required) {
                return .failure(
                    Refusal(
                        .noApprover,
                        "step \(step.id) now applies (\(condition.reason ?? "")) but has too few approvers: "
                            + step.trace.joined(separator: "; ")))
            }
            conditions.append(StepCondition(step: step.id, skipped: condition.skipped, reason: condition.reason))
        }
        let number = report.revision.number + 1
        // Answers carried over unchanged keep their provenance (defaulted). Prefilled ones are never carried over
        // (`carriedAnswers`): they are prefilled again, and the validation says from where.
        let kept = { (path: String) in
            let field = String(path.prefix { $0 != "[" && $0 != "." })
            return !changed.contains(FieldID(field)) && command.changes[field] == nil
        }
        let prefilled = outcome.prefilled
        let defaulted = report.revision.defaulted.filter(kept) + outcome.defaulted
        let revision = Revision(
            number: number, at: command.at, by: command.by, formVersion: form.version,
            answers: outcome.answers,
            hash: Revision.hash(
                report: report.id, number: number, form: report.form, formVersion: form.version,
                answers: outcome.answers),
            dropped: migrated + outcome.dropped, prefilled: prefilled, defaulted: defaulted,
            warnings: outcome.warnings)
        var events: [Event] = [
            .reportResubmitted(
                ReportResubmitted(
                    report: report.id, at: command.at, by: command.by, revision: revision, changed: changed,
                    materialChanged: material, steps: conditions))
        ]
        let standing = report.decisions.filter(\.isStandingApproval)
        var voiding = !material.isEmpty && !standing.isEmpty
        // A step signed before a revision skipped it, that applies again: its standing approvals may still meet its
        // quorum (it is then done), or not (it opens again for the others).
        let signed = { (index: Int) in
            report.steps[index].status == .completed
                || report.approvals(atStep: index).count >= max(1, report.routing.steps[index].required)
        }
        let applicable = conditions.indices.filter { !conditions[$0].skipped }
        var next = applicable.first { voiding || !signed($0) }
        // A resubmission alone never approves a report that was sent back: when every step that still applies was
        // signed before (the step that returned it no longer applies), the new revision is signed again from the
        // first of them. Otherwise the submitter could answer a return by switching its step off.
        let nobodyLeft = next == nil && !applicable.isEmpty && !voiding
        if nobodyLeft {
            voiding = true
            next = applicable.first
        }
        // When no step applies any more, the step that sent it back signs it: its condition is false now, but
        // a return is answered by someone who reads the new revision, never by switching every step off.
        if next == nil, applicable.isEmpty, report.status == .returned,
            let returned = report.decisions.last(where: { $0.decision == .return })?.step,
            let index = report.routing.steps.firstIndex(where: { $0.id == returned })
        {
            next = index
        }
        if voiding {
            events.append(
                .approvalsVoided(
                    ApprovalsVoided(
                        report: report.id, at: command.at, revision: number, fields: nobodyLeft ? [] : material,
                        approvals: standing.map {
                            VoidedApproval(
                                step: $0.step, signer: $0.signature.signer, actingFor: $0.signature.actingFor,
                                revision: $0.signature.revision)
                        })))
        } else {
            for index in applicable where report.steps[index].status != .completed && signed(index) {
                events.append(
                    .stepCompleted(
                        StepCompleted(
                            report: report.id, step: report.steps[index].step, at: command.at,
                            approvers: report.approvals(atStep: index))))
            }
        }
        if let next {
            events.append(opening(step: next, of: report.routing, report: report.id, at: command.at))
        } else {
            events.append(.reportApproved(ReportOutcome(report: report.id, at: command.at, by: nil, step: nil)))
            events += advancement(
                customer: report.customer, workflow: report.workflow, approving: report.id, form: report.form,
                answers: revision.answers, at: command.at)
        }
        return .success(events)
    }

    /// When the form changed since the last revision (a new version was published), the answers
    /// carried over are those whose field still exists and still takes them; the others are dropped
    /// and recorded with why. Answers the submitter gives now are judged as usual.
    func migration(
        of report: ReportRecord, to form: Form, base: inout [String: Value], validator: AnswerValidator,
        changes: GivenAnswers
    ) -> [DroppedAnswer] {
        let from = report.revision.formVersion
        guard from != form.version else { return [] }
        let version = "form version \(form.version.prefix(12))"
        var dropped: [DroppedAnswer] = []
        for (field, value) in report.revision.answers.entries.map({ ($0.field, $0.value) }) {
            guard changes[field.rawValue] == nil else { continue }
            guard let now = form.field(field) else {
                dropped.append(
                    DroppedAnswer(field: field.rawValue, value: value, reason: "'\(field)' is no longer in \(version)"))
                continue
            }
            guard now.compute == nil, now.type.value != .note else {
                let what = now.compute != nil ? "computed" : "display only"
                if now.compute == nil {
                    dropped.append(
                        DroppedAnswer(
                            field: field.rawValue, value: value, reason: "'\(field)' is \(what) in \(version)"))
                }
                continue
            }
            let check = validator.parse([field.rawValue: .value(value)])
            if check.failed.contains(field.rawValue) {
                base[field.rawValue] = nil
                let why = check.problems.first?.finding.message ?? "it no longer fits the field"
                dropped.append(
                    DroppedAnswer(
                        field: field.rawValue, value: value, reason: "no longer fits '\(field)' in \(version): \(why)"))
            }
        }
        return dropped
    }
}
