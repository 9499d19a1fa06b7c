import Foundation

/// The JSON Schema (draft-07, what yaml-language-server reads) of Formwork's definition files, for
/// completion and early warnings in an editor.
///
/// It describes the shape only — which keys each mapping takes, which are required, the words a
/// key accepts — and is never stricter than Formwork: a file the schema refuses is one Formwork
/// refuses too (`scripts/check-schema.py` checks this on every shipped and fixture file). What the
/// schema cannot say (references between files, types of expressions, ids' spelling) is left to
/// `formwork check`. Scalars are loose on purpose: Formwork reads every scalar as text, so `12` and
/// `"12"` are the same to it.
public enum DefinitionSchema {
    public static let fileName = "formwork-definitions.schema.json"
    public static let directory = "schema"

    /// The schema as pretty, key-sorted JSON text ending in a newline.
    public static func json() -> String {
        let data =
            (try? JSONSerialization.data(
                withJSONObject: schema(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static var scalar: [String: Any] { ["type": ["string", "number", "boolean"]] }
    private static var nonEmptyScalar: [String: Any] {
        [
            "anyOf": [["type": "string", "minLength": 1], ["type": ["number", "boolean"]]]
        ]
    }
    private static var text: [String: Any] {
        [
            "description": "Text, or a map from locale to text: {en: …, zh-Hant: …}",
            "anyOf": [
                ["type": ["string", "number", "boolean"]],
                ["type": "object", "additionalProperties": ["type": ["string", "number", "boolean"]]],
            ],
        ]
    }
    private static var condition: [String: Any] {
        [
            "description": "An expression of the condition language (docs/condition-language.md)",
            "type": ["string", "boolean", "number"],
        ]
    }
    private static var flag: [String: Any] { ["enum": [true, false, "true", "false"]] }
    private static var number: [String: Any] {
        [
            "anyOf": [["type": "number"], ["type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"]]
        ]
    }
    private static var wholeNumber: [String: Any] {
        [
            "anyOf": [["type": "integer"], ["type": "string", "pattern": "^[+-]?[0-9]+$"]]
        ]
    }

    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/definitions/\(name)"] }

    private static func list(_ item: [String: Any]) -> [String: Any] { ["type": "array", "items": item] }

    private static func words(_ values: [String], _ description: String? = nil) -> [String: Any] {
        var result: [String: Any] = ["enum": values]
        if let description { result["description"] = description }
        return result
    }

    /// A mapping with exactly these keys (each described) and these required ones.
    private static func mapping(_ properties: [String: [String: Any]], required: [String] = []) -> [String: Any] {
        var result: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        if !required.isEmpty { result["required"] = required }
        return result
    }

    private static func schema() -> [String: Any] {
        let kinds = ["formwork", "form", "workflow", "policy", "choices", "org"]
        return [
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": "https://formwork.example/schema/\(fileName)",
            "title": "Formwork definition file",
            "description":
                "A manifest (formwork.yaml) or a file defining a form, workflow, policy, choice lists or the organisation. "
                + "See docs/definition-language.md.",
            "type": "object",
            "anyOf": kinds.map { ["required": [$0]] },
            // A file is of the kind its opening key names; forms also have a 'policy' key, so a file
            // with 'form' is a form whatever else it holds.
            "allOf": kinds.map { kind -> [String: Any] in
                var condition: [String: Any] = ["required": [kind]]
                if kind == "policy" { condition["not"] = ["required": ["form"]] }
                return ["if": condition, "then": ref(kind == "formwork" ? "manifest" : kind)]
            },
            "definitions": definitions(),
        ]
    }

    private static func definitions() -> [String: Any] {
        let fieldTypes = FieldType.allCases.map(\.rawValue)
        let reportStatuses = ReportStatus.allCases.map(\.rawValue)
        let sourceKeys: [String: [String: Any]] = [
            "manager": ["description": "1 for the submitter's manager, 2 for the manager's manager…"],
            "role": scalar, "region": scalar, "person": scalar,
        ]
        return [
            "text": text, "condition": condition, "flag": flag,
            "manifest": mapping(
                [
                    "formwork": ["description": "The definition language version: 1", "enum": [1, "1"]],
                    "name": text, "locale": scalar, "locales": list(scalar), "currency": scalar,
                    "calendar": mapping([
                        "timezone": scalar, "workdays": list(words(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])),
                        "holidays": list(scalar),
                    ]),
                    "include": list(nonEmptyScalar),
                    "audit": mapping([
                        "budget": ["type": "object", "additionalProperties": number],
                        "field_seconds": ["type": "object", "additionalProperties": number],
                    ]),
                    "change_control": mapping(
                        ["proposed_by": list(scalar), "policy": scalar], required: ["proposed_by", "policy"]),
                ], required: ["formwork", "name", "locale"]),
            "form": mapping(
                [
                    "form": scalar, "title": text, "description": text, "policy": scalar,
                    "sections": list(ref("section")), "fields": list(ref("field")), "checks": list(ref("check")),
                ], required: ["form", "title"]),
            "section": mapping(
                ["id": scalar, "title": text, "show_if": condition, "fields": list(ref("field"))], required: ["fields"]),
            "check": mapping(
                ["rule": condition, "message": text, "severity": words(Check.Severity.allCases.map(\.rawValue))],
                required: ["rule", "message"]),
            "range": mapping(["min": scalar, "max": scalar]),
            "field": mapping(
                [
                    "id": scalar, "type": words(fieldTypes, "The field's type (docs/definition-language.md)"),
                    "label": text, "hint": text, "required": flag, "required_if": condition, "show_if": condition,
                    "read_only_if": condition, "default": ["description": "A value of the field's type"],
                    "default_expr": condition, "compute": condition, "prefill": scalar,
                    "choices": [
                        "description": "The id of a choice list, or the options inline",
                        "anyOf": [scalar, list(ref("option"))],
                    ],
                    "currency": scalar, "pattern": scalar, "length": ref("range"), "range": ref("range"),
                    "items": ref("range"), "unique": flag, "form": scalar,
                    "status": [
                        "description":
                            "For a report field: the status (or list of statuses) the report named must have",
                        "anyOf": [
                            words(reportStatuses, "A report's status"),
                            list(words(reportStatuses, "A report's status")),
                        ],
                    ],
                    "fields": list(ref("field")),
                    "checks": list(ref("check")),
                ], required: ["id", "type"]),
            "option": ["anyOf": [scalar, mapping(["value": scalar, "label": text], required: ["value"])]],
            "choices": mapping(
                [
                    "choices": list(
                        mapping(["id": scalar, "options": list(ref("option"))], required: ["id", "options"]))
                ],
                required: ["choices"]),
            "workflow": mapping(
                [
                    "workflow": scalar, "title": text, "filled_by": ["anyOf": [scalar, list(scalar)]],
                    "stages": list(
                        mapping(
                            [
                                "id": scalar, "title": text, "exit_when": condition, "next": scalar,
                                "forms": list(
                                    mapping(
                                        [
                                            "form": scalar, "required": flag, "repeatable": flag,
                                            "cadence": words(Cadence.allCases.map(\.rawValue)),
                                            "filled_by": ["anyOf": [scalar, list(scalar)]],
                                            "after": ["anyOf": [scalar, list(scalar)]],
                                        ], required: ["form"])),
                            ], required: ["id"])),
                ], required: ["workflow", "stages"]),
            "source": list(mapping(sourceKeys)),
            "policy": mapping(
                [
                    "policy": scalar, "title": text, "meaning": text, "self_approval": flag,
                    "recall": words(Recall.allCases.map(\.rawValue)), "material": list(scalar),
                    "opinion_required": list(words(Decision.allCases.map(\.rawValue))), "delegation": flag,
                    "steps": list(
                        mapping(
                            [
                                "id": scalar, "title": text, "meaning": text, "approvers": ref("source"),
                                "fallback": ref("source"), "quorum": ["anyOf": [words(["any", "all"]), wholeNumber]],
                                "decisions": list(words(Decision.allCases.map(\.rawValue))), "when": condition,
                                "sla": mapping(["days": number, "remind_after": number, "escalate_to": ref("source")]),
                            ], required: ["id", "approvers"])),
                ], required: ["policy", "steps"]),
            "org": mapping(
                [
                    "org": scalar, "name": text,
                    "roles": list(mapping(["id": scalar, "label": text], required: ["id"])),
                    "regions": list(mapping(["id": scalar, "label": text], required: ["id"])),
                    "people": list(
                        mapping(
                            [
                                "id": scalar, "name": text, "roles": list(scalar), "region": scalar, "manager": scalar,
                                "active": flag,
                            ], required: ["id"])),
                    "targets": list(
                        mapping([
                            "period": scalar, "person": scalar, "region": scalar, "units": number, "revenue": number,
                            "profit": number,
                        ])),
                    "delegations": list(
                        mapping(
                            ["from": scalar, "to": scalar, "start": scalar, "end": scalar, "policies": list(scalar)],
                            required: ["from", "to"])),
                    "volumes": list(
                        mapping(["form": scalar, "per_week": number, "customers": wholeNumber], required: ["form"])),
                ], required: ["org"]),
        ]
    }
}
