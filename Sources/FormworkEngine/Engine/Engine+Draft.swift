public import FormworkDefinitions
public import FormworkLanguage

extension Engine {
    /// A report being filled in, judged as it stands: what the form shows now, what it would fill in
    /// by itself, and what is wrong so far.
    ///
    /// Front ends that ask one question at a time (terminal prompts, a web page) call
    /// `draft(form:customer:submitter:at:answers:)` after every answer. The findings come from the very
    /// validator that judges the submission, so an answer the draft accepts is an answer the
    /// submission accepts, and the same messages are shown.
    public struct Draft: Sendable {
        /// Why the form cannot be filed at all (unknown form, role, stage, gate, repeat): nil when it can.
        public var refusal: Refusal?
        /// The paths of the fields the form shows now (`show_if` and the section's `show_if` true):
        /// top-level ids, and `group[row].field` for the fields of each row (rows count from 1).
        public var visible: Set<String> = []
        /// The paths of visible fields that are read-only now (`read_only_if` true).
        public var readOnly: Set<String> = []
        /// Every final value by top-level field id: given, prefilled, defaulted or computed.
        public var values: [FieldID: Value] = [:]
        /// For fields without an answer, the value the form fills in by itself (prefill or default),
        /// by path. Leaving such a field empty keeps it.
        public var offered: [String: Value] = [:]
        /// Where the offered prefilled values come from, by field id.
        public var prefilled: [FieldID: PrefilledAnswer] = [:]
        /// Every error, fields in form order then the form's checks: a submission now would be refused
        /// with exactly these.
        public var errors: [FieldFinding] = []
        /// Every warning, in the same order.
        public var warnings: [FieldFinding] = []
        /// The form-level findings (`field` nil), each with the fields its check reads.
        public var formFindings: [FormFinding] = []

        /// A finding of the form's own checks, with the top-level fields it reads in the order they
        /// appear in the rule, so that a front end can say which answers to change.
        public struct FormFinding: Sendable, Hashable {
            public var message: String
            public var isWarning: Bool
            public var fields: [FieldID]

            public init(message: String, isWarning: Bool, fields: [FieldID]) {
                self.message = message
                self.isWarning = isWarning
                self.fields = fields
            }
        }

        /// The errors of the field at `path`; with `rows`, also those of its rows (`path[n].…`).
        public func errors(at path: String, rows: Bool = false) -> [FieldFinding] {
            errors.filter { Self.matches($0.field, path, rows: rows) }
        }

        /// The warnings of the field at `path`; with `rows`, also those of its rows.
        public func warnings(at path: String, rows: Bool = false) -> [FieldFinding] {
            warnings.filter { Self.matches($0.field, path, rows: rows) }
        }

        private static func matches(_ field: String?, _ path: String, rows: Bool) -> Bool {
            guard let field else { return false }
            return field == path || (rows && field.hasPrefix(path + "["))
        }
    }

    /// The draft of `form` filed for `customer` by `submitter` at `time` with the answers given so far
    /// (keys are field ids, as `Command.Submit` takes them).
    ///
    /// Unanswered fields are judged as a submission would judge them: required ones are reported
    /// missing, prefill and defaults fill the others. Changes nothing.
    public func draft(
        form id: FormID, customer: CustomerID, submitter: PersonID, at time: Timestamp, answers: GivenAnswers
    ) -> Draft {
        let (guards, plan) = submissionGuards(form: id, customer: customer, person: submitter)
        var draft = Draft()
        // A time the store has passed refuses the whole filing: before anything is asked, not after.
        draft.refusal = timeOrderRefusal(at: time) ?? Guard.firstRefusal(guards)
        guard draft.refusal == nil, let plan, let person = plan.person else {
            if draft.refusal == nil { draft.refusal = Refusal(.unknownPerson, "there is nobody called '\(submitter)'") }
            return draft
        }
        return judged(
            draft, form: plan.form.value, person: person, customer: customer, stage: plan.stage, at: time,
            answers: answers)
    }

    /// The draft of a new revision of returned report `id`, by `person` at `time`, with the whole
    /// answer set as it stands (start from `resubmissionStart(of:)`); judged as `resubmit` would
    /// judge it, against the form in force.
    public func draft(
        resubmitting id: ReportID, by person: PersonID, at time: Timestamp, answers: GivenAnswers
    ) -> Draft {
        let (guards, found) = submitterGuards(report: id, person: person, recalling: false)
        var draft = Draft()
        draft.refusal = timeOrderRefusal(at: time) ?? Guard.firstRefusal(guards)
        guard draft.refusal == nil, let report = found, let submitter = catalog.people[person] else {
            if draft.refusal == nil { draft.refusal = Refusal(.unknownReport, "there is no report '\(id)'") }
            return draft
        }
        guard let form = catalog.forms[report.form]?.value else {
            draft.refusal = Refusal(.unknownForm, "form \(report.form) is no longer in the form set")
            return draft
        }
        let stage = state.customers[report.customer]?.positions[report.workflow]?.stage
        return judged(
            draft, form: form, person: submitter, customer: report.customer, stage: stage, at: time, answers: answers)
    }

