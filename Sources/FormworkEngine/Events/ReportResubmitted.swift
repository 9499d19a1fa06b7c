public import FormworkDefinitions
public import FormworkLanguage

/// `report-resubmitted`: the submitter files a new revision after a return.
public struct ReportResubmitted: Sendable, Hashable, Codable {
    public var report: ReportID
    public var at: Timestamp
    public var by: PersonID
    public var revision: Revision
    /// Fields whose answer differs from the previous revision.
    public var changed: [FieldID]
    /// The changed fields that the policy lists as material.
    public var materialChanged: [FieldID]
    /// Every step's `when`, re-evaluated against the new answers.
    public var steps: [StepCondition]

    public init(
        report: ReportID, at: Timestamp, by: PersonID, revision: Revision, changed: [FieldID],
        materialChanged: [FieldID], steps: [StepCondition]
    ) {
        self.report = report
        self.at = at
        self.by = by
        self.revision = revision
        self.changed = changed
        self.materialChanged = materialChanged
        self.steps = steps
    }
}
