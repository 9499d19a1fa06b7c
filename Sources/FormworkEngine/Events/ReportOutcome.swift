public import FormworkDefinitions
public import FormworkLanguage

/// The body of `report-approved`, `report-returned`, `report-rejected` and `report-recalled`.
public struct ReportOutcome: Sendable, Hashable, Codable {
    public var report: ReportID
    public var at: Timestamp
    /// Who decided (nil for `report-approved`, which follows the last step's quorum).
    public var by: PersonID?
    /// The step at which it happened, if any.
    public var step: StepID?

    public init(report: ReportID, at: Timestamp, by: PersonID?, step: StepID?) {
        self.report = report
        self.at = at
        self.by = by
        self.step = step
    }
}
