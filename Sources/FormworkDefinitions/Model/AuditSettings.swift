public import FormworkDiagnostics

/// The manifest's `audit:` block: what `formwork audit` judges the form set's burden against.
public struct AuditSettings: Sendable {
    /// Minutes a week one person of a role should spend filling in and reviewing reports.
    public struct Budget: Sendable {
        public var role: Located<RoleID>
        public var minutes: Located<Int>
    }

    public var budgets: [Budget]
    /// Seconds to answer one field, by field type, overriding the audit's defaults.
    public var fieldSeconds: [FieldType: Located<Int>]
    public var location: SourceLocation

    public func budget(for role: RoleID) -> Budget? { budgets.first { $0.role.value == role } }
}
