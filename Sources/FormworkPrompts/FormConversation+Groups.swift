import FormworkDefinitions
import FormworkEngine
import FormworkLanguage

extension FormConversation {
    /// Asks a repeat group row by row: rows up to its minimum, then "add another row?" up to its
    /// maximum; rows already there (when editing) are kept, edited or deleted first.
    mutating func askGroup(_ field: Field) throws(ConversationStop) {
        let id = field.id.value.rawValue
        let label = text.label(field)
        let minimum = field.items?.min?.value ?? (field.isRequired ? 1 : 0)
        let maximum = field.items?.max?.value ?? Int.max
        prompter.say(title(field))
        if let hint = text.hint(field) { prompter.say(prompter.paint(hint, .dim), indent: "  ") }
        let bounds = FormText.bounds(
            minimum > 0 ? String(minimum) : nil, maximum < Int.max ? String(maximum) : nil, unit: "rows")
        if !bounds.isEmpty { prompter.say("  " + prompter.paint("(\(bounds))", .dim)) }
        if sheet.rows[id] == nil { sheet.rows[id] = [] }
        while true {
            try reviseRows(field)
            while (sheet.rows[id]?.count ?? 0) < maximum {
                let count = sheet.rows[id]?.count ?? 0
                if count >= minimum {
                    let question = count == 0 ? "Add a row to \(label)?" : "Add another row to \(label)?"
                    guard try prompter.confirm(question, default: false, indent: "  ") else { break }
                }
                sheet.rows[id, default: []].append([:])
                try askRow(field, row: count)
            }
            let errors = check(sheet).errors(at: id)
            if errors.isEmpty { return }
            for finding in errors { prompter.error(finding.message, indent: "  ") }
        }
    }

    /// Goes through the rows already given: Enter keeps a row, `e` edits it, `d` deletes it.
    private mutating func reviseRows(_ field: Field) throws(ConversationStop) {
        let id = field.id.value.rawValue
        var row = 0
        while row < (sheet.rows[id]?.count ?? 0) {
            let shown = value(at: .field(id), in: check(sheet)).flatMap { value -> String? in
                guard case .list(let rows) = value, row < rows.count else { return nil }
                return text.display(row: rows[row], of: field)
            }
            prompter.say("  " + prompter.paint("Row \(row + 1)", .bold) + ": " + (shown ?? ""))
            switch try prompter.read("  Enter keeps it, e edits it, d deletes it > ").trimmingSpaces.lowercased() {
            case "":
                row += 1
            case "e":
                try askRow(field, row: row)
                row += 1
            case "d":
                sheet.rows[id]?.remove(at: row)
            default:
                prompter.say("  Type e, d, or nothing.")
            }
        }
    }

    /// Asks the fields of one row, each with the row's own `show_if`; then shows its computed values.
    private mutating func askRow(_ field: Field, row: Int) throws(ConversationStop) {
        let id = field.id.value.rawValue
        prompter.say("  " + prompter.paint("\(text.label(field)), row \(row + 1)", .bold))
        for sub in field.fields where sub.compute == nil {
            let slot = Slot.cell(group: id, row: row, field: sub.id.value.rawValue)
            let draft = check(sheet)
            guard draft.visible.contains(slot.path) else {
                sheet.set(slot, to: .clear)
                continue
            }
            if sub.type.value == .note {
                prompter.say("    " + prompter.paint(text.label(sub), .cyan))
                continue
            }
            try askValue(sub, slot: slot, indent: "    ")
        }
        let draft = check(sheet)
        for sub in field.fields where sub.compute != nil {
            let slot = Slot.cell(group: id, row: row, field: sub.id.value.rawValue)
            guard let value = value(at: slot, in: draft) else { continue }
            prompter.say("    " + text.label(sub) + ": " + text.display(value, of: sub))
        }
    }
}
