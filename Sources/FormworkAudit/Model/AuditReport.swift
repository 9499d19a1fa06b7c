public import FormworkDiagnostics

/// Everything one audit found: the findings, the burden estimate behind the budget findings, what
/// the usage covered, and what the audit could not judge.
public struct AuditReport: Sendable {
    public var formSetName: String
    /// Findings by category (too few, too many, unsuitable, usage), then by place in the files.
    public var findings: [Finding]
    /// The estimated weekly burden of each role that files or reviews reports.
    public var burden: [RoleBurden]
    /// What the usage part read; nil when no usage was given.
    public var usage: UsageSummary?
    /// What the audit could not judge, and why, in sentences.
    public var limits: [String]

    public init(
        formSetName: String, findings: [Finding], burden: [RoleBurden], usage: UsageSummary?, limits: [String]
    ) {
        self.formSetName = formSetName
        self.findings = findings
        self.burden = burden
        self.usage = usage
        self.limits = limits
    }

    public func count(_ severity: Severity) -> Int { findings.count { $0.severity == severity } }
}
