import FormworkDefinitions
import FormworkLanguage

extension EngineState {
    /// Folds one event into the state. Reads nothing but the event and the state: the form set is
    /// not consulted, so a changed definition can never change how the journal replays.
    public mutating func apply(_ event: Event) {
        eventCount += 1
        if let clock, clock >= event.at {
            // Keep the later time.
        } else {
            clock = event.at
        }
        switch event {
        case .customerOpened(let body): apply(body)
        case .reportSubmitted(let body): apply(body)
        case .stepOpened(let body): apply(body)
        case .decisionRecorded(let body): apply(body)
        case .stepCompleted(let body): apply(body)
        case .reportApproved(let body): close(body, as: .approved, kind: event.kind)
        case .reportReturned(let body): close(body, as: .returned, kind: event.kind)
        case .reportRejected(let body): close(body, as: .rejected, kind: event.kind)
        case .reportRecalled(let body): close(body, as: .recalled, kind: event.kind)
        case .reportResubmitted(let body): apply(body)
        case .approvalsVoided(let body): apply(body)
        case .reminderSent(let body): apply(body)
        case .stepEscalated(let body): apply(body)
        case .customerAdvanced(let body): apply(body)
        case .formSetPublished(let body): formSetVersions.append(body)
        }
    }

    /// Changes a report in place (its arrays uniquely held, so they grow without being copied).
    private mutating func withReport(_ id: ReportID, _ change: (inout ReportRecord) -> Void) {
        reports.update(id, change)
    }

    /// Changes a report in place and re-files it under the people it now waits for, read from the
    /// report while it is held in place (reading it back from the map would copy the whole record).
    private mutating func withReportReindexed(_ id: ReportID, _ change: (inout ReportRecord) -> Void) {
        let people = reports.update(id) { report in
            change(&report)
            return report.waitingFor
        }
        if let people { refile(id, under: people) }
    }

    /// Changes a customer in place, creating it when it is new.
    @discardableResult
    private mutating func withCustomer<Result>(
        _ id: CustomerID, _ change: (inout CustomerRecord) -> Result
    ) -> Result {
        customers.update(id, orMake: { CustomerRecord(id: id) }, change)
    }

    /// Changes a customer in place and adds `line` (and `report`, when one is filed) to its history: to its last
    /// page, or to a new one when that one holds `CustomerPage.lineLimit` lines. One small page is read and
    /// written, however many reports the customer has; which one, the customer's line count says.
    private mutating func withCustomer(
        _ id: CustomerID, filing line: HistoryEntry, report: FiledReport? = nil,
        _ change: (inout CustomerRecord) -> Void = { _ in }
    ) {
        let count = withCustomer(id) { customer in
            change(&customer)
            defer { customer.lineCount += 1 }
            return customer.lineCount
        }
        let key = CustomerPage.Key(customer: id, number: count / CustomerPage.lineLimit)
        let opensPage = count % CustomerPage.lineLimit == 0
        // A page's first line makes it; a later one goes onto it (made afresh should the page be missing).
        let added: Void? =
            opensPage
            ? nil
            : customerPages.update(key) { page in
                if let report { page.reports.append(report) }
                page.history.append(line)
            }
        if added == nil {
            customerPages[key] = CustomerPage(
                customer: id, number: key.number, reports: report.map { [$0] } ?? [], history: [line])
        }
    }

    private mutating func apply(_ body: CustomerOpened) {
        let line = HistoryEntry(
            at: body.at, kind: "customer-opened", words: .enteredWorkflow(body.workflow, stage: body.stage))
        withCustomer(body.customer, filing: line) { customer in
            customer.positions[body.workflow] = CustomerPosition(
                workflow: body.workflow, stage: body.stage, since: body.at, visited: [body.stage])
            customer.stageHistory.append(line)
        }
    }

