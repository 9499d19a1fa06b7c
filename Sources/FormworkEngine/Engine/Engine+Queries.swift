public import FormworkDefinitions
public import FormworkLanguage

extension Engine {
    /// The report with this id, if any.
    public func report(_ id: ReportID) -> ReportRecord? {
        state.reports[id]
    }

    /// The reports a `report` field offers for `customer`: its latest `limit` reports (of `form`, when the field
    /// names one, and of one of `statuses`, when the field says which), latest first.
    ///
    /// They are looked for in the customer's last `pageLimit` pages (`CustomerPage.lineLimit` history lines each)
    /// and, when those hold fewer than `limit`, among the customer's open and latest approved reports of the form,
    /// which its record lists wherever they were filed. So a form filed rarely on a key account costs a few pages,
    /// not every page back to the form's last filing, and the reports one most likely names (a visit record's plan,
    /// pending or approved) are offered all the same.
    public func reportChoices(
        customer: CustomerID, form: FormID?, statuses: [ReportStatus]? = nil, limit: Int = 9, pageLimit: Int = 8
    ) -> [ReportRecord] {
        func offered(_ report: ReportRecord) -> Bool { statuses?.contains(report.status) ?? true }
        let found = state.latestFiled(of: customer, form: form, limit: limit, pageLimit: pageLimit)
        var reports = found.reversed().compactMap { state.reports[$0.report] }.filter(offered)
        if reports.count < limit, let form, let record = state.customers[customer] {
            // Filed before the pages looked at (those hold the latest filings): after them, latest first.
            let shown = Set(found.map(\.report))
            let more = Set((record.open[form] ?? []) + (record.latestApproved[form].map { [$0] } ?? []))
            reports += more.subtracting(shown).compactMap { state.reports[$0] }.filter(offered)
                .sorted { ($0.submittedAt, $0.id) > ($1.submittedAt, $1.id) }
        }
        return Array(reports.prefix(max(0, limit)))
    }

    /// The report with what comes next and what blocks it.
    public func overview(of id: ReportID) -> ReportOverview? {
        guard let report = state.reports[id] else { return nil }
        var next: [String] = []
        var blockers: [String] = []
        switch report.status {
        case .pending:
            if let index = report.openStepIndex {
                let routed = report.routing.steps[index]
                let approvals = report.approvals(atStep: index)
                let waiting = report.waitingFor
                var line =
                    "step \(routed.id) waits for "
                    + (waiting.isEmpty ? "nobody" : waiting.map(\.rawValue).joined(separator: " or "))
                    + " (\(approvals.count) of \(routed.required) approvals)"
                if let due = report.steps[index].dueAt { line += "; due \(due)" }
                next.append(line)
                if approvals.count + waiting.count < routed.required {
                    // Escalation adds the step's `escalate_to` people who are not approvers yet and may still sign.
                    let current = report.approvers(ofStep: index)
                    let addable = (routed.sla?.escalateTo ?? []).filter { person in
                        !current.contains(person) && !report.editors.contains(person) && !report.hasApproved(person)
                    }
                    blockers.append(
                        "step \(routed.id) cannot reach its quorum with the approvers left; "
                            + (report.steps[index].escalated || addable.isEmpty
                                ? "nobody more can be added (one person signs one step)"
                                : "escalation adds approvers once it is overdue"))
                }
                for later in report.steps.indices where later > index && report.steps[later].status == .waiting {
                    next.append("then step \(report.steps[later].step)")
                }
            }
        case .returned:
            next.append("\(report.submitter) revises and resubmits the report")
        case .approved, .rejected, .recalled:
            next.append("nothing: the report is \(report.status.rawValue)")
        }
        return ReportOverview(record: report, next: next, blockers: blockers)
    }

    /// The reports waiting for `person`, earliest due first: to decide, to decide for an absent
    /// approver (delegation windows open on `at`'s day; none when `at` is nil), or to revise.
    /// Why `signing` may not approve `report` at step `index` though they may decide it there, as `approve`
    /// would refuse it: one of them approved this report already, or approving would leave a later step with
    /// too few people who may sign it.
    private func approvalRefused(_ report: ReportRecord, index: Int, signing: [PersonID]) -> Refusal? {
        if let signer = signing.sorted().first(where: { report.hasApproved($0) }) {
            return Self.duplicateApproval(by: signer, of: report.id)
        }
        return laterStepsGuard(report, index: index, signing: signing)?.refusal
    }

