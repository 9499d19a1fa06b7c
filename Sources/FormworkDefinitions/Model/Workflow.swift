public import FormworkDiagnostics

/// A sales funnel: ordered stages, each with the reports it needs and the condition to leave it.
public struct Workflow: Sendable {
    public var id: Located<WorkflowID>
    public var title: LocalizedText?
    public var filledBy: [Located<RoleID>]
    public var stages: [Stage]
    public var file: String
}

public struct Stage: Sendable {
    public var id: Located<StageID>
    public var title: LocalizedText?
    public var forms: [StageForm]
    public var exitWhen: Condition?
    public var next: Located<StageID>?
}

/// How a form is used in a stage.
public struct StageForm: Sendable {
    public var form: Located<FormID>
    public var required: Bool
    public var repeatable: Bool
    public var cadence: Located<Cadence>?
    public var filledBy: [Located<RoleID>]?
    public var after: [Located<FormID>]
    public var location: SourceLocation
}

public enum Cadence: String, Sendable, CaseIterable {
    case daily, weekly, biweekly, monthly, quarterly
}
