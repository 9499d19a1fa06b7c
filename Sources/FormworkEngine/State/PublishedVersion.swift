public import FormworkDefinitions
public import FormworkLanguage

/// A form-set version published through change control (`form-set-published`).
public struct PublishedVersion: Sendable, Hashable, Codable {
    public var number: Int
    public var version: String
    public var replaces: String?
    public var proposal: ReportID
    public var by: PersonID
    public var at: Timestamp

    public init(_ event: FormSetPublished) {
        number = event.number
        version = event.version
        replaces = event.replaces
        proposal = event.proposal
        by = event.by
        at = event.at
    }
}
