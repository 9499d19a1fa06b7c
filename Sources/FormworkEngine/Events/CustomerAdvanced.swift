public import FormworkDefinitions
public import FormworkLanguage

/// `customer-advanced`: the customer's stage's exit condition holds, so it moves to the next stage.
public struct CustomerAdvanced: Sendable, Hashable, Codable {
    public var customer: CustomerID
    public var workflow: WorkflowID
    public var from: StageID
    public var to: StageID
    public var at: Timestamp
    /// The approved report that triggered the move.
    public var report: ReportID
    /// Why, in words.
    public var reason: String

    public init(
        customer: CustomerID, workflow: WorkflowID, from: StageID, to: StageID, at: Timestamp, report: ReportID,
        reason: String
    ) {
        self.customer = customer
        self.workflow = workflow
        self.from = from
        self.to = to
        self.at = at
        self.report = report
        self.reason = reason
    }
}
