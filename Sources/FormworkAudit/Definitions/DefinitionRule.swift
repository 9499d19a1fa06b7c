/// A rule that judges the definitions alone.
protocol DefinitionRule: Sendable {
    /// The ids it can emit (docs/audit.md documents each).
    var ids: [FindingID] { get }
    func findings(in context: AuditContext) -> [Finding]
}
