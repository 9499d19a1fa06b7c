import FormworkDefinitions
import FormworkEngine
import FormworkLanguage

extension FormConversation {
    /// Asks one value until the validator takes it: an error shows the rule's message and asks the
    /// same question again; a warning is shown and must be confirmed.
    mutating func askValue(_ field: Field, slot: Slot, indent: String) throws(ConversationStop) {
        let path = slot.path
        var without = sheet
        without.set(slot, to: .clear)
        let base = check(without)
        let offered = base.offered[path]
        let current = sheet.has(slot) ? value(at: slot, in: check(sheet)) : nil
        let source: PrefilledAnswer? =
            if case .field = slot, offered != nil { base.prefilled[field.id.value] } else { nil }
        // A `required_if` field is marked when its condition holds on the answers so far: left empty, it is an error.
        let required = field.isRequired || (field.requiredIf != nil && !base.errors(at: path).isEmpty)
        present(field, indent: indent, source: source, required: required)
        let candidates = field.type.value == .report ? reportCandidates(field) : []
        for (index, report) in candidates.enumerated() {
            prompter.say(indent + "  " + Self.number(index + 1) + "  " + report.line)
        }
        var prompt = indent
        if let kept = current ?? offered, !kept.isEmpty {
            prompt += "[" + Prompter.preview(text.display(kept, of: field), columns: 40) + "] "
        }
        prompt += "> "
        while true {
            guard let reply = try read(field, prompt: prompt, indent: indent, reports: candidates.map(\.id)) else {
                continue
            }
            var trial = sheet
            trial.set(slot, to: reply)
            let draft = check(trial)
            let errors = draft.errors(at: path)
            if !errors.isEmpty {
                for finding in errors { prompter.error(finding.message, indent: indent + "  ") }
                prompter.say(indent + title(field, required: required))
                continue
            }
            let warnings = draft.warnings(at: path)
            let unchanged = reply == .keep && current != nil
            if !warnings.isEmpty && !unchanged {
                for finding in warnings { prompter.warning(finding.message, indent: indent + "  ") }
                guard try prompter.confirm("Keep this answer?", default: true, indent: indent + "  ") else {
                    prompter.say(indent + title(field, required: required))
                    continue
                }
            }
            sheet = trial
            return
        }
    }

    /// The label in bold, with `*` when an answer is required (`required`: the field's own flag unless told).
    func title(_ field: Field, required: Bool? = nil) -> String {
        prompter.paint(text.label(field), .bold) + (required ?? field.isRequired ? " *" : "")
    }

    /// The question: label, hint, the shape of the answer, where a prefilled answer comes from, and
    /// the options of a choice.
    private func present(_ field: Field, indent: String, source: PrefilledAnswer?, required: Bool) {
        prompter.say(indent + title(field, required: required))
        if let hint = text.hint(field) { prompter.say(prompter.paint(hint, .dim), indent: indent + "  ") }
        if let format = text.format(of: field) { prompter.say(indent + "  " + prompter.paint("(\(format))", .dim)) }
        if let source {
            prompter.say(
                indent + "  " + prompter.paint("[from \(source.source), report \(source.report)]", .dim))
        }
        if field.type.value == .choice || field.type.value == .multiChoice {
            for (index, option) in text.options(field).enumerated() {
                prompter.say(indent + "  " + Self.number(index + 1) + "  " + option.label)
            }
        }
    }

    /// A list number right-aligned in three columns.
    static func number(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: " ", count: max(0, 3 - digits.count)) + digits
    }

    /// The value a slot has in `draft` (parsed, prefilled or defaulted), nil when it has none.
    func value(at slot: Slot, in draft: Engine.Draft) -> Value? {
        let found: Value?
        switch slot {
        case .field(let id):
            found = draft.values[FieldID(id)]
        case .cell(let group, let row, let field):
            guard case .list(let rows)? = draft.values[FieldID(group)], row < rows.count,
                case .record(let record) = rows[row]
            else { return nil }
            found = record[field]
        }
        guard let found, !found.isEmpty else { return nil }
        return found
    }

    /// Reads one reply in the shape the field takes. Nil when the reply cannot be read (its problem is
    /// shown): the question is asked again.
    private func read(
        _ field: Field, prompt: String, indent: String, reports: [ReportID]
    ) throws(ConversationStop) -> Reply? {
        let type = field.type.value
        if type == .longText || type == .textList {
            let lines = try prompter.readLines(prompt, more: indent + "> ")
            if lines.isEmpty { return .keep }
            if lines.count == 1 && lines[0].trimmingSpaces == "-" { return .clear }
            return type == .longText ? .text(lines.joined(separator: "\n")) : .items(lines.map(\.trimmingSpaces))
        }
        let line = try prompter.read(prompt)
        let typed = line.trimmingSpaces
        if typed.isEmpty { return .keep }
        if typed == "-" { return .clear }
        switch type {
        case .choice:
            return resolve(typed, in: text.options(field), indent: indent).map(Reply.text)
        case .multiChoice:
            var values: [String] = []
            let tokens = typed.split { $0 == "," || $0 == " " || $0 == "\t" || $0 == "、" || $0 == "，" }
            for token in tokens {
                guard let value = resolve(String(token), in: text.options(field), indent: indent) else { return nil }
                values.append(value)
            }
            return .items(values)
        case .boolean:
            return .text(Prompter.yesOrNo(typed).map { $0 ? "yes" : "no" } ?? line)
        case .report:
            // A number picks from the list shown (unless a report has it for its id): one off the list is asked
            // again, as a choice list asks, rather than checked as an id that no report has.
            if let index = Int(typed), !reports.isEmpty, engine.report(ReportID(typed)) == nil {
                guard index >= 1, index <= reports.count else {
                    prompter.error(
                        "choose a number from 1 to \(reports.count), or type a report's id", indent: indent + "  ")
                    return nil
                }
                return .text(reports[index - 1].rawValue)
            }
            return .text(typed)
        default:
            return .text(line)
        }
    }

    /// The option meant by what was typed: its number, its value or label, or the unambiguous start of
    /// either (case ignored). Text that matches nothing is passed on as typed, for the validator to
    /// name the options; an ambiguous start is shown and gives nil.
    private func resolve(_ typed: String, in options: [(value: String, label: String)], indent: String) -> String? {
        if let index = Int(typed) {
            guard index >= 1, index <= options.count else {
                prompter.error("choose a number from 1 to \(options.count)", indent: indent + "  ")
                return nil
            }
            return options[index - 1].value
        }
        let lower = typed.lowercased()
        if let exact = options.first(where: { $0.value.lowercased() == lower || $0.label.lowercased() == lower }) {
            return exact.value
        }
        let matches = options.filter {
            $0.value.lowercased().hasPrefix(lower) || $0.label.lowercased().hasPrefix(lower)
        }
        switch matches.count {
        case 0: return typed
        case 1: return matches[0].value
        default:
            prompter.error(
                "'\(typed)' could be " + matches.map(\.label).joined(separator: " or ")
                    + "; type more of it, or its number", indent: indent + "  ")
            return nil
        }
    }

    /// The customer's reports a `report` field may name (of its form and statuses, when it says which), latest
    /// first, at most nine.
    private func reportCandidates(_ field: Field) -> [(id: ReportID, line: String)] {
        engine.reportChoices(
            customer: customer, form: field.reportForm?.value, statuses: field.reportStatuses?.value
        ).map { report in
            let title = engine.formSet.form(report.form).flatMap { text.text($0.title) } ?? report.form.rawValue
            return (report.id, "\(report.id)  \(title), \(report.status.rawValue), \(report.submittedAt)")
        }
    }
}
