import FormworkDiagnostics
import FormworkLanguage
import Foundation

extension NodeDecoder {
    static let formKeys = ["form", "title", "description", "policy", "sections", "fields", "checks"]
    static let sectionKeys = ["id", "title", "show_if", "fields"]
    static let fieldKeys = [
        "id", "type", "label", "hint", "required", "required_if", "show_if", "read_only_if", "default",
        "default_expr", "compute", "prefill", "choices", "currency", "pattern", "length", "range", "items", "unique",
        "form", "status", "fields", "checks",
    ]

    mutating func form(_ root: YAMLNode, map: MappingView, file: String) -> Form? {
        guard let id = required(map, "form").flatMap({ id($0, "the form id", as: FormTag.self) }) else { return nil }
        let title = required(map, "title").flatMap { text($0, "the form's title") } ?? LocalizedText(id.value.rawValue)
        let description = map["description"].flatMap { text($0, "the form's description") }
        let policy = map["policy"].flatMap { self.id($0, "the form's policy", as: PolicyTag.self) }
        var sections: [Section] = []
        if let sectionsNode = map["sections"] {
            if let fieldsNode = map["fields"] {
                error(
                    "invalid-value",
                    "a form has either 'sections' or 'fields', not both; move these fields into a section",
                    at: map.keyLocation("fields") ?? fieldsNode.location)
            }
            sections = list(sectionsNode, "'sections'") { (d: inout NodeDecoder, node: YAMLNode) -> Section? in
                d.section(node)
            }
        } else if let fieldsNode = map["fields"] {
            sections = [Section(id: nil, title: nil, showIf: nil, fields: fields(fieldsNode, depth: 0))]
        } else {
            error("missing-key", "the form needs 'fields' or 'sections'", at: root.location)
        }
        let checks = map["checks"].map { self.checks($0, "the form's checks") } ?? []
        return Form(
            id: id, title: title, description: description, policy: policy, sections: sections, checks: checks,
            file: file)
    }

    private mutating func section(_ node: YAMLNode) -> Section? {
        guard let map = mapping(node, "a section", allowed: Self.sectionKeys) else { return nil }
        let id = map["id"].flatMap { self.id($0, "the section id", as: SectionTag.self) }
        let title = map["title"].flatMap { text($0, "the section's title") }
        let showIf = map["show_if"].flatMap { condition($0, "the section's 'show_if'") }
        let fields = required(map, "fields").map { self.fields($0, depth: 0) } ?? []
        return Section(id: id, title: title, showIf: showIf, fields: fields)
    }

    mutating func fields(_ node: YAMLNode, depth: Int) -> [Field] {
        let fields = list(node, "'fields'") { (d: inout NodeDecoder, item: YAMLNode) -> Field? in
            d.field(item, depth: depth)
        }
        if case .sequence(let items) = node.kind, items.isEmpty {
            error("invalid-value", "'fields' is empty; list at least one field", at: node.ownerLocation)
        }
        return fields
    }

    mutating func checks(_ node: YAMLNode, _ what: String) -> [Check] {
        list(node, what) { (d: inout NodeDecoder, item: YAMLNode) -> Check? in
            guard let map = d.mapping(item, "a check", allowed: ["rule", "message", "severity"]),
                let rule = d.required(map, "rule").flatMap({ d.condition($0, "the check's rule") })
            else { return nil }
            let message = d.required(map, "message").flatMap { d.text($0, "the check's message") }
            let severity =
                map["severity"].flatMap { d.choice($0, "the severity", among: Check.Severity.allCases) }?.value
                ?? .error
            return Check(
                rule: rule, message: message ?? LocalizedText(rule.source), severity: severity, location: item.location)
        }
    }

