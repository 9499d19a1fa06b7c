import FormworkDefinitions
import FormworkLanguage

/// The one validator behind every path that writes answers (submission, resubmission, explain):
/// types, required and `required_if`, `show_if` (hidden values dropped and recorded), limits, checks,
/// computed values, defaults and prefill, in the order the form asks its fields.
struct AnswerValidator {
    let form: Form
    let catalog: Catalog

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
        let positions = catalog.positions(of: form)
        // Fields are borrowed from the array's storage, never copied out: a `Field` is large, and a copy
        // (which passing `form.fields[index]` makes) retains every one of its parts.
        form.fields.withUnsafeBufferPointer { fields in
            for (key, answer) in answers.sorted(by: { $0.key < $1.key }) {
                guard let index = positions[key] else {
                    let hint = Suggestion.didYouMean(key, in: form.fields.map(\.id.value.rawValue))
                    problems.append(
                        Problem(
                            order: [Int.max],
                            finding: FieldFinding(
                                field: key, label: nil, message: "form \(form.id.value) has no field '\(key)'\(hint)")))
                    continue
                }
                if fields[index].type.value == .note || fields[index].compute != nil {
                    let label = catalog.label(of: fields[index])
                    let what = fields[index].compute != nil ? "is computed" : "is display only"
                    problems.append(
                        Problem(
                            order: [index],
                            finding: FieldFinding(
                                field: key, label: label, message: "\(label) \(what) and takes no answer")))
                    failed.insert(key)
                    continue
                }
                let parsed = parser.parse(answer, for: fields[index], path: key, order: [index])
                values[key] = parsed.value
                problems += parsed.problems
                failed.formUnion(parsed.failed)
            }
        }
        return (values, problems, failed)
    }

    /// Checks `given` answers (parsed, or carried over from the previous revision) and completes
    /// them with prefill, defaults and computed values. `problems` and `failed` come from parsing.
    func validate(
        _ given: [String: Value], problems: [Problem] = [], failed: Set<String> = [], in context: Context
    ) -> Outcome {
        var run = ValidationRun(form: form, catalog: catalog, context: context, failed: failed)
        run.bindings.reserveCapacity(form.fields.count + 3)
        run.answers.reserveCapacity(form.fields.count)
        run.problems = problems
        run.bindings["submitter"] = context.submitter
        run.bindings["customer"] = context.customer
        // Fields are read in place, never copied out of their arrays (see `parse`).
        let fields = form.fields
        for position in fields.indices where fields[position].type.value != .note {
            let id = fields[position].id.value.rawValue
            run.bindings[id] = given[id] ?? .null
        }
        var index = 0
        for section in form.sections {
            var hiddenBy: String?
            if let showIf = section.showIf, !run.truth(showIf, path: nil, order: [index], what: "show_if") {
                let name = section.id.map { "section \($0.value)" } ?? "its section"
                hiddenBy = "hidden because the show_if of \(name), `\(showIf.source)`, is false"
            }
            section.fields.withUnsafeBufferPointer { sectionFields in
                for position in sectionFields.indices {
                    let id = sectionFields[position].id.value.rawValue
                    let value = run.process(
                        sectionFields[position], path: id, order: [index], hiddenBy: hiddenBy,
                        given: given[id] ?? .null, topLevel: true)
                    if sectionFields[position].type.value != .note { run.bindings[id] = value }
                    if !value.isEmpty { run.answers[sectionFields[position].id.value] = value }
                    index += 1
                }
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