    public func inbox(for person: PersonID, at time: Timestamp? = nil) -> [InboxItem] {
        var items: [InboxItem] = []
        for id in state.reportsAwaiting(person) {
            guard let report = state.reports[id] else { continue }
            if report.status == .returned {
                items.append(
                    InboxItem(
                        report: id, form: report.form, customer: report.customer, submitter: report.submitter,
                        reason: .revise, step: nil, actingFor: nil, since: report.updatedAt, dueAt: nil))
            } else if let index = report.openStepIndex {
                items.append(
                    InboxItem(
                        report: id, form: report.form, customer: report.customer, submitter: report.submitter,
                        reason: .decide, step: report.steps[index].step, actingFor: nil,
                        since: report.steps[index].openedAt ?? report.updatedAt, dueAt: report.steps[index].dueAt,
                        approvalRefused: approvalRefused(report, index: index, signing: [person])))
            }
        }
        if let time {
            let today = catalog.calendar.localDate(of: time)
            for delegation in catalog.delegationsTo[person] ?? []
            where delegation.start.value <= today && today <= delegation.end.value {
                let principal = delegation.from.value
                for id in state.reportsAwaiting(principal) {
                    guard let report = state.reports[id], report.status == .pending,
                        let index = report.openStepIndex, report.routing.delegation,
                        delegation.policies.isEmpty
                            || delegation.policies.contains(where: { $0.value == report.routing.policy }),
                        report.submitter != person, !report.editors.contains(person), !report.hasApproved(person),
                        !items.contains(where: { $0.report == id })
                    else { continue }
                    items.append(
                        InboxItem(
                            report: id, form: report.form, customer: report.customer, submitter: report.submitter,
                            reason: .actingFor, step: report.steps[index].step, actingFor: principal,
                            since: report.steps[index].openedAt ?? report.updatedAt,
                            dueAt: report.steps[index].dueAt,
                            approvalRefused: approvalRefused(report, index: index, signing: [person, principal])))
                }
            }
        }
        return items.sorted { left, right in
            let l = (left.dueAt ?? left.since).secondsSinceEpoch
            let r = (right.dueAt ?? right.since).secondsSinceEpoch
            return l != r ? l < r : left.report < right.report
        }
    }

    /// The customer with its stages, the forms it can be filed now and what it needs to move on.
    ///
    /// With `latest`, the overview holds only the customer's latest `latest` reports and history lines (and says how
    /// many earlier ones there are), read from its last pages: a key account's whole history is not read to show
    /// its end.
    public func customer(_ id: CustomerID, latest: Int? = nil) -> CustomerOverview? {
        guard let record = state.customers[id] else { return nil }
        var forms: [CustomerOverview.FormAvailability] = []
        var toAdvance: [String] = []
        for workflowID in record.positions.keys.sorted() {
            guard let position = record.positions[workflowID], let workflow = catalog.workflows[workflowID]?.value,
                let stage = workflow.stages.first(where: { $0.id.value == position.stage })
            else { continue }
            for entry in stage.forms {
                let (guards, _) = submissionGuards(form: entry.form.value, customer: id, person: nil)
                let blockers = guards.compactMap { $0.refusal?.message }
                forms.append(
                    .init(
                        workflow: workflowID, stage: stage.id.value, form: entry.form.value,
                        available: blockers.isEmpty,
                        blockers: blockers))
                if entry.required && record.latestApproved[entry.form.value] == nil {
                    toAdvance.append("\(stage.id.value): an approved \(entry.form.value) is needed")
                }
            }
            if let exit = stage.exitWhen {
                toAdvance.append("\(stage.id.value): the exit condition `\(exit.source)` must hold")
            }
        }
        let reports: [FiledReport]
        let history: [HistoryEntry]
        if let latest {
            (reports, history) = state.latestPages(of: id, reports: latest, lines: latest)
        } else {
            let pages = state.pages(of: id)
            (reports, history) = (pages.flatMap(\.reports), pages.flatMap(\.history))
        }
        return CustomerOverview(
            record: record, reports: reports, history: history, forms: forms, toAdvance: toAdvance,
            earlierReports: max(0, record.reportCount - reports.count),
            earlierHistoryLines: max(0, record.lineCount - history.count))
    }
}
