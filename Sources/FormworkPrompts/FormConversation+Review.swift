import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage

extension FormConversation {
    /// What the person chose at the review.
    enum ReviewChoice {
        case submit
        case cancel
        case edit(FieldID)
    }

    /// One line of the review: a section title, or an answer (numbered when it can be changed).
    private enum ReviewLine {
        case heading(String)
        case answer(number: Int?, label: String, value: String)
    }

    /// Shows every answer (labels aligned by display width), what is still wrong, and asks what to
    /// do: submit (only once nothing is wrong), change answer N, or cancel.
    mutating func review(_ form: Form) throws(ConversationStop) -> ReviewChoice {
        let draft = check(sheet)
        var lines: [ReviewLine] = []
        var numbers: [FieldID: Int] = [:]
        var numbered: [Int: FieldID] = [:]
        for section in form.sections {
            let fields = section.fields.filter {
                draft.visible.contains($0.id.value.rawValue) && $0.type.value != .note
            }
            guard !fields.isEmpty else { continue }
            if let title = text.text(section.title) { lines.append(.heading(title)) }
            for field in fields {
                let value = draft.values[field.id.value]
                var shown = value.map { text.display($0, of: field) } ?? ""
                var number: Int?
                if field.compute != nil {
                    shown += prompter.paint(" (computed)", .dim)
                } else {
                    number = numbered.count + 1
                    numbers[field.id.value] = number
                    numbered[numbered.count + 1] = field.id.value
                }
                lines.append(.answer(number: number, label: text.label(field), value: shown))
                if field.type.value == .group, case .list(let rows)? = value {
                    for (index, row) in rows.enumerated() {
                        lines.append(
                            .answer(number: nil, label: "", value: "\(index + 1). " + text.display(row: row, of: field))
                        )
                    }
                }
            }
        }
        prompter.say()
        prompter.say(prompter.paint("== Review ==", .bold))
        show(lines)
        let errors = problems(
            draft.errors, findings: draft.formFindings.filter { !$0.isWarning }, form: form, numbers: numbers)
        let warnings = problems(
            draft.warnings, findings: draft.formFindings.filter(\.isWarning), form: form, numbers: numbers)
        if !errors.isEmpty || !warnings.isEmpty { prompter.say() }
        for line in errors { prompter.error(line, indent: "  ") }
        for line in warnings { prompter.warning(line, indent: "  ") }
        let prompt =
            errors.isEmpty
            ? "s submits, a number changes that answer, c cancels > "
            : "A number changes that answer, c cancels > "
        while true {
            let typed = try prompter.read(prompt).trimmingSpaces.lowercased()
            if let number = Int(typed), let field = numbered[number] { return .edit(field) }
            switch typed {
            case "s", "submit":
                if errors.isEmpty { return .submit }
                prompter.say("Fix the errors above first: type the number of an answer to change it.")
            case "c", "cancel":
                if try prompter.confirm("Cancel this report? Nothing will be saved.", default: false, indent: "") {
                    return .cancel
                }
            default:
                prompter.say(
                    "Type " + (errors.isEmpty ? "s, " : "") + "c, or a number from 1 to \(numbered.count).")
            }
        }
    }

    private func show(_ lines: [ReviewLine]) {
        let width = lines.reduce(0) { widest, line in
            guard case .answer(_, let label, _) = line else { return widest }
            return max(widest, DisplayWidth.of(label))
        }
        let valueIndent = String(repeating: " ", count: 2 + 3 + 2 + width + 2)
        for line in lines {
            switch line {
            case .heading(let title):
                prompter.say("  " + prompter.paint(title, .dim))
            case .answer(let number, let label, let value):
                let column = number.map { Self.number($0) } ?? "   "
                let values = value.split(separator: "\n", omittingEmptySubsequences: false)
                let first = values.first.map(String.init) ?? ""
                prompter.say(
                    "  " + column + "  " + (first.isEmpty ? label : Prompter.pad(label, to: width) + "  " + first))
                for more in values.dropFirst() { prompter.say(valueIndent + more) }
            }
        }
    }

    /// Findings as review lines: a field's by its number and label, the form's checks by the labels
    /// and numbers of the answers they read.
    private func problems(
        _ findings: [FieldFinding], findings formFindings: [Engine.Draft.FormFinding], form: Form,
        numbers: [FieldID: Int]
    ) -> [String] {
        var out: [String] = []
        for finding in findings {
            guard let path = finding.field else { continue }
            let top = FieldID(String(path.prefix { $0 != "[" && $0 != "." }))
            let label = finding.label ?? path
            let place = numbers[top].map { "\($0) " } ?? ""
            let row = path.count > top.rawValue.count ? " (\(path))" : ""
            out.append("\(place)\(label)\(row): \(finding.message)")
        }
        for finding in formFindings {
            let names = finding.fields.compactMap { id -> String? in
                guard let field = form.field(id) else { return nil }
                return text.label(field) + (numbers[id].map { " (\($0))" } ?? "")
            }
            out.append((names.isEmpty ? "" : names.joined(separator: ", ") + ": ") + finding.message)
        }
        return out
    }
}
