import FormworkDefinitions
import FormworkLanguage

extension Engine {
    /// The acting person, who must be in the org and active: the person called `id`, its line passed to `guards`;
    /// nil, with the refusal appended, when there is nobody of that name or they are no longer active.
    func actor(_ id: PersonID, into guards: inout GuardList) -> OrgPerson? {
        guard let shared = catalog.people[id] else {
            let known = catalog.people.keys.map(\.rawValue)
            let hint = Suggestion.didYouMean(id.rawValue, in: known)
            let message =
                formSet.org == nil
                ? "the form set has no org, so nobody can act; add an org file"
                : "there is nobody called '\(id)' in the org\(hint)"
            guards.append(.fail(Refusal(.unknownPerson, message)))
            return nil
        }
        guard shared.value.active else {
            guards.append(
                .fail(Refusal(.inactivePerson, "\(id) (\(shared.value.name)) is no longer active in the org")))
            return nil
        }
        guards.pass("\(id) (\(shared.value.name)) is an active person in the org")
        return shared
    }

    /// The report called `id`, its line passed to `guards`; nil, with the refusal appended, when there is none.
    func lookup(_ id: ReportID, into guards: inout GuardList) -> ReportRecord? {
        guard let report = state.reports[id] else {
            guards.append(.fail(Refusal(.unknownReport, "there is no report '\(id)'")))
            return nil
        }
        guards.pass("report \(id) is a \(report.form) for customer \(report.customer), filed by \(report.submitter)")
        return report
    }

    /// `step-opened` for step `index` of `report` opening at `time`, with its SLA deadlines.
    func opening(step index: Int, of routing: Routing, report: ReportID, at time: Timestamp) -> Event {
        // The step is read in place (a copy would retain each of its strings and arrays).
        let calendar = catalog.calendar
        let dueAt = routing.steps[index].sla.flatMap { calendar.endOfBusinessDays($0.days, after: time) }
        let remindAt = routing.steps[index].sla.flatMap { sla in
            sla.remindAfter.flatMap { calendar.endOfBusinessDays($0, after: time) }
        }
        return .stepOpened(
            StepOpened(report: report, step: routing.steps[index].id, at: time, remindAt: remindAt, dueAt: dueAt))
    }

    /// A value a condition reads, as the reason of a step describes it: `submitter.region` is the name
    /// `submitter` and the member path `["region"]`.
    struct DescribedName: Sendable {
        var text: String
        var name: String
        var memberPath: [String]
    }

    /// The values `condition` reads, in the order it reads them first, each once: worked out once per policy
    /// step of the form set (`Catalog.PolicyPlan`), as walking the expression made arrays of its nodes.
    static func describedNames(of condition: FormworkLanguage.Expression) -> [DescribedName] {
        // A condition names a handful of values: looking a name up in a short list costs less than
        // hashing it into a set.
        var names: [DescribedName] = []
        for reference in condition.references {
            var text = reference.name
            for member in reference.memberPath { text += "." + member }
            guard !names.contains(where: { $0.text == text }) else { continue }
            names.append(DescribedName(text: text, name: reference.name, memberPath: reference.memberPath))
        }
        return names
    }

    /// The names and the values they had: `deal_value = 850000, submitter.region = "north"`.
    static func describeValues(_ names: [DescribedName], in bindings: [String: Value]) -> String {
        var text = ""
        for (index, described) in names.enumerated() {
            var value = bindings[described.name] ?? .null
            for member in described.memberPath {
                if case .record(let record) = value { value = record[member] ?? .null } else { value = .null }
            }
            text += index == 0 ? "\(described.text) = \(value)" : ", \(described.text) = \(value)"
        }
        return text
    }

    /// Evaluates a step's `when` and says why the step applies or is skipped. A condition that cannot
    /// be evaluated keeps the step: a broken condition never removes an approval.
    /// `described` are `describedNames(of: expression)` when known already.
    static func stepCondition(
        _ source: String?, expression: FormworkLanguage.Expression?, described: [DescribedName]? = nil,
        bindings: [String: Value], today: LocalDate, now: Timestamp
    ) -> (skipped: Bool, reason: String?) {
        guard let source else { return (false, nil) }
        guard let expression else { return (false, "the condition `\(source)` could not be read; the step applies") }
        let context = EvaluationContext(bindings: bindings, today: today, now: now)
        // "`source` is true (values)", written into one string of the right size rather than interpolated twice.
        func reason(_ verdict: String) -> String {
            let values = describeValues(described ?? describedNames(of: expression), in: bindings)
            var text = "`"
            text.reserveCapacity(source.utf8.count + values.utf8.count + 16)
            text += source
            text += verdict
            if !values.isEmpty {
                text += " ("
                text += values
                text += ")"
            }
            return text
        }
        switch Evaluator.evaluateCondition(expression, in: context) {
        case .success(true): return (false, reason("` is true"))
        case .success(false): return (true, reason("` is false"))
        case .failure(let failure):
            return (false, "`\(source)` could not be evaluated (\(failure.message)); the step applies")
        }
    }

    /// The record a form's report shows to `exit_when` conditions: every field of the form, `null`
    /// where the report has no answer.
    func record(of form: Form, answers: Answers) -> Value {
        .record(
            Record(
                name: form.id.value.rawValue,
                fields: form.fields.filter { $0.type.value != .note }.map { field in
                    Record.Field(name: field.id.value.rawValue, value: answers[field.id.value] ?? .null)
                }))
    }

    /// The validation context of a submission or resubmission for `customer` at `time`.
    func validationContext(
        submitter: OrgPerson, customer: CustomerID, stage: StageID?, at time: Timestamp
    ) -> AnswerValidator.Context {
        // Only the customer's latest approved reports are read (a copy of the whole record retains all its parts).
        let latestApproved = state.customers.read(customer) { $0.latestApproved }
        let reports = state.reports
        return AnswerValidator.Context(
            submitter: submitter.submitterRecord,
            customer: Catalog.customerRecord(customer, stage: stage),
            customerID: customer,
            today: catalog.calendar.localDate(of: time),
            now: time,
            prefill: { path, named in
                // A named report must be the customer's, of the prefill's form: any other gives nothing (the
                // report field's own check says why), never the latest approved one in its place.
                guard let id = named ?? latestApproved?[path.form], let report = reports[id],
                    report.form == path.form, report.customer == customer,
                    let value = report.revision.answers[path.field]
                else { return nil }
                return (value, id)
            },
            reportInfo: { id in reports[id].map { ($0.form, $0.customer, $0.status) } })
    }
}
