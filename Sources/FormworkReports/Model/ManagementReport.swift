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
    /// Tables that exist to carry a chart's figures (the hours-to-sign distribution, reports per rep
    /// and form): HTML shows each with its chart before the report's tables. Text, CSV, Markdown and
    /// JSON leave them out, so that those layouts stay as they are versioned.
    public var chartTables: [Table]
    /// The language of the form set's texts (its default locale, a BCP 47 tag): the HTML page's
    /// `lang`, so that browsers pick fonts for Chinese names and titles.
    public var language: String

    public init(
        kind: ReportKind, title: String, scope: ReportScope, tables: [Table], chartTables: [Table] = [],
        notes: [String] = [], language: String = "en"
    ) {
        self.kind = kind
        self.title = title
        period = scope.period
        region = scope.region?.rawValue
        person = scope.person?.rawValue
        asOf = scope.asOf
        self.tables = tables
        self.notes = notes
        self.chartTables = chartTables
        self.language = language
    }
}
