public import FormworkDefinitions
public import FormworkLanguage

/// `report-submitted`: a report is filed, checked, pinned to its definitions and routed.
public struct ReportSubmitted: Sendable, Hashable, Codable {
    public var report: ReportID
    public var form: FormID
    public var customer: CustomerID
    /// The workflow and stage whose entry allowed the filing.
    public var workflow: WorkflowID
    public var stage: StageID
    public var submitter: PersonID
    public var at: Timestamp
    /// Revision 1, with every answer.
    public var revision: Revision
    /// The snapshot of the policy and of the approvers.
    public var routing: Routing

    public init(
        report: ReportID, form: FormID, customer: CustomerID, workflow: WorkflowID, stage: StageID, submitter: PersonID,
        at: Timestamp, revision: Revision, routing: Routing
    ) {
        self.report = report
        self.form = form
        self.customer = customer
        self.workflow = workflow
        self.stage = stage
        self.submitter = submitter
        self.at = at
        self.revision = revision
        self.routing = routing
    }
}
