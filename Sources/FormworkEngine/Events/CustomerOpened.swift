public import FormworkDefinitions
public import FormworkLanguage

/// `customer-opened`: the first report for a customer in a workflow; the customer starts at the workflow's first stage.
public struct CustomerOpened: Sendable, Hashable, Codable {
    public var customer: CustomerID
    public var workflow: WorkflowID
    public var stage: StageID
    public var at: Timestamp

    public init(customer: CustomerID, workflow: WorkflowID, stage: StageID, at: Timestamp) {
        self.customer = customer
        self.workflow = workflow
        self.stage = stage
        self.at = at
    }
}