    private mutating func apply(_ body: ReportSubmitted) {
        let steps = body.routing.steps.map { step in
            StepProgress(step: step.id, status: step.skipped ? .skipped : .waiting, reason: step.reason)
        }
        // Room for the lines of a report signed off without a return: the submission and the skipped steps, each
        // other step's opening, decision and completion, and the outcome (grown one line at a time, the array was
        // made four times over).
        let applying = body.routing.steps.count { !$0.skipped }
        var history: [HistoryEntry] = []
        history.reserveCapacity(2 + body.routing.steps.count - applying + 3 * applying)
        history.append(
            HistoryEntry(
                at: body.at, kind: "report-submitted",
                words: .submitted(body.submitter, form: body.form, hash: body.revision.hash)))
        for step in body.routing.steps where step.skipped {
            history.append(
                HistoryEntry(at: body.at, kind: "report-submitted", words: .stepSkipped(step.id, reason: step.reason)))
        }
        reportCount += 1
        let record = ReportRecord(
            id: body.report, form: body.form, customer: body.customer, workflow: body.workflow, stage: body.stage,
            submitter: body.submitter, submittedAt: body.at, updatedAt: body.at, approvedAt: nil, status: .pending,
            revisions: [body.revision], routing: body.routing, steps: steps, decisions: [], editors: [body.submitter],
            history: history)
        let people = record.waitingFor
        reports[body.report] = record
        let filed = HistoryEntry(
            at: body.at, kind: "report-submitted", words: .filed(body.submitter, form: body.form, report: body.report))
        withCustomer(body.customer, filing: filed, report: FiledReport(report: body.report, form: body.form)) {
            customer in
            customer.reportCount += 1
            if customer.firstReport == nil { customer.firstReport = body.report }
            customer.open[body.form, default: []].append(body.report)
        }
        refile(body.report, under: people)
    }

    private mutating func apply(_ body: StepOpened) {
        var opened: StepProgress?
        withReportReindexed(body.report) { report in
            guard let index = report.stepIndex(of: body.step) else { return }
            report.steps[index].status = .open
            report.steps[index].openedAt = body.at
            report.steps[index].remindAt = body.remindAt
            report.steps[index].dueAt = body.dueAt
            report.steps[index].reminded = false
            report.steps[index].escalated = false
            let words = HistoryWords.stepOpened(body.step, approvers: report.approvers(ofStep: index), due: body.dueAt)
            report.history.append(HistoryEntry(at: body.at, kind: "step-opened", words: words))
            report.updatedAt = body.at
            opened = report.steps[index]
        }
        if let opened { scheduleDeadlines(of: opened, report: body.report) }
    }

    private mutating func apply(_ body: DecisionRecorded) {
        withReportReindexed(body.report) { report in
            report.decisions.append(
                DecisionEntry(
                    step: body.step, decision: body.decision, opinion: body.opinion, signature: body.signature))
            let words = HistoryWords.decided(
                body.signature.signer, actingFor: body.signature.actingFor, decision: body.decision, step: body.step,
                revision: body.signature.revision, opinion: body.opinion)
            report.history.append(HistoryEntry(at: body.signature.at, kind: "decision-recorded", words: words))
            report.updatedAt = body.signature.at
        }
    }

    private mutating func apply(_ body: StepCompleted) {
        var closed: StepProgress?
        withReportReindexed(body.report) { report in
            guard let index = report.stepIndex(of: body.step) else { return }
            closed = report.steps[index]
            report.steps[index].status = .completed
            report.history.append(
                HistoryEntry(
                    at: body.at, kind: "step-completed", words: .stepCompleted(body.step, approvers: body.approvers)))
            report.updatedAt = body.at
        }
        if let closed { unscheduleDeadlines(of: closed, report: body.report) }
    }

