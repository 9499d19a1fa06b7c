/// A rule that judges how the forms are used.
protocol UsageRule: Sendable {
    var ids: [FindingID] { get }
    func findings(in context: AuditContext, usage: UsageIndex) -> [Finding]
}