    /// Where a resubmission of `id` starts: the current revision's answers that the form in force
    /// still takes, by field id (but for prefilled ones, offered afresh: `carriedAnswers(of:form:)`), and the ones
    /// it drops (a field removed, a type changed) with why.
    public func resubmissionStart(of id: ReportID) -> (answers: [String: Value], dropped: [DroppedAnswer]) {
        guard let report = state.reports[id], let form = catalog.forms[report.form]?.value else { return ([:], []) }
        let validator = AnswerValidator(form: form, catalog: catalog)
        var base = carriedAnswers(of: report, form: form)
        let dropped = migration(of: report, to: form, base: &base, validator: validator, changes: [:])
        return (base, dropped)
    }

    private func judged(
        _ start: Draft, form: Form, person: OrgPerson, customer: CustomerID, stage: StageID?, at time: Timestamp,
        answers: GivenAnswers
    ) -> Draft {
        var draft = start
        let validator = AnswerValidator(form: form, catalog: catalog)
        let parsed = validator.parse(answers)
        let context = validationContext(submitter: person, customer: customer, stage: stage, at: time)
        let outcome = validator.validate(parsed.values, problems: parsed.problems, failed: parsed.failed, in: context)
        draft.values = outcome.answers.values
        draft.errors = outcome.errors
        draft.warnings = outcome.warnings
        let given = Set(answers.keys)
        for found in outcome.prefilled where !given.contains(found.field.rawValue) {
            draft.prefilled[found.field] = found
            draft.offered[found.field.rawValue] = outcome.answers[found.field]
        }
        var visibility = ValidationRun(catalog: catalog, context: context, failed: [])
        visibility.bindings = outcome.bindings
        draft.mark(form, outcome: outcome, given: given, run: &visibility)
        draft.formFindings =
            outcome.errors.filter { $0.field == nil }.map { formFinding($0, of: form, isWarning: false) }
            + outcome.warnings.filter { $0.field == nil }.map { formFinding($0, of: form, isWarning: true) }
        return draft
    }

    /// A form-level finding with the fields of the check that gave it (matched by its message).
    private func formFinding(_ finding: FieldFinding, of form: Form, isWarning: Bool) -> Draft.FormFinding {
        let check = form.checks.first { check in
            let text = catalog.text(check.message) ?? check.rule.source
            return finding.message == text || finding.message.hasPrefix(text + " (the check")
        }
        let ids = Set(form.fields.map(\.id.value.rawValue))
        var fields: [FieldID] = []
        for reference in check?.rule.expression?.references ?? [] where ids.contains(reference.name) {
            let field = FieldID(reference.name)
            if !fields.contains(field) { fields.append(field) }
        }
        return Draft.FormFinding(message: finding.message, isWarning: isWarning, fields: fields)
    }
}

extension Engine.Draft {
    /// Marks what is visible, read-only and defaulted, with the conditions evaluated by `run` (the
    /// validator's own evaluation) over the final answers. `show_if` may only read fields asked
    /// before (rule `field-asked-later`), so the final answers give the verdicts validation gave.
    fileprivate mutating func mark(
        _ form: Form, outcome: AnswerValidator.Outcome, given: Set<String>, run: inout ValidationRun
    ) {
        let defaulted = Set(outcome.defaulted)
        for section in form.sections {
            let shown = section.showIf.map { run.truth($0, path: nil, order: [], what: "show_if") } ?? true
            for field in section.fields where shown {
                let id = field.id.value.rawValue
                guard mark(field, path: id, names: run.bindings, run: &run) else { continue }
                if defaulted.contains(id), !given.contains(id), let value = outcome.answers[field.id.value] {
                    offered[id] = value
                }
                guard field.type.value == .group, case .list(let rows)? = outcome.answers[field.id.value] else {
                    continue
                }
                for (index, row) in rows.enumerated() {
                    guard case .record(let record) = row else { continue }
                    var names = run.bindings
                    for member in record.fields { names[member.name] = member.value }
                    for sub in field.fields {
                        let path = "\(id)[\(index + 1)].\(sub.id.value)"
                        guard mark(sub, path: path, names: names, run: &run) else { continue }
                        if defaulted.contains(path), let value = record[sub.id.value.rawValue] { offered[path] = value }
                    }
                }
            }
        }
    }

    /// Marks one field visible (and read-only) when its conditions say so; returns whether it is visible.
    private mutating func mark(_ field: Field, path: String, names: [String: Value], run: inout ValidationRun) -> Bool {
        if let showIf = field.showIf, !run.truth(showIf, path: path, order: [], what: "show_if", names: names) {
            return false
        }
        visible.insert(path)
        if let readOnlyIf = field.readOnlyIf,
            run.truth(readOnlyIf, path: path, order: [], what: "read_only_if", names: names)
        {
            readOnly.insert(path)
        }
        return true
    }
}
