import FormworkDefinitions
import FormworkLanguage

/// The texts of a form set in one locale (the form set's default locale where a text has none), and
/// answers written as a person reads them.
struct FormText {
    let formSet: FormSet
    let locale: String

    func text(_ text: LocalizedText?) -> String? {
        text?.text(in: locale, fallback: formSet.manifest.defaultLocale)
    }

    func label(_ field: Field) -> String {
        text(field.label) ?? field.id.value.rawValue
    }

    func hint(_ field: Field) -> String? {
        text(field.hint)
    }

    /// The options of a choice field: value and label, in the order written.
    func options(_ field: Field) -> [(value: String, label: String)] {
        let options: [ChoiceOption]
        switch field.choices {
        case .list(let id)?: options = formSet.choiceList(id.value)?.options ?? []
        case .inline(let inline)?: options = inline
        case nil: options = []
        }
        return options.map { ($0.value.value, text($0.label) ?? $0.value.value) }
    }

    func currency(_ field: Field) -> String? {
        field.currency?.value ?? formSet.manifest.currency?.value
    }

    /// An answer as a person reads it: options by label, yes / no, money with its currency, a
    /// percent with `%`, lists with commas.
    func display(_ value: Value, of field: Field) -> String {
        switch (field.type.value, value) {
        case (_, .null): return ""
        case (.choice, .string(let option)): return optionLabel(option, of: field)
        case (.multiChoice, .list(let items)):
            return items.map { item in
                if case .string(let option) = item { return optionLabel(option, of: field) }
                return item.description
            }.joined(separator: ", ")
        case (.group, .list(let rows)):
            return rows.count == 1 ? "1 row" : "\(rows.count) rows"
        case (.money, .decimal(let number)):
            return "\(number)" + (currency(field).map { " \($0)" } ?? "")
        case (.percent, .decimal(let number)):
            return "\(number)%"
        case (.boolean, .bool(let flag)) where locale.hasPrefix("zh"):
            return flag ? "是" : "否"
        default:
            return value.plainText
        }
    }

    /// One row of a group: `label: value` for each answered field of the row.
    func display(row: Value, of group: Field) -> String {
        guard case .record(let record) = row else { return row.plainText }
        return group.fields.compactMap { sub -> String? in
            guard let value = record[sub.id.value.rawValue], !value.isEmpty else { return nil }
            return "\(label(sub)): \(display(value, of: sub))"
        }.joined(separator: ", ")
    }

    private func optionLabel(_ option: String, of field: Field) -> String {
        options(field).first { $0.value == option }?.label ?? option
    }

    /// What shape the answer takes and its limits: "a date, YYYY-MM-DD", "an amount in TWD; at least 0".
    func format(of field: Field) -> String? {
        var parts: [String] = []
        switch field.type.value {
        case .text, .note, .group: break
        case .longText: parts.append("several lines; an empty line ends")
        case .email: parts.append("an e-mail address")
        case .phone: parts.append("a phone number")
        case .integer: parts.append("a whole number")
        case .decimal: parts.append("a number, such as 12.5")
        case .money:
            parts.append("an amount" + (currency(field).map { " in \($0)" } ?? "") + ", such as 1250 or 1250.50")
        case .percent: parts.append("a percent, such as 12.5")
        case .date: parts.append("a date, YYYY-MM-DD")
        case .datetime: parts.append("a date and time, such as 2026-03-02T09:30:00+08:00")
        case .boolean: parts.append("y or n")
        case .choice: parts.append("a number, or the start of a name")
        case .multiChoice: parts.append("numbers separated by spaces, such as 1 3")
        case .textList: parts.append("one per line; an empty line ends")
        case .customer: parts.append("a customer id")
        case .report:
            // "of a visit_plan report", "of an approved visit_plan report", "of a pending or approved … report"
            let kind = [field.reportStatuses.map { ReportStatus.phrase($0.value) }, field.reportForm?.value.rawValue]
                .compactMap { $0 }.joined(separator: " ")
            let article = kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            parts.append("a report id" + (field.reportForm == nil ? "" : " of \(article) \(kind) report"))
        }
        if let length = field.length {
            parts.append(Self.bounds(length.min?.value.description, length.max?.value.description, unit: "characters"))
        }
        if let range = field.range {
            parts.append(
                Self.bounds(
                    range.min.map { display($0.value, of: field) }, range.max.map { display($0.value, of: field) },
                    unit: nil))
        }
        if let items = field.items, field.type.value != .group {
            parts.append(Self.bounds(items.min?.value.description, items.max?.value.description, unit: "items"))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// "at least 2", "at most 120 characters", "from 1 to 1000000".
    static func bounds(_ low: String?, _ high: String?, unit: String?) -> String {
        let suffix = unit.map { " " + $0 } ?? ""
        switch (low, high) {
        case (let low?, let high?): return "from \(low) to \(high)\(suffix)"
        case (let low?, nil): return "at least \(low)\(suffix)"
        case (nil, let high?): return "at most \(high)\(suffix)"
        case (nil, nil): return ""
        }
    }
}
