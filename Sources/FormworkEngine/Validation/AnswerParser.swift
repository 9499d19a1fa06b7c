import FormworkDefinitions
import FormworkLanguage
import Foundation

/// Turns answers as front ends give them (typed text, JSON, values) into values of a field's type.
struct AnswerParser {
    let catalog: Catalog

    /// The outcome of parsing one answer: the value (`.null` for no answer or a failure) and the
    /// problems found, with the paths that failed (so that they are not also reported as missing).
    struct Parsed {
        var value: Value = .null
        var problems: [Problem] = []
        var failed: Set<String> = []
    }

    func parse(_ answer: Answer, for field: Field, path: String, order: [Int]) -> Parsed {
        if field.type.value == .group { return parseGroup(answer, field: field, path: path, order: order) }
        let result: Result<Value, ParseFailure>
        switch answer {
        case .text(let text): result = parseText(text, as: field)
        case .json(let json): result = parseJSON(json, as: field)
        case .value(let value): result = coerce(value, to: field)
        }
        switch result {
        case .success(let value): return Parsed(value: value)
        case .failure(let failure):
            let finding = FieldFinding(field: path, label: catalog.label(of: field), message: failure.message)
            return Parsed(value: .null, problems: [Problem(order: order, finding: finding)], failed: [path])
        }
    }

    // MARK: - Scalars and lists

