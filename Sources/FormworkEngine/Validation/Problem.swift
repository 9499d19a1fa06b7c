/// A finding with its place in the form, so that findings come out in the order fields are asked.
struct Problem: Sendable {
    /// The field's position: its index in the form, then the row and the row field's index.
    var order: [Int]
    var finding: FieldFinding

    static func sorted(_ problems: [Problem]) -> [FieldFinding] {
        // Most validations find nothing: no sort, no arrays made.
        if problems.isEmpty { return [] }
        return problems.enumerated().sorted { left, right in
            if left.element.order != right.element.order {
                return left.element.order.lexicographicallyPrecedes(right.element.order)
            }
            return left.offset < right.offset
        }.map(\.element.finding)
    }
}
