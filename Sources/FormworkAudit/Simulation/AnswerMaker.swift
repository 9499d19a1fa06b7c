import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation

/// Makes plausible answers for a form, field by field, as a rep with a given behaviour would: most
/// valid, some padded. Answers are JSON values, checked by the engine like a file of answers.
struct AnswerMaker {
    let formSet: FormSet
    var random: SeededRandom
    /// The last free text each person wrote in each field (`form.field`), for copies.
    var lastText: [PersonID: [String: String]] = [:]

    /// Answers to `form` for `customer`; `attempt` widens the spread of dates and numbers after a
    /// refusal; `drop` are fields to leave empty, `answer` fields to answer even when offered.
    mutating func answers(
        for form: Form, customer: CustomerID, by person: PersonID, behaviour: Behaviour, today: LocalDate,
        at time: Timestamp, engine: Engine, attempt: Int, drop: Set<FieldID>, answer: Set<FieldID>
    ) -> GivenAnswers {
        var out = GivenAnswers()
        let fields = form.fields
        for (index, field) in fields.enumerated() {
            let id = field.id.value
            if field.compute != nil || field.type.value == .note || drop.contains(id) { continue }
            let forced = answer.contains(id)
            if !forced {
                if field.prefill != nil && random.chance(behaviour.keepsPrefill) { continue }
                if (field.defaultValue != nil || field.defaultExpr != nil) && random.chance(behaviour.keepsDefault) {
                    continue
                }
                let required = field.isRequired || field.requiredIf != nil
                let position = Double(index) / Double(max(1, fields.count - 1))
                if !required && !random.chance(behaviour.answersOptional(at: position)) { continue }
            }
            let key = "\(form.id.value).\(id)"
            if let value = make(
                field, key: key, customer: customer, person: person, behaviour: behaviour, today: today,
                time: time, engine: engine, attempt: attempt)
            {
                out[id.rawValue] = .json(value)
            }
        }
        return out
    }

    private mutating func make(
        _ field: Field, key: String, customer: CustomerID, person: PersonID, behaviour: Behaviour, today: LocalDate,
        time: Timestamp, engine: Engine, attempt: Int
    ) -> JSONValue? {
        let id = field.id.value.rawValue
        switch field.type.value {
        case .text, .longText:
            if let pattern = field.pattern?.value {
                let text = freeText(field, customer: customer)
                if LinearPattern(pattern)?.wholeMatch(text) == true { return .string(text) }
                return digitsForPattern(pattern)
            }
            let minimum = field.length?.min?.value ?? 0
            let maximum = field.length?.max?.value ?? 4000
            var text: String
            if random.chance(behaviour.padding) {
                if minimum <= 3 {
                    text = random.pick(SampleText.placeholderAnswers)
                } else if let last = lastText[person]?[key] {
                    return .string(last)
                } else {
                    text = freeText(field, customer: customer)
                }
            } else {
                text = freeText(field, customer: customer)
            }
            while text.count < minimum { text += " " + random.pick(SampleText.sentences) }
            if text.count > maximum { text = String(text.prefix(maximum)).trimmingCharacters(in: .whitespaces) }
            if Placeholder.kind(of: text) == nil { lastText[person, default: [:]][key] = text }
            return .string(text)
        case .email:
            let name = random.pick(SampleText.surnames).lowercased()
            return .string("\(name)\(random.int(1...99))@\(domain(of: customer)).com.tw")
        case .phone:
            return .string("0\(random.int(2...8))-\(random.int(2000...8999))-\(random.int(1000...9999))")
        case .integer:
            let (low, high) = bounds(field, default: 1...20)
            return .number(Decimal(random.int(low...high)))
        case .decimal, .percent:
            let (low, high) = bounds(field, default: field.type.value == .percent ? 5...60 : 1...100)
            return .number(Decimal(random.int(low...high)))
        case .money:
            let (low, high) = bounds(field, default: 20_000...2_000_000)
            let thousands = random.int((low + 999) / 1000...max((low + 999) / 1000, high / 1000))
            return .number(Decimal(thousands * 1000))
        case .date:
            let offsets = attempt == 0 ? [0, 0, 1, 2, 3, 7] : Array(-3...(7 * attempt + 7))
            let date = today.adding(days: random.pick(offsets)) ?? today
            return .string(date.description)
        case .datetime:
            let earlier = time.adding(seconds: -Int64(random.int(1...36)) * 3600) ?? time
            return .string(earlier.description)
        case .boolean:
            return .bool(random.chance(id.contains("qualified") ? 0.7 : 0.4))
        case .choice:
            let values = options(of: field)
            return values.isEmpty ? nil : .string(random.pick(values))
        case .multiChoice:
            let values = options(of: field)
            guard !values.isEmpty else { return nil }
            let count = random.int(
                max(1, field.items?.min?.value ?? 1)...max(1, min(values.count, field.items?.max?.value ?? 3, 3)))
            var pool = values
            var chosen: [String] = []
            while chosen.count < count, !pool.isEmpty {
                chosen.append(pool.remove(at: random.int(0...(pool.count - 1))))
            }
            return .array(chosen.map { JSONValue.string($0) })
        case .textList:
            let low = max(1, field.items?.min?.value ?? 1)
            let high = max(low, min(field.items?.max?.value ?? 3, 3))
            var items: [String] = []
            for _ in 0..<random.int(low...high) {
                let item = random.pick(SampleText.phrases)
                if !items.contains(item) { items.append(item) }
            }
            return .array(items.map { JSONValue.string($0) })
        case .customer:
            return .string(customer.rawValue)
        case .report:
            guard let form = field.reportForm?.value, let record = engine.state.customers[customer] else { return nil }
            // The latest approved report, as a rep names the plan a visit carried out; else the latest the field takes.
            let statuses = field.reportStatuses?.value
            let approved = statuses?.contains(.approved) == false ? nil : record.latestApproved[form]
            let latest =
                approved ?? engine.reportChoices(customer: customer, form: form, statuses: statuses, limit: 1).first?.id
            return latest.map { .string($0.rawValue) }
        case .group:
            let low = max(1, field.items?.min?.value ?? 1)
            let high = max(low, min(field.items?.max?.value ?? 3, 3))
            var rows: [JSONValue] = []
            for _ in 0..<random.int(low...high) {
                var row: [String: JSONValue] = [:]
                for sub in field.fields where sub.compute == nil && sub.type.value != .note {
                    if !sub.isRequired && !random.chance(0.5) { continue }
                    if let value = make(
                        sub, key: key + "." + sub.id.value.rawValue, customer: customer, person: person,
                        behaviour: Behaviour(load: 1), today: today, time: time, engine: engine, attempt: attempt)
                    {
                        row[sub.id.value.rawValue] = value
                    }
                }
                rows.append(.object(row))
            }
            return .array(rows)
        case .note:
            return nil
        }
    }