    // swiftlint:disable:next function_body_length
    private mutating func field(_ node: YAMLNode, depth: Int) -> Field? {
        guard let map = mapping(node, "a field", allowed: Self.fieldKeys),
            let id = required(map, "id").flatMap({ id($0, "the field id", as: FieldTag.self) })
        else { return nil }
        let what = "field '\(id.value)'"
        guard let type = required(map, "type").flatMap({ choice($0, "the type of \(what)", among: FieldType.allCases) })
        else {
            damagedNames.insert(id.value.rawValue)
            return nil
        }
        let kind = type.value
        if kind == .group && depth > 0 {
            error("invalid-value", "a group cannot contain another group", at: type.location)
        }
        let label = map["label"].flatMap { text($0, "the label of \(what)") }
        if label == nil && kind != .note && map["label"] == nil {
            error("missing-key", "\(what) needs a 'label'", at: node.location)
        }
        var field = Field(
            id: id, type: type, label: label, hint: map["hint"].flatMap { text($0, "the hint of \(what)") },
            required: map["required"].flatMap { bool($0, "'required'") },
            requiredIf: map["required_if"].flatMap { condition($0, "'required_if'") },
            showIf: map["show_if"].flatMap { condition($0, "'show_if'") },
            readOnlyIf: map["read_only_if"].flatMap { condition($0, "'read_only_if'") },
            defaultValue: nil, defaultExpr: map["default_expr"].flatMap { condition($0, "'default_expr'") },
            compute: map["compute"].flatMap { condition($0, "'compute'") }, prefill: nil, choices: nil, currency: nil,
            pattern: nil, length: nil, range: nil, items: nil, unique: false, reportForm: nil, fields: [],
            checks: map["checks"].map { checks($0, "the checks of \(what)") } ?? [])
        func notFor(_ key: String, _ allowedText: String) {
            if let keyLocation = map.keyLocation(key) {
                error(
                    "key-not-applicable", "'\(key)' applies to \(allowedText) fields, not to a \(kind.rawValue) field",
                    at: keyLocation, length: key.unicodeScalars.count)
            }
        }
        if let node = map["prefill"], let path = string(node, "'prefill'") {
            let parts = path.value.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy({ Self.isIdentifier($0) }) {
                field.prefill = Located(
                    FieldPath(form: FormID(String(parts[0])), field: FieldID(String(parts[1]))), at: path.location)
            } else {
                error(
                    "invalid-value",
                    "'prefill' must name a field of an earlier form as form.field, not '\(path.value)'",
                    at: path.location)
            }
        }
        if let node = map["choices"] {
            if kind == .choice || kind == .multiChoice {
                if node.scalar != nil {
                    field.choices = self.id(node, "the choice list", as: ChoiceListTag.self).map(ChoiceSource.list)
                } else {
                    field.choices = .inline(options(node, "the choices of \(what)"))
                }
            } else {
                notFor("choices", "choice and multi_choice")
            }
        } else if kind == .choice || kind == .multiChoice {
            error("missing-key", "\(what) is a \(kind.rawValue) field and needs 'choices'", at: node.location)
        }
        if let node = map["currency"] {
            if kind == .money, let code = string(node, "the currency") {
                if code.value.wholeMatch(of: /[A-Z]{3}/) == nil {
                    error(
                        "invalid-value", "the currency must be an ISO 4217 code like TWD, not '\(code.value)'",
                        at: code.location)
                } else {
                    field.currency = code
                }
            } else if kind != .money {
                notFor("currency", "money")
            }
        }
        if let node = map["pattern"] {
            if kind.isText || kind == .textList {
                field.pattern = string(node, "the pattern")
            } else {
                notFor("pattern", "text")
            }
        }
        if let node = map["length"] {
            if kind.isText || kind == .textList {
                field.length = intBounds(node, "the length", in: 0...1_000_000)
            } else {
                notFor("length", "text")
            }
        }
        if let node = map["items"] {
            if kind.hasItems {
                field.items = intBounds(node, "'items'", in: 0...10_000)
            } else {
                notFor("items", "list")
            }
        }
        if let node = map["unique"] {
            if kind == .textList || kind == .multiChoice {
                field.unique = bool(node, "'unique'")?.value ?? false
            } else {
                notFor("unique", "text_list")
            }
        }
        if let node = map["form"] {
            if kind == .report {
                field.reportForm = self.id(node, "the referenced form", as: FormTag.self)
            } else {
                notFor("form", "report")
            }
        } else if kind == .report {
            error(
                "missing-key", "\(what) is a report field and needs 'form': the form of the report it refers to",
                at: node.location)
        }
        if let node = map["status"] {
            if kind == .report {
                field.reportStatuses = reportStatuses(node)
            } else {
                notFor("status", "report")
            }
        }
        if let node = map["fields"] {
            if kind == .group { field.fields = fields(node, depth: depth + 1) } else { notFor("fields", "group") }
            if kind == .group && field.fields.isEmpty {
                error("invalid-value", "the group \(what) has no fields", at: node.location)
            }
        } else if kind == .group {
            error("missing-key", "\(what) is a group and needs 'fields'", at: node.location)
        }
        if let node = map["range"] {
            if kind.isNumber || kind == .date || kind == .datetime {
                field.range = valueBounds(node, kind: kind)
            } else {
                notFor("range", "number, money, percent, date and datetime")
            }
        } else if kind == .percent {
            field.range = Bounds(
                min: Located(.decimal(0), at: node.location), max: Located(.decimal(100), at: node.location),
                location: node.location)
        }
        if let node = map["default"] {
            field.defaultValue = literal(node, kind: kind, "the default of \(what)")
        }
        if kind == .note {
            for key in ["required", "required_if", "default", "default_expr", "compute", "prefill", "checks"] {
                notFor(key, "answerable (not note)")
            }
        }
        return field
    }

