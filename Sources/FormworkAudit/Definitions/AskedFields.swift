import FormworkDefinitions
import FormworkDiagnostics

/// The questions a form set really asks (not computed, not a note, not prefilled, not offered by an
/// expression), grouped across forms when they share an id or a label in any locale: the same
/// question asked in several forms.
///
/// Long texts are left out: a narrative ("what happened") belongs to the report it is written in.
struct AskedFields: Sendable {
    struct Occurrence: Sendable {
        let form: Form
        let field: Field
    }

    /// Groups of two or more occurrences in different forms, each in funnel order.
    let groups: [[Occurrence]]
    /// For each form, the fields that are in some group.
    let repeated: [FormID: Set<FieldID>]

    static func isAsked(_ field: Field) -> Bool {
        field.compute == nil && field.type.value != .note && field.prefill == nil && field.defaultExpr == nil
    }

    static func isComparable(_ field: Field) -> Bool {
        isAsked(field) && field.type.value != .longText
    }

    /// Labels normalised for comparison: lower case, single spaces, no trailing colon.
    static func labels(of field: Field) -> Set<String> {
        Set(
            (field.label?.entries ?? []).map { entry in
                var text = entry.text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                while text.hasSuffix(":") || text.hasSuffix("：") { text.removeLast() }
                return text
            }.filter { !$0.isEmpty })
    }

    init(_ context: AuditContext) {
        var items: [Occurrence] = []
        for form in context.formsInFunnelOrder {
            for field in form.fields where Self.isComparable(field) {
                items.append(Occurrence(form: form, field: field))
            }
        }
        // Union-find over "same id or a shared label".
        var parent = Array(items.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        func join(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var byKey: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let keys =
                ["id:" + item.field.id.value.rawValue] + Self.labels(of: item.field).sorted().map { "label:" + $0 }
            for key in keys {
                if let first = byKey[key] { join(first, index) } else { byKey[key] = index }
            }
        }
        var grouped: [Int: [Occurrence]] = [:]
        for index in items.indices { grouped[root(index), default: []].append(items[index]) }
        var groups: [[Occurrence]] = []
        var repeated: [FormID: Set<FieldID>] = [:]
        for key in grouped.keys.sorted() {
            guard let group = grouped[key], Set(group.map(\.form.id.value)).count >= 2 else { continue }
            groups.append(group)
            for item in group { repeated[item.form.id.value, default: []].insert(item.field.id.value) }
        }
        self.groups = groups
        self.repeated = repeated
    }
}