    /// A short text that fits the field's id: a name, a title, an address, a category, or a phrase.
    private mutating func freeText(_ field: Field, customer: CustomerID) -> String {
        let id = field.id.value.rawValue
        if field.type.value == .longText {
            return (0..<random.int(1...3)).map { _ in random.pick(SampleText.sentences) }.joined(separator: " ")
        }
        if let suffix = SampleText.categories.keys.sorted().first(where: { id.hasSuffix($0) }),
            let words = SampleText.categories[suffix]
        {
            return random.pick(words)
        }
        if id.contains("address") || id.contains("location") || id.contains("place") {
            return "No. \(random.int(1...300)), \(random.pick(SampleText.streets)), \(random.pick(SampleText.cities))"
        }
        if id.contains("company") || id.contains("supplier") || id.contains("competitor") {
            return "\(random.pick(SampleText.cities)) \(random.pick(SampleText.companyWords)) Co., Ltd."
        }
        if id.contains("name") || id.contains("contact") || id.contains("person") || id.contains("referred") {
            return "\(random.pick(SampleText.surnames)) \(random.pick(SampleText.givenNames))"
        }
        if id.contains("title") || id.contains("role") || id.contains("position") {
            return random.pick(SampleText.titles)
        }
        if id.contains("country") { return random.pick(SampleText.countries) }
        if id.contains("website") || id.contains("url") { return "https://www.\(domain(of: customer)).com.tw" }
        if id.contains("number") || id.hasSuffix("_no") || id.contains("contract") {
            return "PO-\(random.int(10_000...99_999))"
        }
        return random.pick(SampleText.phrases)
    }

    private func domain(of customer: CustomerID) -> String {
        String(customer.rawValue.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    /// Digits for the common `^[0-9]{N}$` pattern (a tax id); nothing for other patterns.
    private mutating func digitsForPattern(_ pattern: String?) -> JSONValue? {
        guard let pattern, let match = pattern.wholeMatch(of: /\^\[0-9\]\{([0-9]+)\}\$/), let n = Int(match.output.1),
            n > 0, n <= 20
        else { return nil }
        return .string(String((0..<n).map { _ in Character(String(random.int(0...9))) }))
    }

    private func options(of field: Field) -> [String] {
        switch field.choices {
        case .list(let id)?: formSet.choiceList(id.value)?.options.map(\.value.value) ?? []
        case .inline(let options)?: options.map(\.value.value)
        case nil: []
        }
    }

    /// A typical range within the field's own: `fallback` cut to the field's range, or the field's
    /// range when they do not meet.
    private func bounds(_ field: Field, default fallback: ClosedRange<Int>) -> (Int, Int) {
        func whole(_ value: Value?) -> Int? {
            switch value {
            case .int(let n)?: n
            case .decimal(let d)?: NSDecimalNumber(decimal: d).intValue
            default: nil
            }
        }
        let fieldLow = whole(field.range?.min?.value) ?? Int.min
        let fieldHigh = whole(field.range?.max?.value) ?? Int.max
        let low = max(fieldLow, fallback.lowerBound)
        let high = min(fieldHigh, fallback.upperBound)
        if low <= high { return (low, high) }
        return fieldLow <= fieldHigh ? (fieldLow, fieldLow) : (fallback.lowerBound, fallback.upperBound)
    }
}