    private mutating func valueBounds(_ node: YAMLNode, kind: FieldType) -> Bounds<Value>? {
        guard let map = mapping(node, "the range", allowed: ["min", "max"]) else { return nil }
        let low = map["min"].flatMap { literal($0, kind: kind, "the minimum") }
        let high = map["max"].flatMap { literal($0, kind: kind, "the maximum") }
        if map["min"] == nil && map["max"] == nil {
            error("missing-key", "the range needs 'min', 'max' or both", at: node.location)
        }
        if let low, let high, Self.isGreater(low.value, high.value) {
            error("invalid-range", "the minimum of the range is above its maximum", at: node.location)
        }
        return Bounds(min: low, max: high, location: node.location)
    }

    static func isGreater(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x > y
        case (.decimal(let x), .decimal(let y)): x > y
        case (.date(let x), .date(let y)): x > y
        case (.datetime(let x), .datetime(let y)): x > y
        default: false
        }
    }

    /// A literal answer of a field's type, as written in YAML (defaults and range limits).
    mutating func literal(_ node: YAMLNode, kind: FieldType, _ what: String) -> Located<Value>? {
        switch kind {
        case .integer:
            return int(node, what, in: Int.min...Int.max).map { Located(.int($0.value), at: $0.location) }
        case .decimal, .money, .percent:
            return decimal(node, what).map { Located(.decimal($0.value), at: $0.location) }
        case .boolean:
            return bool(node, what).map { Located(.bool($0.value), at: $0.location) }
        case .date:
            return date(node, what).map { Located(.date($0.value), at: $0.location) }
        case .datetime:
            guard let text = string(node, what) else { return nil }
            guard let instant = Timestamp(text.value) else {
                error("wrong-type", "\(what) must be a date and time like 2026-03-01T09:30:00+08:00", at: text.location)
                return nil
            }
            return Located(.datetime(instant), at: text.location)
        case .multiChoice, .textList:
            guard let items = sequence(node, what) else { return nil }
            let strings = items.compactMap { string($0, "each item of \(what)") }
            return Located(.list(strings.map { .string($0.value) }), at: node.location)
        case .group, .note:
            error("key-not-applicable", "a \(kind.rawValue) field cannot have a default", at: node.location)
            return nil
        default:
            return string(node, what).map { Located(.string($0.value), at: $0.location) }
        }
    }

    /// A report field's `status`: one status or a list of them, each once.
    private mutating func reportStatuses(_ node: YAMLNode) -> Located<[ReportStatus]>? {
        let what = "a report's status"
        if node.scalar != nil && !node.isNull {
            return choice(node, what, among: ReportStatus.allCases).map { Located([$0.value], at: $0.location) }
        }
        guard let items = sequence(node, "'status'") else { return nil }
        var statuses: [ReportStatus] = []
        for item in items {
            guard let status = choice(item, what, among: ReportStatus.allCases) else { continue }
            if statuses.contains(status.value) {
                error(
                    "invalid-value", "'status' names \(status.value.rawValue) twice", at: status.location,
                    length: status.value.rawValue.count)
            } else {
                statuses.append(status.value)
            }
        }
        if items.isEmpty {
            error(
                "invalid-value",
                "'status' must name at least one status (leave it out to accept a report of any status)",
                at: node.location)
        }
        return statuses.isEmpty ? nil : Located(statuses, at: node.location)
    }
}
