public import FormworkDefinitions

/// An answer taken from the customer's latest approved report of another form (`prefill`), because
/// the submitter gave none.
public struct PrefilledAnswer: Sendable, Hashable, Codable {
    public var field: FieldID
    /// `form.field` as written in the form.
    public var source: String
    /// The approved report it came from.
    public var report: ReportID

    public init(field: FieldID, source: String, report: ReportID) {
        self.field = field
        self.source = source
        self.report = report
    }
}
