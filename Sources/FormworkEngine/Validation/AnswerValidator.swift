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

    /// What the answers are evaluated against.
    struct Context {
        var submitter: Value
        var customer: Value
        var customerID: CustomerID
        var today: LocalDate
        var now: Timestamp
        /// The answer of `form.field` in the customer's latest approved report of that form.
        var prefill: (FieldPath) -> (value: Value, report: ReportID)?
        /// The form and customer of an existing report, for `report` fields.
        var reportInfo: (ReportID) -> (form: FormID, customer: CustomerID)?
    }

    /// What validation found.
    struct Outcome {
        var answers: [FieldID: Value] = [:]
        /// Every name a condition of the form may read, with the final answers.
        var bindings: [String: Value] = [:]
        var dropped: [DroppedAnswer] = []
        var prefilled: [PrefilledAnswer] = []
        var defaulted: [String] = []
        var warnings: [FieldFinding] = []
        var errors: [FieldFinding] = []
    }

    /// Parses answers as given by a front end. Unknown keys, computed fields and notes are errors.
    func parse(_ answers: [String: Answer]) -> (values: [String: Value], problems: [Problem], failed: Set<String>) {
        let parser = AnswerParser(catalog: catalog)
        var values: [String: Value] = [:]
        values.reserveCapacity(answers.count)
        var problems: [Problem] = []
        var failed: Set<String> = []
        let positions = plan.positions
        var unknown: [String] = []
        for (key, answer) in answers {
            guard let index = positions[key] else {
                unknown.append(key)
                continue
            }
            let field = plan.fields[index]
            if case .json(let json) = answer, let value = AnswerParser.plainJSON(json, type: field.type),
                field.field.compute == nil
            {
                values[key] = value
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
            values[key] = parsed.value
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
        return (values, problems, failed)
    }

    /// Checks `given` answers (parsed, or carried over from the previous revision) and completes
    /// them with prefill, defaults and computed values. `problems` and `failed` come from parsing.
    func validate(
        _ given: [String: Value], problems: [Problem] = [], failed: Set<String> = [], in context: Context
    ) -> Outcome {
        var run = ValidationRun(catalog: catalog, context: context, failed: failed)
        run.bindings.reserveCapacity(form.fields.count + 3)
        run.answers.reserveCapacity(form.fields.count)
        run.problems = problems
        run.bindings["submitter"] = context.submitter
        run.bindings["customer"] = context.customer
        // Each answer is looked up once: bound now (a condition may read a field asked later), processed below.
        var givenValues = [Value](repeating: .null, count: plan.fields.count)
        for (index, field) in plan.fields.enumerated() where field.type != .note {
            let value = given[field.id] ?? .null
            givenValues[index] = value
            run.bindings[field.id] = value
        }
        for section in plan.sections {
            var hiddenBy: String?
            if let showIf = section.showIf,
                !run.truth(showIf, path: nil, order: [section.fields.lowerBound], what: "show_if")
            {
                hiddenBy = "hidden because the show_if of \(section.name), `\(showIf.source)`, is false"
            }
            for index in section.fields {
                let field = plan.fields[index]
                let value = run.process(
                    field, path: field.id, order: [index], hiddenBy: hiddenBy, given: givenValues[index], topLevel: true
                )
                if field.type != .note { run.bindings[field.id] = value }
                if !value.isEmpty { run.answers[field.field.id.value] = value }
            }
        }
        for check in form.checks {
            run.check(check, path: nil, label: nil, order: [Int.max - 1], bindings: run.bindings)
        }
        return Outcome(
            answers: run.answers, bindings: run.bindings, dropped: run.dropped, prefilled: run.prefilled,
            defaulted: run.defaulted, warnings: Problem.sorted(run.warnings), errors: Problem.sorted(run.problems))
    }
}