    private mutating func close(_ body: ReportOutcome, as status: ReportStatus, kind: String) {
        var closed: StepProgress?
        var filed: (customer: CustomerID, form: FormID)?
        withReportReindexed(body.report) { report in
            if let index = report.openStepIndex {
                closed = report.steps[index]
                report.steps[index].status = .waiting
            }
            report.status = status
            report.updatedAt = body.at
            report.history.append(
                HistoryEntry(at: body.at, kind: kind, words: .closed(status, by: body.by, step: body.step)))
            if status == .approved { report.approvedAt = body.at }
            filed = (report.customer, report.form)
        }
        if let closed { unscheduleDeadlines(of: closed, report: body.report) }
        // A returned report stays open (its submitter revises it); the other outcomes are final.
        guard let filed, status != .returned else { return }
        func settle(_ customer: inout CustomerRecord) {
            if let index = customer.open.index(forKey: filed.form) {
                let left = customer.open.modifyValue(at: index) { reports in
                    reports.removeAll { $0 == body.report }
                    return reports.count
                }
                if left == 0 { customer.open.remove(at: index) }
            }
            if status == .approved { customer.latestApproved[filed.form] = body.report }
        }
        if status == .approved {
            let line = HistoryEntry(at: body.at, kind: kind, words: .approvedFiled(filed.form, report: body.report))
            withCustomer(filed.customer, filing: line, settle)
        } else {
            withCustomer(filed.customer, settle)
        }
    }

    private mutating func apply(_ body: ReportResubmitted) {
        withReportReindexed(body.report) { report in
            report.revisions.append(body.revision)
            report.status = .pending
            report.updatedAt = body.at
            if !report.editors.contains(body.by) { report.editors.append(body.by) }
            for condition in body.steps {
                guard let index = report.stepIndex(of: condition.step) else { continue }
                report.steps[index].reason = condition.reason
                if condition.skipped {
                    report.steps[index].status = .skipped
                } else if report.steps[index].status == .skipped {
                    report.steps[index].status = .waiting
                }
            }
            let words = HistoryWords.resubmitted(
                body.by, revision: body.revision.number, hash: body.revision.hash, changed: body.changed)
            report.history.append(HistoryEntry(at: body.at, kind: "report-resubmitted", words: words))
        }
    }

    private mutating func apply(_ body: ApprovalsVoided) {
        withReportReindexed(body.report) { report in
            for voided in body.approvals {
                for index in report.decisions.indices
                where report.decisions[index].decision == .approve && !report.decisions[index].voided
                    && report.decisions[index].step == voided.step
                    && report.decisions[index].signature.signer == voided.signer
                {
                    report.decisions[index].voided = true
                }
            }
            for index in report.steps.indices where report.steps[index].status == .completed {
                report.steps[index].status = .waiting
            }
            report.history.append(
                HistoryEntry(
                    at: body.at, kind: "approvals-voided",
                    words: .approvalsVoided(revision: body.revision, fields: body.fields)))
            report.updatedAt = body.at
        }
    }

    private mutating func apply(_ body: ReminderSent) {
        deadlines.remove(Deadline(at: body.remindAt, report: body.report, step: body.step, kind: .reminder))
        withReport(body.report) { report in
            guard let index = report.stepIndex(of: body.step) else { return }
            report.steps[index].reminded = true
            report.history.append(
                HistoryEntry(at: body.at, kind: "reminder-sent", words: .reminder(body.step, to: body.to)))
        }
    }

    private mutating func apply(_ body: StepEscalated) {
        deadlines.remove(Deadline(at: body.dueAt, report: body.report, step: body.step, kind: .due))
        withReportReindexed(body.report) { report in
            guard let index = report.stepIndex(of: body.step) else { return }
            report.steps[index].escalated = true
            for person in body.added where !report.steps[index].added.contains(person) {
                report.steps[index].added.append(person)
            }
            report.history.append(
                HistoryEntry(
                    at: body.at, kind: "step-escalated",
                    words: .escalated(body.step, dueAt: body.dueAt, added: body.added)))
        }
    }

    private mutating func apply(_ body: CustomerAdvanced) {
        let line = HistoryEntry(
            at: body.at, kind: "customer-advanced", words: .advanced(from: body.from, to: body.to, reason: body.reason))
        withCustomer(body.customer, filing: line) { customer in
            var position =
                customer.positions[body.workflow]
                ?? CustomerPosition(workflow: body.workflow, stage: body.from, since: body.at, visited: [body.from])
            position.stage = body.to
            position.since = body.at
            if !position.visited.contains(body.to) { position.visited.append(body.to) }
            customer.positions[body.workflow] = position
            customer.stageHistory.append(line)
        }
    }
}