    /// `[+-]digits`, and with `allowingPoint` also `[+-]digits.digits`.
    static func isNumberShaped(_ text: String, allowingPoint: Bool) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 1 || (allowingPoint && parts.count == 2) else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { ("0"..."9").contains($0) } }
    }

    func parseText(_ raw: String, as field: Field) -> Result<Value, ParseFailure> {
        var label: String { catalog.label(of: field) }  // only a failure needs it
        let text = raw.trimmedOfSpacesAndNewlines
        switch field.type.value {
        case .text, .longText, .email, .phone:
            // Free text is kept as typed; text of nothing but spaces is no answer.
            return .success(text.isEmpty ? .null : .string(raw))
        case .choice, .customer, .report:
            return .success(text.isEmpty ? .null : .string(text))
        case .note:
            return .failure("\(label) is display only and takes no answer")
        case .group:
            return .failure("give the rows of \(label) as a JSON list of objects")
        case _ where text.isEmpty:
            return .success(.null)
        case .integer:
            guard Self.isNumberShaped(text, allowingPoint: false) else {
                return .failure("\(label) must be a whole number such as 12, not '\(raw)'")
            }
            guard let number = Int(text) else { return .failure("\(label): \(raw) is too large a number") }
            return .success(.int(number))
        case .decimal, .money, .percent:
            var digits = text
            if field.type.value == .percent, digits.hasSuffix("%") {
                digits = String(digits.dropLast()).trimmingCharacters(in: .whitespaces)
            }
            guard Self.isNumberShaped(digits, allowingPoint: true) else {
                return .failure("\(label) must be a number such as 1250 or 12.5 (digits and one point), not '\(raw)'")
            }
            // Read as a JSON number reads (leading zeros dropped, as JSON has none): kept exactly, or refused for
            // more significant digits than can be kept or a value out of range. `Decimal(string:)` would round.
            var whole = Substring(digits)
            // The JSON text as bytes: `sign + whole` would be the generic `String.append(contentsOf:)`, whose first
            // use in a process costs a command more than the parse (docs/design/command-start.md).
            var json: [UInt8] = whole.first == "-" ? [UInt8(ascii: "-")] : []
            if whole.first == "-" || whole.first == "+" { whole = whole.dropFirst() }
            while whole.count > 1, whole.first == "0", whole.dropFirst().first != "." { whole = whole.dropFirst() }
            json.append(contentsOf: whole.utf8)
            do throws(JSONParseError) {
                guard case .number(let number) = try JSONValue.parse(json) else {
                    return .failure(
                        "\(label) must be a number such as 1250 or 12.5 (digits and one point), not '\(raw)'")
                }
                return .success(.decimal(number))
            } catch {
                return .failure("\(label): \(error.message)")
            }
        case .date:
            guard let date = LocalDate(text) else {
                return .failure("\(label) must be a date written YYYY-MM-DD, such as 2026-03-02, not '\(raw)'")
            }
            return .success(.date(date))
        case .datetime:
            guard let instant = Timestamp(text) else {
                return .failure(
                    "\(label) must be a date and time in RFC 3339, such as 2026-03-02T09:30:00+08:00, not '\(raw)'")
            }
            return .success(.datetime(instant))
        case .boolean:
            switch text.lowercased() {
            case "true", "yes": return .success(.bool(true))
            case "false", "no": return .success(.bool(false))
            default: return .failure("\(label) must be true or false (or yes / no), not '\(raw)'")
            }
        case .multiChoice, .textList:
            return .success(.list(Self.splitList(text).map(Value.string)))
        }
    }

    /// Splits `a, b\, c` into `["a", "b, c"]`: commas separate items, `\,` is a comma inside one,
    /// spaces around items are dropped, empty items are skipped.
    static func splitList(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                if character != "," && character != "\\" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "," {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        items.append(current)
        return items.map(\.trimmedOfSpaces).filter { !$0.isEmpty }
    }

    /// Reads a JSON answer strictly, as JSON Schema would: numbers must be JSON numbers, booleans
    /// `true`/`false`, texts (and dates, choices) JSON strings, lists JSON arrays of strings.
    func parseJSON(_ json: JSONValue, as field: Field) -> Result<Value, ParseFailure> {
        var label: String { catalog.label(of: field) }  // only a failure needs it
        let type = field.type.value
        switch (type, json) {
        case (_, .null):
            return .success(.null)
        case (.integer, .number(let number)):
            guard let whole = Self.wholeNumber(number) else { return .failure("\(label) must be a whole number") }
            return .success(.int(whole))
        case (.decimal, .number(let number)), (.money, .number(let number)), (.percent, .number(let number)):
            return .success(.decimal(number))
        case (.boolean, .bool(let flag)):
            return .success(.bool(flag))
        case (.date, .string(let text)), (.datetime, .string(let text)), (.choice, .string(let text)):
            // As the published schema has them (`format: date`, `date-time`, an `enum`): exactly the value, so
            // that a file a JSON Schema validator refuses is not quietly trimmed or taken as no answer here.
            guard !text.isEmpty, text.trimmedOfSpacesAndNewlines == text else {
                let what = type == .choice ? "one of its options" : type == .date ? "a date" : "a date and time"
                return .failure(
                    "\(label) must be \(what) in quotes with nothing around it, not \(Self.describe(json)); null is no answer"
                )
            }
            return parseText(text, as: field)
        case (.text, .string(let text)), (.longText, .string(let text)), (.email, .string(let text)),
            (.phone, .string(let text)), (.customer, .string(let text)), (.report, .string(let text)):
            return parseText(text, as: field)
        case (.multiChoice, .array(let elements)), (.textList, .array(let elements)):
            var items: [Value] = []
            for element in elements {
                guard case .string(let text) = element else {
                    return .failure("every item of \(label) must be text in quotes")
                }
                items.append(.string(text))
            }
            return .success(.list(items))
        case (.integer, _), (.decimal, _), (.money, _), (.percent, _):
            return .failure("\(label) must be a JSON number, not \(Self.describe(json))")
        case (.boolean, _):
            return .failure("\(label) must be true or false, not \(Self.describe(json))")
        case (.multiChoice, _), (.textList, _):
            return .failure("\(label) must be a JSON list of texts, not \(Self.describe(json))")
        default:
            return .failure("\(label) must be text in quotes, not \(Self.describe(json))")
        }
    }

    /// What `parseJSON` makes of `json` for a field of `type` when that needs nothing but the type and cannot
    /// fail (a JSON number for a decimal, text with nothing to trim for a text or a choice, a list of texts);
    /// nil for every other case, which `parseJSON` decides.
    static func plainJSON(_ json: JSONValue, type: FieldType) -> Value? {
        switch (type, json) {
        case (.decimal, .number(let number)), (.money, .number(let number)), (.percent, .number(let number)):
            return .decimal(number)
        case (.boolean, .bool(let flag)):
            return .bool(flag)
        case (.text, .string(let text)), (.longText, .string(let text)), (.email, .string(let text)),
            (.phone, .string(let text)), (.choice, .string(let text)), (.customer, .string(let text)),
            (.report, .string(let text)):
            return text.isTrimmedASCII ? .string(text) : nil
        case (.multiChoice, .array(let elements)), (.textList, .array(let elements)):
            var items: [Value] = []
            items.reserveCapacity(elements.count)
            for element in elements {
                guard case .string(let text) = element else { return nil }
                items.append(.string(text))
            }
            return .list(items)
        default:
            return nil
        }
    }

    /// What a JSON value is, for messages: "the number 12", "a list".
    static func describe(_ json: JSONValue) -> String {
        switch json {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): "the number \(CanonicalText.decimal(number))"
        case .string(let text): "the text \"\(text)\""
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// Checks a typed value against the field's type, converting numbers where that loses nothing.
    func coerce(_ value: Value, to field: Field) -> Result<Value, ParseFailure> {
        var label: String { catalog.label(of: field) }  // only a failure needs it
        switch (field.type.value, value) {
        case (_, .null): return .success(.null)
        case (.text, .string), (.longText, .string), (.email, .string), (.phone, .string), (.choice, .string),
            (.customer, .string), (.report, .string), (.date, .date), (.datetime, .datetime), (.boolean, .bool),
            (.integer, .int):
            return .success(value)
        case (.decimal, .int(let number)), (.money, .int(let number)), (.percent, .int(let number)):
            return .success(.decimal(Decimal(number)))
        case (.decimal, .decimal), (.money, .decimal), (.percent, .decimal):
            return .success(value)
        case (.integer, .decimal(let number)):
            guard let whole = Self.wholeNumber(number) else { return .failure("\(label) must be a whole number") }
            return .success(.int(whole))
        case (.multiChoice, .list(let items)), (.textList, .list(let items)):
            guard items.allSatisfy({ if case .string = $0 { true } else { false } }) else {
                return .failure("every item of \(label) must be text")
            }
            return .success(value)
        case (_, .string(let text)):
            return parseText(text, as: field)
        default:
            return .failure("\(label) does not take \(value)")
        }
    }

    static func wholeNumber(_ number: Decimal) -> Int? {
        var rounded = Decimal()
        var source = number
        NSDecimalRound(&rounded, &source, 0, .plain)
        guard rounded == number, let whole = Int(CanonicalText.decimal(number)) else { return nil }
        return whole
    }

    // MARK: - Groups

    private func parseGroup(_ answer: Answer, field: Field, path: String, order: [Int]) -> Parsed {
        var label: String { catalog.label(of: field) }  // only a failure needs it
        var rows: [[String: Answer]] = []
        func failure(_ message: String) -> Parsed {
            Parsed(
                value: .null,
                problems: [Problem(order: order, finding: FieldFinding(field: path, label: label, message: message))],
                failed: [path])
        }
        switch answer {
        case .text(let text):
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return Parsed() }
            do {
                let json = try JSONValue.parse(Array(text.utf8))
                return parseGroup(.json(json), field: field, path: path, order: order)
            } catch {
                return failure(
                    "give the rows of \(label) as a JSON list of objects, e.g. [{\"quantity\": 2}] (\(error))")
            }
        case .json(.null), .value(.null):
            return Parsed()
        case .json(.array(let elements)):
            for element in elements {
                guard case .object(let members) = element else {
                    return failure("every row of \(label) must be an object keyed by the row's field ids")
                }
                rows.append(members.mapValues { Answer.json($0) })
            }
        case .value(.list(let elements)):
            for element in elements {
                guard case .record(let record) = element else {
                    return failure("every row of \(label) must be a record")
                }
                var row: [String: Answer] = [:]
                for member in record.fields { row[member.name] = .value(member.value) }
                rows.append(row)
            }
        default:
            return failure("give the rows of \(label) as a list of objects")
        }
        var parsed = Parsed()
        var records: [Value] = []
        for (rowIndex, row) in rows.enumerated() {
            var fields: [Record.Field] = []
            for (fieldIndex, sub) in field.fields.enumerated() {
                let subPath = "\(path)[\(rowIndex + 1)].\(sub.id.value)"
                guard sub.type.value != .note, let answer = row[sub.id.value.rawValue] else {
                    fields.append(Record.Field(name: sub.id.value.rawValue, value: .null))
                    continue
                }
                let subOrder = order + [rowIndex, fieldIndex]
                if sub.compute != nil {
                    parsed.problems.append(
                        Problem(
                            order: subOrder,
                            finding: FieldFinding(
                                field: subPath, label: catalog.label(of: sub),
                                message: "\(catalog.label(of: sub)) is computed and cannot be answered")))
                    parsed.failed.insert(subPath)
                    fields.append(Record.Field(name: sub.id.value.rawValue, value: .null))
                    continue
                }
                let one = parse(answer, for: sub, path: subPath, order: subOrder)
                parsed.problems += one.problems
                parsed.failed.formUnion(one.failed)
                fields.append(Record.Field(name: sub.id.value.rawValue, value: one.value))
            }
            let known = Set(field.fields.map(\.id.value.rawValue))
            for key in row.keys.sorted() where !known.contains(key) {
                let hint = Suggestion.didYouMean(key, in: field.fields.map(\.id.value.rawValue))
                parsed.problems.append(
                    Problem(
                        order: order + [rowIndex, Int.max],
                        finding: FieldFinding(
                            field: "\(path)[\(rowIndex + 1)].\(key)", label: nil,
                            message: "row \(rowIndex + 1) of \(label) has no field '\(key)'\(hint)")))
            }
            records.append(.record(Record(name: "row", fields: fields)))
        }
        parsed.value = .list(records)
        return parsed
    }
}
