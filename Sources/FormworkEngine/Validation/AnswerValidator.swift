import FormworkDefinitions
import FormworkLanguage

/// The one validator behind every path that writes answers (submission, resubmission, explain):
/// types, required and `required_if`, `show_if` (hidden values dropped and recorded), limits, checks,
/// computed values, defaults and prefill, in the order the form asks its fields.
struct AnswerValidator {
    let plan: FormPlan
    let catalog: Catalog

    var form: Form { plan.form }

    init(form: Form, catalog: Catalog) {
        plan = catalog.plan(of: form)
        self.catalog = catalog
    }

    /// The validator of a form held by reference (a catalogue's): the form is not copied.
    init(form: Shared<Form>, catalog: Catalog) {
        plan = catalog.plan(of: form)
        self.catalog = catalog
    }

    /// What the answers are evaluated against.
    struct Context {
        var submitter: Value
        var customer: Value
        var customerID: CustomerID
        var today: LocalDate
        var now: Timestamp
        /// The answer of `form.field` in the report named (when the form names one of that form: it must be the
        /// customer's report of that form, else there is none), else in the customer's latest approved report
        /// of that form.
        var prefill: (FieldPath, ReportID?) -> (value: Value, report: ReportID)?
        /// The form, customer and status of an existing report, for `report` fields.
        var reportInfo: (ReportID) -> (form: FormID, customer: CustomerID, status: ReportStatus)?
    }

    /// What validation found.
    struct Outcome {
        var answers = Answers()
        /// The fields of `answers` (indices in the plan's fields) in the order of the UTF-8 bytes of their ids, as
        /// the canonical text writes them, when the form has no two fields of one id: `revisionHash` writes the
        /// answers from the plan's written ids and `finals`, without a list of their own.
        var canonicalOrder: [Int]?
        /// The final answer of each of the plan's fields (`.null` for none).
        var finals: [Value] = []
        /// Every name a condition of the form may read, with the final answers.
        var bindings: [String: Value] = [:]
        var dropped: [DroppedAnswer] = []
        var prefilled: [PrefilledAnswer] = []
        var defaulted: [String] = []
        var warnings: [FieldFinding] = []
        var errors: [FieldFinding] = []
    }

    /// Parses answers as given by a front end. Unknown keys, computed fields and notes are errors.
    func parse(_ answers: GivenAnswers) -> (values: [String: Value], problems: [Problem], failed: Set<String>) {
        var values: [String: Value] = [:]
        values.reserveCapacity(answers.count)
        let (problems, failed) = parse(answers) { _, key, value in values[key] = value }
        return (values, problems, failed)
    }

    /// `parse(_:)` with the values by the index in `plan.fields` of their field (the first of duplicates),
    /// `.null` where none is given: what `validate(placed:problems:failed:in:)` reads without hashing a name.
    func parsePlaced(_ answers: GivenAnswers) -> (placed: [Value], problems: [Problem], failed: Set<String>) {
        var placed = [Value](repeating: .null, count: plan.fields.count)
        let (problems, failed) = parse(answers) { index, _, value in placed[index] = value }
        return (placed, problems, failed)
    }

    /// Parses each answer and hands its value to `place` with the field's index and the answer's key.
    ///
    /// Answers given in the form's order (as front ends give them) are matched to their fields by comparing each id
    /// with the next field's, not by hashing it; an answer out of order is found in `plan.positions`.
    private func parse(
        _ answers: GivenAnswers, into place: (_ index: Int, _ key: String, _ value: Value) -> Void
    ) -> (problems: [Problem], failed: Set<String>) {
        let parser = AnswerParser(catalog: catalog)
        var problems: [Problem] = []
        var failed: Set<String> = []
        var unknown: [String] = []
        var next = 0
        for (key, answer) in answers {
            let index: Int
            if next < plan.fields.count, plan.firstPositions[next] == next, plan.fields[next].id == key {
                index = next
            } else if let found = plan.positions[key] {
                index = found
            } else {
                unknown.append(key)
                continue
            }
            next = index + 1
            let field = plan.fields[index]
            if case .json(let json) = answer, let value = AnswerParser.plainJSON(json, type: field.type),
                field.field.compute == nil
            {
                place(index, key, value)
                continue
            }
            if field.type == .note || field.field.compute != nil {
                let what = field.field.compute != nil ? "is computed" : "is display only"
                problems.append(
                    Problem(
                        order: [index],
                        finding: FieldFinding(
                            field: key, label: field.label, message: "\(field.label) \(what) and takes no answer")))
                failed.insert(key)
                continue
            }
            let parsed = parser.parse(answer, for: field.field, path: key, order: [index])
            place(index, key, parsed.value)
            problems += parsed.problems
            failed.formUnion(parsed.failed)
        }
        for key in unknown.sorted() {
            let hint = Suggestion.didYouMean(key, in: plan.fields.map(\.id))
            problems.append(
                Problem(
                    order: [Int.max],
                    finding: FieldFinding(
                        field: key, label: nil, message: "form \(form.id.value) has no field '\(key)'\(hint)")))
        }
        return (problems, failed)
    }

