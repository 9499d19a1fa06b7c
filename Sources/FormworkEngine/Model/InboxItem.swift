public import FormworkDefinitions
public import FormworkLanguage

/// A report waiting for someone: to decide on it (possibly for an absent approver), or to revise it.
public struct InboxItem: Sendable, Hashable, Codable {
    /// Why the report is in the inbox.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The person is an approver of the open step.
        case decide
        /// The person signs for an absent approver under a delegation.
        case actingFor = "acting-for"
        /// The report was returned to its submitter.
        case revise
    }

    public var report: ReportID
    public var form: FormID
    public var customer: CustomerID
    public var submitter: PersonID
    public var reason: Reason
    /// The open step, when deciding.
    public var step: StepID?
    /// The approver acted for, when `reason` is `acting-for`.
    public var actingFor: PersonID?
    /// Since when it waits.
    public var since: Timestamp
    /// When the step is due, if it has an SLA.
    public var dueAt: Timestamp?
    /// When deciding, why approving is refused here, so that the person may only return or reject (the only
    /// one left to sign a later step, or one who approved this report already); `nil` when approving is open.
    public var approvalRefused: Refusal?

    public init(
        report: ReportID, form: FormID, customer: CustomerID, submitter: PersonID, reason: Reason, step: StepID?,
        actingFor: PersonID?, since: Timestamp, dueAt: Timestamp?, approvalRefused: Refusal? = nil
    ) {
        self.report = report
        self.form = form
        self.customer = customer
        self.submitter = submitter
        self.reason = reason
        self.step = step
        self.actingFor = actingFor
        self.since = since
        self.dueAt = dueAt
        self.approvalRefused = approvalRefused
    }
}
