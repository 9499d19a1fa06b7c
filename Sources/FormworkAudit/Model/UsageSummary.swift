public import FormworkLanguage

/// What a usage audit read.
public struct UsageSummary: Sendable, Hashable {
    /// The period as written, or `all` when none was given.
    public var period: String
    /// Reports submitted in the period, and in the whole store.
    public var reports: Int
    public var storeReports: Int
    /// The time the usage was judged at.
    public var asOf: Timestamp?
}