    /// Checks `given` answers (parsed, or carried over from the previous revision) and completes
    /// them with prefill, defaults and computed values. `problems` and `failed` come from parsing.
    func validate(
        _ given: [String: Value], problems: [Problem] = [], failed: Set<String> = [], in context: Context
    ) -> Outcome {
        // Each answer is looked up once: bound before any is processed (a condition may read a field asked later).
        var givenValues = [Value](repeating: .null, count: plan.fields.count)
        for (index, field) in plan.fields.enumerated() where field.type != .note {
            givenValues[index] = given[field.id] ?? .null
        }
        return validate(given: givenValues, problems: problems, failed: failed, in: context)
    }

    /// `validate(_:problems:failed:in:)` of answers placed as `parsePlaced(_:)` places them.
    func validate(placed: [Value], problems: [Problem], failed: Set<String>, in context: Context) -> Outcome {
        // With no two fields of one id, each answer is at its own field's position already (a note's is never
        // read: a note is neither bound nor processed).
        if plan.idOrder != nil { return validate(given: placed, problems: problems, failed: failed, in: context) }
        var givenValues = [Value](repeating: .null, count: plan.fields.count)
        for (index, field) in plan.fields.enumerated() where field.type != .note {
            givenValues[index] = placed[plan.firstPositions[index]]
        }
        return validate(given: givenValues, problems: problems, failed: failed, in: context)
    }

    /// Validates `given`, the answer of each top-level field by its index (`.null` for none and for notes).
    private func validate(
        given givenValues: [Value], problems: [Problem], failed: Set<String>, in context: Context
    )
        -> Outcome
    {
        var run = ValidationRun(catalog: catalog, context: context, failed: failed)
        run.bindings = plan.bindingTemplate
        run.problems = problems
        run.bind("submitter", at: plan.submitterSlot, to: context.submitter)
        run.bind("customer", at: plan.customerSlot, to: context.customer)
        // Every field but a note has a slot in the template (`bindingSlots`): written by index, without the field.
        for index in givenValues.indices {
            if let slot = plan.bindingSlots[index] { run.bindings.values[slot] = givenValues[index] }
        }
        var finals = [Value](repeating: .null, count: plan.fields.count)
        // With two fields of one id (no `idOrder`), the answers in the order the form asks them: the later one wins.
        var asked: [Answers.Entry] = []
        for section in plan.sections {
            var hiddenBy: String?
            if let showIf = section.showIf,
                !run.truth(showIf, path: nil, order: [section.fields.lowerBound], what: "show_if")
            {
                hiddenBy = "hidden because the show_if of \(section.name), `\(showIf.source)`, is false"
            }
            for index in section.fields {
                let field = plan.fields[index]
                // The report a prefill comes from when the form names one of the prefill's form (as answered).
                var named: ReportID?
                if let naming = plan.prefillReportFields[index], case .string(let id)? = run.bindings[naming] {
                    named = ReportID(id)
                }
                let value = run.process(
                    field, path: field.id, order: [index], hiddenBy: hiddenBy, given: givenValues[index],
                    topLevel: true,
                    prefillFrom: named)
                if let slot = plan.bindingSlots[index] { run.bindings.values[slot] = value }
                if !value.isEmpty {
                    finals[index] = value
                    if plan.idOrder == nil { asked.append(Answers.Entry(field: field.field.id.value, value: value)) }
                }
            }
        }
        for check in form.checks {
            run.check(check, path: nil, label: nil, order: [Int.max - 1], bindings: run.bindings)
        }
        // With no two fields of one id, the answers are the non-empty finals, and `idOrder` sorts them by id.
        var answers: [Answers.Entry] = []
        var canonicalOrder: [Int]?
        if let order = plan.idOrder {
            var written: [Int] = []
            written.reserveCapacity(order.count)
            answers.reserveCapacity(order.count)
            for index in order {
                // `finals` holds non-empty answers and `.null` (a computed property of an element would copy it).
                if case .null = finals[index] { continue }
                written.append(index)
                answers.append(Answers.Entry(field: plan.fields[index].field.id.value, value: finals[index]))
            }
            canonicalOrder = written
        }
        return Outcome(
            answers: Answers(entries: plan.idOrder == nil ? asked : answers), canonicalOrder: canonicalOrder,
            finals: finals, bindings: run.bindings, dropped: run.dropped,
            prefilled: run.prefilled, defaulted: run.defaulted, warnings: Problem.sorted(run.warnings),
            errors: Problem.sorted(run.problems))
    }
}

extension AnswerValidator {
    /// The hash of revision `number` of `report` with `outcome`'s answers (`Revision.hash`): with the form's ids
    /// written once in its plan, when it has no two fields of one id; else from the answers.
    func revisionHash(
        of outcome: Outcome, report: ReportID, number: Int, form: FormID, formVersion: String
    ) -> String {
        guard let order = outcome.canonicalOrder else {
            return Revision.hash(
                report: report, number: number, form: form, formVersion: formVersion, answers: outcome.answers)
        }
        return Revision.hash(report: report, number: number, form: form, formVersion: formVersion) { text in
            text.raw(0x7b)
            for position in order.indices {
                if position > 0 { text.raw(0x2c) }
                text.bytes += plan.fields[order[position]].canonicalName
                text.raw(0x3a)
                text.canonicalValue(outcome.finals[order[position]])
            }
            text.raw(0x7d)
        }
    }
}
