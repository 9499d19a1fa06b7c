public import FormworkDefinitions
public import FormworkLanguage

/// Where a customer stands in one workflow.
public struct CustomerPosition: Sendable, Hashable, Codable {
    public var workflow: WorkflowID
    public var stage: StageID
    /// When the customer entered its current stage.
    public var since: Timestamp
    /// Every stage the customer has been in, in order: forms of these stages may be filed.
    public var visited: [StageID]

    public init(workflow: WorkflowID, stage: StageID, since: Timestamp, visited: [StageID]) {
        self.workflow = workflow
        self.stage = stage
        self.since = since
        self.visited = visited
    }
}
