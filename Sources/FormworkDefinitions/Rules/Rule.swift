import FormworkDiagnostics

/// One semantic check over a loaded form set. Each rule lives in its own file with its messages,
/// and declares the diagnostic ids it can emit (the catalogue in docs/diagnostics.md lists them).
protocol FormSetRule: Sendable {
    /// The ids this rule emits.
    var ids: [DiagnosticID] { get }
    func check(_ context: RuleContext) -> [Diagnostic]
}

/// Every rule, run in order; the loader runs them after decoding.
struct RuleSet: Sendable {
    var rules: [any FormSetRule]

    static let standard = RuleSet(rules: [
        DuplicateIDRule(),
        OrgReferenceRule(),
        ManagerCycleRule(),
        DelegationRule(),
        TargetCoverageRule(),
        FormReferenceRule(),
        GatedReportRule(),
        FieldLimitRule(),
        ConditionTypeRule(),
        DependencyCycleRule(),
        WorkflowReferenceRule(),
        UnreachableStageRule(),
        FormUsageRule(),
        ReviewerRule(),
        PolicyReferenceRule(),
        ApproverResolutionRule(),
        AuditSettingsRule(),
        ChangeControlRule(),
    ])

    func check(_ formSet: FormSet) -> [Diagnostic] {
        let context = RuleContext(formSet)
        return rules.flatMap { $0.check(context) }
    }
}
