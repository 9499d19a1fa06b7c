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
            let always =
                field.isRequired && field.showIf == nil && field.defaultValue == nil && field.defaultExpr == nil
                && field.prefill == nil && field.readOnlyIf == nil
            var property = value(field, formSet, required: always)
            if let label = field.label?.text(in: formSet.manifest.defaultLocale) { property["title"] = label }
            if let hint = field.hint?.text(in: formSet.manifest.defaultLocale) { property["description"] = hint }
            properties[id] = property
            if always { required.append(id) }
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

    /// The JSON a field's answer may be. What the engine takes for no answer — `null`, and a text of nothing but
    /// spaces, and an empty list — is allowed unless the field must always be answered (`required`): then the
    /// schema refuses it, as the engine does ("… is required").
    private static func value(_ field: Field, _ formSet: FormSet, required: Bool) -> [String: Any] {
        let none: [String: Any] = ["type": "null"]
        /// `schema`, or no answer.
        func optional(_ schema: [String: Any], _ blanks: [[String: Any]] = []) -> [String: Any] {
            required ? schema : ["anyOf": [schema] + blanks + [none]]
        }
        /// A list of at least one item when an answer is required; an empty list is no answer otherwise.
        func list(_ schema: [String: Any]) -> [String: Any] {
            var schema = schema
            if required { schema["minItems"] = max(1, schema["minItems"] as? Int ?? 0) }
            return optional(schema, [["type": "array", "maxItems": 0]])
        }
        switch field.type.value {
        case .text, .longText, .email, .phone, .customer, .report:
            var string: [String: Any] = ["type": "string"]
            if let pattern = field.pattern?.value { string["pattern"] = pattern }
            if let min = field.length?.min?.value { string["minLength"] = min }
            if let max = field.length?.max?.value { string["maxLength"] = max }
            if field.type.value == .email { string["format"] = "email" }
            // A text of nothing but spaces is no answer: refused when one is required, else allowed as such.
            if required { string["allOf"] = [["pattern": "\\S"]] }
            return optional(string, [["type": "string", "pattern": "^\\s*$"]])
        case .integer: return optional(numeric("integer", field))
        case .decimal, .money, .percent: return optional(numeric("number", field))
        case .date: return optional(["type": "string", "format": "date"])
        case .datetime: return optional(["type": "string", "format": "date-time"])
        case .boolean: return optional(["type": "boolean"])
        case .choice: return optional(["enum": options(field, formSet)])
        case .multiChoice:
            // A choice of several options is a set: each option once.
            return list(
                counted(["type": "array", "items": ["enum": options(field, formSet)], "uniqueItems": true], field))
        case .textList:
            var strings: [String: Any] = ["type": "array", "items": ["type": "string"]]
            if field.unique { strings["uniqueItems"] = true }
            return list(counted(strings, field))
        case .group:
            return list(counted(["type": "array", "items": object(field.fields, formSet)], field))
        case .note: return [:]
        }
    }
}
