import FormworkDefinitions
import FormworkEngine
import FormworkLanguage

/// Where one answer goes: a top-level field, or a field of one row of a repeat group.
enum Slot: Hashable {
    case field(String)
    /// `row` counts from 0.
    case cell(group: String, row: Int, field: String)

    /// The validator's path: `visit_date`, `products[2].quantity` (rows count from 1 there).
    var path: String {
        switch self {
        case .field(let id): id
        case .cell(let group, let row, let field): "\(group)[\(row + 1)].\(field)"
        }
    }
}

/// What was typed for one question: nothing (keep what is there), one text, or several items.
enum Reply: Hashable {
    case keep
    case clear
    case text(String)
    case items([String])
}

/// The answers of a conversation so far: top-level answers as a submission takes them, and the rows
/// of repeat groups as they are built.
struct Sheet {
    var answers: [String: Answer] = [:]
    var rows: [String: [[String: Value]]] = [:]

    /// The answers as `Command.Submit` takes them, in the form's order: a group's rows become one list of records,
    /// each with the fields answered so far, in the group's order. Answers to ids the form does not have (none
    /// that a conversation asks) follow, sorted, so that the engine names them.
    func submission(in form: Form) -> GivenAnswers {
        var out = GivenAnswers()
        out.reserveCapacity(answers.count + rows.count)
        var placed: Set<String> = []
        for field in form.fields {
            let id = field.id.value.rawValue
            guard placed.insert(id).inserted else { continue }
            if let rows = rows[id] {
                out.append(uniqueField: id, .value(.list(rows.map { Self.record($0, of: field) })))
            } else if let answer = answers[id] {
                out.append(uniqueField: id, answer)
            }
        }
        for (id, answer) in answers.sorted(by: { $0.key < $1.key }) where !placed.contains(id) {
            out.append(uniqueField: id, answer)
        }
        return out
    }

    /// A row of `group` as a record of the fields answered so far, in the group's order.
    private static func record(_ row: [String: Value], of group: Field) -> Value {
        .record(
            Record(
                name: "row",
                fields: group.fields.compactMap { sub in
                    row[sub.id.value.rawValue].map { Record.Field(name: sub.id.value.rawValue, value: $0) }
                }))
    }

    /// True when the slot holds an answer.
    func has(_ slot: Slot) -> Bool {
        switch slot {
        case .field(let id): answers[id] != nil || rows[id] != nil
        case .cell(let group, let row, let field):
            rows[group].map { row < $0.count && $0[row][field] != nil } ?? false
        }
    }

    /// Puts a reply in a slot (`keep` leaves it as it is, `clear` empties it).
    mutating func set(_ slot: Slot, to reply: Reply) {
        switch (slot, reply) {
        case (_, .keep): return
        case (.field(let id), .clear): answers[id] = nil
        case (.field(let id), .text(let text)): answers[id] = .text(text)
        case (.field(let id), .items(let items)): answers[id] = .value(.list(items.map(Value.string)))
        case (.cell(let group, let row, let field), _):
            guard var table = rows[group], row < table.count else { return }
            switch reply {
            case .keep: return
            case .clear: table[row][field] = nil
            case .text(let text): table[row][field] = .string(text)
            case .items(let items): table[row][field] = .list(items.map(Value.string))
            }
            rows[group] = table
        }
    }

    /// Removes a top-level answer (and a group's rows).
    mutating func remove(_ id: String) {
        answers[id] = nil
        rows[id] = nil
    }
}
