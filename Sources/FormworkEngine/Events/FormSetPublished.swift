public import FormworkDefinitions
public import FormworkLanguage

/// `form-set-published`: an approved change proposal's form set becomes the one every command uses.
/// Reports in flight keep the form version and routing they were filed with.
public struct FormSetPublished: Sendable, Hashable, Codable {
    /// 1 for the first version published in this store, then 2, 3, …
    public var number: Int
    /// The published set's version (`FormSet.version`).
    public var version: String
    /// The version it replaces; nil for the first.
    public var replaces: String?
    /// The approved proposal (a report of `ChangeControl.formID`).
    public var proposal: ReportID
    public var by: PersonID
    public var at: Timestamp

    public init(
        number: Int, version: String, replaces: String?, proposal: ReportID, by: PersonID, at: Timestamp
    ) {
        self.number = number
        self.version = version
        self.replaces = replaces
        self.proposal = proposal
        self.by = by
        self.at = at
    }
}
