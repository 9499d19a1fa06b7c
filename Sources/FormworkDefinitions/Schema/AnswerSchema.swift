import FormworkLanguage
import Foundation

/// The JSON Schema (2020-12) of one form's answers as `formwork submit FORM --from FILE` takes them,
/// for tools that prepare answers elsewhere (a web form, a spreadsheet export).
///
/// It follows the engine's JSON answer rules (docs/engine.md, "Answers"): a value is given typed, as JSON
/// Schema types it (`12`, `true`, `["a", "b"]`; the text a person would type, `"12"` or `"yes"`, is
/// for `--set`, and `--from` refuses it); `null` is no answer; computed and display-only fields take no
/// answer. Checks, `required_if`,
/// `show_if` and cross-field rules are the engine's to judge: the schema says which fields exist, of
/// what type, and which must always be answered.
public enum AnswerSchema {
    public static func json(for form: Form, in formSet: FormSet) -> String {
        let data =
            (try? JSONSerialization.data(
                withJSONObject: schema(form, formSet), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func schema(_ form: Form, _ formSet: FormSet) -> [String: Any] {
        var result = object(form.fields, formSet)
        result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        result["title"] = form.title.text(in: formSet.manifest.defaultLocale)
        result["description"] = "Answers to form \(form.id.value) (version \(form.version.prefix(12)))"
        return result
    }

    private static func object(_ fields: [Field], _ formSet: FormSet) -> [String: Any] {
        var properties: [String: Any] = [:]
        var required: [String] = []
        for field in fields where field.type.value != .note && field.compute == nil {
            let id = field.id.value.rawValue
            var property = value(field, formSet)
            if let label = field.label?.text(in: formSet.manifest.defaultLocale) { property["title"] = label }
            if let hint = field.hint?.text(in: formSet.manifest.defaultLocale) { property["description"] = hint }
            properties[id] = property
            if field.isRequired && field.showIf == nil && field.defaultValue == nil && field.defaultExpr == nil
                && field.prefill == nil && field.readOnlyIf == nil
            {
                required.append(id)
            }
        }
        var result: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        if !required.isEmpty { result["required"] = required }
        return result
    }

    private static func options(_ field: Field, _ formSet: FormSet) -> [String] {
        switch field.choices {
        case .list(let id)?: formSet.choiceList(id.value)?.options.map(\.value.value) ?? []
        case .inline(let options)?: options.map(\.value.value)
        case nil: []
        }
    }

    /// A number type with the field's `range` as `minimum` / `maximum`.
    private static func numeric(_ type: String, _ field: Field) -> [String: Any] {
        var schema: [String: Any] = ["type": type]
        func number(_ value: Value?) -> NSNumber? {
            switch value {
            case .int(let number)?: NSNumber(value: number)
            case .decimal(let number)?: NSDecimalNumber(decimal: number)
            default: nil
            }
        }
        if let min = number(field.range?.min?.value) { schema["minimum"] = min }
        if let max = number(field.range?.max?.value) { schema["maximum"] = max }
        return schema
    }

    /// A list with the field's `items` as `minItems` / `maxItems`.
    private static func counted(_ list: [String: Any], _ field: Field) -> [String: Any] {
        var list = list
        if let min = field.items?.min?.value { list["minItems"] = min }
        if let max = field.items?.max?.value { list["maxItems"] = max }
        return list
    }

    /// The JSON a field's answer may be, `null` (no answer) included.
    private static func value(_ field: Field, _ formSet: FormSet) -> [String: Any] {
        let typed: [String: Any]
        switch field.type.value {
        case .text, .longText, .email, .phone, .customer, .report:
            var string: [String: Any] = ["type": "string"]
            if let pattern = field.pattern?.value { string["pattern"] = pattern }
            if let min = field.length?.min?.value { string["minLength"] = min }
            if let max = field.length?.max?.value { string["maxLength"] = max }
            if field.type.value == .email { string["format"] = "email" }
            return ["anyOf": [string, ["type": "null"]]]
        case .integer: typed = numeric("integer", field)
        case .decimal, .money, .percent: typed = numeric("number", field)
        case .date: return ["anyOf": [["type": "string", "format": "date"], ["type": "null"]]]
        case .datetime: return ["anyOf": [["type": "string", "format": "date-time"], ["type": "null"]]]
        case .boolean: typed = ["type": "boolean"]
        case .choice: return ["anyOf": [["enum": options(field, formSet)], ["type": "null"]]]
        case .multiChoice:
            // A choice of several options is a set: each option once.
            typed = counted(
                ["type": "array", "items": ["enum": options(field, formSet)], "uniqueItems": true], field)
        case .textList:
            var list: [String: Any] = ["type": "array", "items": ["type": "string"]]
            if field.unique { list["uniqueItems"] = true }
            typed = counted(list, field)
        case .group:
            var rows: [String: Any] = ["type": "array", "items": object(field.fields, formSet)]
            if let min = field.items?.min?.value { rows["minItems"] = min }
            if let max = field.items?.max?.value { rows["maxItems"] = max }
            return ["anyOf": [rows, ["type": "null"]]]
        case .note: return [:]
        }
        // Typed; null is no answer.
        return ["anyOf": [typed, ["type": "null"]]]
    }
}
