public import FormworkDefinitions

/// A customer: its stage in each workflow, its reports and its history.
public struct CustomerRecord: Sendable, Hashable, Codable {
    public var id: CustomerID
    public var positions: [WorkflowID: CustomerPosition]
    /// Every report filed for the customer, oldest first.
    public var reports: [ReportID]
    public var reportsByForm: [FormID: [ReportID]]
    /// The most recently approved report of each form.
    public var latestApproved: [FormID: ReportID]
    public var history: [HistoryEntry]

    public init(id: CustomerID) {
        self.id = id
        positions = [:]
        reports = []
        reportsByForm = [:]
        latestApproved = [:]
        history = []
    }
}
