public import FormworkDefinitions

/// A customer with its stage in each workflow, the forms it can be filed now, and what it needs to
/// leave its stage.
public struct CustomerOverview: Sendable, Hashable, Codable {
    /// A form of the customer's current stages, and whether it can be filed now.
    public struct FormAvailability: Sendable, Hashable, Codable {
        public var workflow: WorkflowID
        public var stage: StageID
        public var form: FormID
        public var available: Bool
        /// Why not (gates, a live report of a non-repeatable form), in words.
        public var blockers: [String]

        public init(workflow: WorkflowID, stage: StageID, form: FormID, available: Bool, blockers: [String]) {
            self.workflow = workflow
            self.stage = stage
            self.form = form
            self.available = available
            self.blockers = blockers
        }
    }

    public var record: CustomerRecord
    /// Every report filed for the customer, oldest first.
    public var reports: [FiledReport]
    /// The customer's whole history: its own lines and its reports', in order.
    public var history: [HistoryEntry]
    /// The forms of every stage the customer is at.
    public var forms: [FormAvailability]
    /// What each current stage still needs before the customer moves on, in words.
    public var toAdvance: [String]

    public init(
        record: CustomerRecord, reports: [FiledReport], history: [HistoryEntry], forms: [FormAvailability],
        toAdvance: [String]
    ) {
        self.record = record
        self.reports = reports
        self.history = history
        self.forms = forms
        self.toAdvance = toAdvance
    }
}
