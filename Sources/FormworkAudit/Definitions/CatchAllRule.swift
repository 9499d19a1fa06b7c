import FormworkDefinitions
import FormworkDiagnostics
import FormworkLanguage

/// A choice with a catch-all option ("other", 其他) and no follow-up question shown or required when
/// it is picked: every answer that does not fit the list disappears into "other".
struct CatchAllRule: DefinitionRule {
    var ids: [FindingID] { ["audit.unsuitable.catch-all-without-follow-up"] }

    static let catchAllValues: Set<String> = ["other", "others", "misc", "miscellaneous", "else"]
    static let catchAllLabels: Set<String> = ["other", "others", "other…", "misc", "miscellaneous", "其他", "其它", "その他"]

    func findings(in context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for form in context.formSet.forms {
            for field in form.fields where [.choice, .multiChoice].contains(field.type.value) {
                let options: [ChoiceOption]
                switch field.choices {
                case .list(let id)?: options = context.formSet.choiceList(id.value)?.options ?? []
                case .inline(let inline)?: options = inline
                case nil: options = []
                }
                guard
                    let catchAll = options.first(where: { option in
                        Self.catchAllValues.contains(option.value.value.lowercased())
                            || option.label.entries.contains { Self.catchAllLabels.contains($0.text.lowercased()) }
                    })
                else { continue }
                let value = catchAll.value.value
                if hasFollowUp(field.id.value.rawValue, value: value, in: form) { continue }
                out.append(
                    Finding(
                        "audit.unsuitable.catch-all-without-follow-up", .warning,
                        "'\(field.id.value)' in '\(form.id.value)' offers '\(value)' but asks nothing more when it is picked, so what does not fit the list is lost",
                        suggestion:
                            "add a short text field after it with 'show_if: \(field.type.value == .choice ? "\(field.id.value) == '\(value)'" : "'\(value)' in \(field.id.value)")' (and required_if), or add the missing options",
                        at: field.id.location, length: field.id.length,
                        subject: Subject(form: form.id.value, field: field.id.value.rawValue),
                        figures: [.text("option", value)]))
            }
        }
        return out
    }

    /// Whether some field's `show_if` or `required_if` reads `name` and names `value`.
    private func hasFollowUp(_ name: String, value: String, in form: Form) -> Bool {
        let conditions =
            form.fields.flatMap { [$0.showIf, $0.requiredIf] }.compactMap { $0?.expression }
            + form.sections.compactMap { $0.showIf?.expression }
        return conditions.contains { expression in
            expression.referencedNames.contains(name) && Self.strings(in: expression).contains(value)
        }
    }

    private static func strings(in expression: Expression) -> Set<String> {
        var found = Set<String>()
        if case .literal(.string(let text), _) = expression { found.insert(text) }
        for child in expression.children { found.formUnion(strings(in: child)) }
        return found
    }
}
