import FormworkDefinitions
public import FormworkLanguage

/// A management report ready to render: what it is, over which period and scope, its tables, and
/// notes on how the figures were made.
public struct ManagementReport: Sendable, Hashable {
    public var kind: ReportKind
    public var title: String
    /// The period as written, or nil for every report.
    public var period: ReportPeriod?
    public var region: String?
    public var person: String?
    public var asOf: Timestamp
    public var tables: [Table]
    /// Short lines under the tables: definitions, thresholds, what was left out.
    public var notes: [String]

    public init(
        kind: ReportKind, title: String, scope: ReportScope, tables: [Table], notes: [String] = []
    ) {
        self.kind = kind
        self.title = title
        period = scope.period
        region = scope.region?.rawValue
        person = scope.person?.rawValue
        asOf = scope.asOf
        self.tables = tables
        self.notes = notes
    }
}
