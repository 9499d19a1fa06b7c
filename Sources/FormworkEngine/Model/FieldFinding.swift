/// A problem with one answer (or with the report as a whole): which field, and why.
///
/// `field` is a path: `visit_date`, or `products[2].quantity` for the second row of a group
/// (rows count from 1); it is `nil` for a form-level check. `label` is the field's label in the
/// engine's locale.
public struct FieldFinding: Sendable, Hashable, Codable {
    public var field: String?
    public var label: String?
    public var message: String

    public init(field: String?, label: String?, message: String) {
        self.field = field
        self.label = label
        self.message = message
    }
}
