import FormworkDefinitions
import FormworkLanguage

/// A form as validation walks it, with what every answer needs worked out once per engine instead of once
/// per answer: each field's label, options and compiled pattern, the fields by id, and the sections as
/// ranges of the fields.
///
/// Classes, so that validation hands a field around by one reference count: a `Field` is a large value, and
/// every copy of it retains each of its parts.
final class FormPlan: Sendable {
    /// A section: its visibility condition and which of `fields` it holds.
    struct Section: Sendable {
        var showIf: Condition?
        /// How a finding names the section: "section ID", or "its section" for an untitled one.
        var name: String
        var fields: Range<Int>
    }

    let form: Form
    /// The top-level fields, in the order of `Form.fields` (the order asked, across sections).
    let fields: [FieldPlan]
    let sections: [Section]
    /// The index in `fields` of each top-level field, by id (the first of duplicates).
    let positions: [String: Int]
    /// For each top-level field, the index in `fields` of the first field with its id (its own, but for a
    /// duplicate): where a parsed answer placed by position is found.
    let firstPositions: [Int]
    /// Every name a condition of the form may read (`submitter`, `customer`, each top-level field but notes),
    /// bound to `.null`: each validation starts from a copy and writes the values in place through
    /// `submitterSlot`, `customerSlot` and `bindingSlots`, without hashing a name.
    let bindingTemplate: [String: Value]
    let submitterSlot: [String: Value].Index?
    let customerSlot: [String: Value].Index?
    /// The slot of each top-level field in `bindingTemplate`; nil for a note.
    let bindingSlots: [[String: Value].Index?]
    /// The indices in `fields` sorted by the UTF-8 bytes of their ids (the order of a revision's canonical
    /// answers); nil when two fields share an id.
    let idOrder: [Int]?
    /// For each top-level field prefilled from a form that one top-level `report` field of this form names (a
    /// visit record's `visit_plan_report`, for a prefill from `visit_plan`), that report field's id: the prefill
    /// comes from the report it names, not from the customer's latest approved one. Nil otherwise (no such
    /// field, or two of them, which would leave the choice open).
    let prefillReportFields: [String?]

    init(_ form: Form, tables: FieldPlan.Tables) {
        self.form = form
        let fields = form.fields.map { FieldPlan($0, tables: tables) }
        self.fields = fields
        var sections: [Section] = []
        var start = 0
        for section in form.sections {
            let end = start + section.fields.count
            sections.append(
                Section(
                    showIf: section.showIf, name: section.id.map { "section \($0.value)" } ?? "its section",
                    fields: start..<end))
            start = end
        }
        self.sections = sections
        var positions: [String: Int] = [:]
        for (index, field) in fields.enumerated() where positions[field.id] == nil { positions[field.id] = index }
        self.positions = positions
        firstPositions = fields.enumerated().map { index, field in positions[field.id] ?? index }
        var template: [String: Value] = [:]
        template.reserveCapacity(fields.count + 3)
        template["submitter"] = .null
        template["customer"] = .null
        for field in fields where field.type != .note { template[field.id] = .null }
        bindingTemplate = template
        submitterSlot = template.index(forKey: "submitter")
        customerSlot = template.index(forKey: "customer")
        bindingSlots = fields.map { $0.type == .note ? nil : template.index(forKey: $0.id) }
        idOrder =
            positions.count == fields.count
            ? fields.indices.sorted { JSONBuffer.utf8Precedes(fields[$0].id, fields[$1].id) } : nil
        prefillReportFields = fields.map { field in
            guard let source = field.field.prefill?.value.form else { return nil }
            let naming = fields.filter { $0.type == .report && $0.field.reportForm?.value == source }
            return naming.count == 1 ? naming[0].id : nil
        }
    }

    /// True when this plan was made for `form`: the same form, file, version and fields.
    func describes(_ form: Shared<Form>) -> Bool {
        let id = form.value.id.value
        let file = form.value.file
        let version = form.value.version
        return self.form.id.value == id && self.form.file == file && self.form.version == version
            && self.form.fields.count == form.value.fields.count
    }

    func describes(_ form: Form) -> Bool {
        self.form.id.value == form.id.value && self.form.file == form.file && self.form.version == form.version
            && self.form.fields.count == form.fields.count
    }
}

/// One field with its label, options and pattern worked out (see `FormPlan`).
final class FieldPlan: Sendable {
    let field: Field
    let id: String
    /// `id` as the canonical text writes a name (a JSON string), written once for every revision hash.
    let canonicalName: [UInt8]
    let type: FieldType
    /// The label in the engine's locale, else the id.
    let label: String
    /// The option values a choice field accepts, in their order, and as a set.
    let options: [String]
    let optionSet: Set<String>
    /// The `length` and `range` of the field, read here without copying the whole field.
    let length: Bounds<Int>?
    let range: Bounds<Value>?
    /// The `pattern`, and the same compiled (nil when it is not a valid regular expression).
    let pattern: String?
    let compiledPattern: CompiledPattern?
    /// `compiledPattern?.simple`, read without copying the compiled pattern.
    let simplePattern: SimplePattern?
    /// The row's fields, for `group`.
    let rows: [FieldPlan]

    /// What a plan is made from: the catalog's tables, made before the catalog itself exists (the catalog
    /// keeps them and answers its own `label(of:)` and `options(of:)` from them).
    struct Tables {
        var locale: String
        var fallbackLocale: String
        var choiceLists: [ChoiceListID: ChoiceList]

        /// A field's label in the locale, else its id.
        func label(of field: Field) -> String {
            field.label?.text(in: locale, fallback: fallbackLocale) ?? field.id.value.rawValue
        }

        /// The option values a choice field accepts.
        func options(of field: Field) -> [String] {
            switch field.choices {
            case .list(let id)?: choiceLists[id.value]?.options.map(\.value.value) ?? []
            case .inline(let options)?: options.map(\.value.value)
            case nil: []
            }
        }
    }

    init(_ field: Field, tables: Tables) {
        self.field = field
        id = field.id.value.rawValue
        var name = JSONBuffer(capacity: id.utf8.count + 2)
        name.string(id, canonical: true)
        canonicalName = name.bytes
        type = field.type.value
        label = tables.label(of: field)
        options = tables.options(of: field)
        optionSet = Set(options)
        length = field.length
        range = field.range
        pattern = field.pattern?.value
        let compiledPattern = pattern.flatMap { CompiledPattern($0) }
        self.compiledPattern = compiledPattern
        simplePattern = compiledPattern?.simple
        rows = field.fields.map { FieldPlan($0, tables: tables) }
    }
}
