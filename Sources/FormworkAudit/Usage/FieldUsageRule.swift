import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage

/// What the answers show about each question: left empty almost always; never changed from the
/// default or the prefill; padded with placeholders ("N/A", "TBD", "-", one character, a copy of the
/// rep's previous report); free text with so few distinct answers that a choice list would do.
///
/// Each report is judged on its current revision. Fields asked only under a condition are not judged
/// as empty: a hidden field is empty on purpose.
struct FieldUsageRule: UsageRule {
    var ids: [FindingID] {
        [
            "audit.usage.field-empty", "audit.usage.always-default", "audit.usage.always-prefilled",
            "audit.usage.placeholder-answers", "audit.usage.few-distinct-answers",
        ]
    }

    private struct Tally {
        var reports = 0
        var answered = 0
        var defaulted = 0
        var prefilled = 0
        var given = 0
        var tokens = 0
        var oneCharacter = 0
        var copies = 0
        var examples: [String] = []
        var distinct: [String: Int] = [:]
    }

    func findings(in context: AuditContext, usage: UsageIndex) -> [Finding] {
        var out: [Finding] = []
        for form in context.formSet.forms {
            guard let reports = usage.byForm[form.id.value], !reports.isEmpty else { continue }
            let conditional = Set(
                form.sections.filter { $0.showIf != nil }.flatMap(\.fields).map(\.id.value)
                    + form.fields.filter { $0.showIf != nil }.map(\.id.value))
            for field in form.fields where field.compute == nil && ![.note, .group].contains(field.type.value) {
                let tally = self.tally(field, in: reports, context: context)
                out += judge(
                    field, form: form, tally: tally, conditional: conditional.contains(field.id.value), context: context
                )
            }
        }
        return out
    }

    private func tally(_ field: Field, in reports: [ReportRecord], context: AuditContext) -> Tally {
        var tally = Tally()
        let id = field.id.value
        let path = id.rawValue
        let isText = [.text, .longText, .textList].contains(field.type.value)
        var previous: [PersonID: String] = [:]
        // By index, every part read in place: a copy of each report (or of its revision) for each field retained every
        // part of it, a third of the audit of a large store.
        for index in reports.indices {
            tally.reports += 1
            let last = reports[index].revisions.count - 1
            guard let answer = reports[index].revisions[last].answers[id] else { continue }
            tally.answered += 1
            let wasDefaulted =
                reports[index].revisions[last].defaulted.contains(path)
                || (field.defaultValue.map { $0.value == answer } ?? false)
            if wasDefaulted { tally.defaulted += 1 }
            let wasPrefilled = reports[index].revisions[last].prefilled.contains { $0.field == id }
            if wasPrefilled { tally.prefilled += 1 }
            guard !wasDefaulted, !wasPrefilled else { continue }
            tally.given += 1
            guard isText, let text = answer.answerText else { continue }
            let submitter = reports[index].submitter
            defer { previous[submitter] = text }
            var placeholder = true
            switch Placeholder.kind(of: text) {
            case .token?: tally.tokens += 1
            case .oneCharacter?: tally.oneCharacter += 1
            case nil:
                if text.count >= context.options.copyMinimumLength, previous[submitter] == text {
                    tally.copies += 1
                } else {
                    placeholder = false
                }
            }
            if placeholder {
                let shown = text.count > 40 ? String(text.prefix(37)) + "…" : text
                if !tally.examples.contains(shown) && tally.examples.count < 3 { tally.examples.append(shown) }
            } else if field.type.value == .text {
                tally.distinct[Placeholder.normalized(text), default: 0] += 1
            }
        }
        return tally
    }

    private func judge(
        _ field: Field, form: Form, tally t: Tally, conditional: Bool, context: AuditContext
    ) -> [Finding] {
        let options = context.options
        let subject = Subject(form: form.id.value, field: field.id.value.rawValue)
        let name = "'\(field.id.value)' in '\(form.id.value)'"
        func finding(_ id: FindingID, _ message: String, _ suggestion: String, _ figures: [Figure]) -> Finding {
            Finding(
                id, .warning, message, suggestion: suggestion, at: field.id.location, length: field.id.length,
                subject: subject, figures: figures)
        }
        var out: [Finding] = []
        let empty = t.reports - t.answered
        if !field.isRequired, field.requiredIf == nil, !conditional, t.reports >= options.minimumSample,
            empty * 100 >= options.emptyPercent * t.reports
        {
            out.append(
                finding(
                    "audit.usage.field-empty", "\(name) was left empty in \(empty) of \(t.reports) reports",
                    "remove the question, or ask it only when it applies ('show_if')",
                    [.int("empty", empty), .int("reports", t.reports), .percent("share_percent", empty, of: t.reports)])
            )
        }
        if field.defaultValue != nil || field.defaultExpr != nil, t.answered >= options.minimumSample,
            t.defaulted * 100 >= options.unchangedPercent * t.answered
        {
            out.append(
                finding(
                    "audit.usage.always-default",
                    "\(name) kept its default in \(t.defaulted) of \(t.answered) reports, so asking it costs time and tells nothing",
                    "drop the question, or compute it ('compute:') if a rule needs the value",
                    [
                        .int("defaulted", t.defaulted), .int("answered", t.answered),
                        .percent("share_percent", t.defaulted, of: t.answered),
                    ]))
        }
        if field.prefill != nil, field.readOnlyIf == nil, t.answered >= options.minimumSample,
            t.prefilled * 100 >= options.unchangedPercent * t.answered
        {
            out.append(
                finding(
                    "audit.usage.always-prefilled",
                    "\(name) kept the prefilled answer in \(t.prefilled) of \(t.answered) reports, so nobody needs to be asked it",
                    "show it without asking (make it read-only with 'read_only_if: true'), or drop it and read it from \(field.prefill?.value.form.rawValue ?? "the earlier report")",
                    [
                        .int("prefilled", t.prefilled), .int("answered", t.answered),
                        .percent("share_percent", t.prefilled, of: t.answered),
                    ]))
        }
        let padded = t.tokens + t.oneCharacter + t.copies
        if t.given >= options.minimumSample, padded > 0, padded * 100 >= options.placeholderPercent * t.given {
            out.append(
                finding(
                    "audit.usage.placeholder-answers",
                    "\(padded) of the \(t.given) answers to \(name) are placeholders (\(t.examples.map { "'\($0)'" }.joined(separator: ", "))), so reps fill it without having anything to say",
                    field.isRequired
                        ? "make it optional unless a decision fails when it is blank, or ask it only when it applies ('required_if')"
                        : "drop it, or replace it with a choice the rep can answer honestly",
                    [
                        .int("placeholders", t.tokens), .int("one_character", t.oneCharacter), .int("copies", t.copies),
                        .int("given", t.given), .percent("share_percent", padded, of: t.given),
                        .list("examples", t.examples),
                    ]))
        }
        let free = t.distinct.values.reduce(0, +)
        if field.type.value == .text, free >= options.fewDistinctSample, t.distinct.count <= options.fewDistinctAnswers
        {
            let top = t.distinct.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
            out.append(
                finding(
                    "audit.usage.few-distinct-answers",
                    "the \(free) free-text answers to \(name) take only \(t.distinct.count) distinct values, so a choice list would do",
                    "make it a 'choice' of \(top.map { "'\($0)'" }.joined(separator: ", ")) (with a follow-up for anything else)",
                    [.int("answers", free), .int("distinct", t.distinct.count), .list("values", top)]))
        }
        return out
    }
}
