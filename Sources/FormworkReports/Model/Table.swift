/// A table of a management report: named columns and typed rows. Every format is rendered from
/// tables, so that text, CSV, Markdown and JSON always show the same figures.
public struct Table: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        /// The key in JSON and the header in CSV (`snake_case`).
        public var id: String
        /// The header in text and Markdown.
        public var title: String

        public init(_ id: String, _ title: String) {
            self.id = id
            self.title = title
        }
    }

    /// The table's key in JSON and for `--table`.
    public var id: String
    public var title: String
    public var columns: [Column]
    public var rows: [[Cell]]
    /// A column whose value heads a section of its own in Markdown and HTML (one section per report).
    public var groupColumn: Int?
    /// A line under a group's heading in HTML ("Visit plan for C-0080, approved"), by the group's
    /// value; groups without one show the value alone.
    public var groupCaptions: [String: String] = [:]
    /// The chart HTML draws beside the table, from the same figures; the other formats show the
    /// table alone.
    public var chart: Chart?

    public init(id: String, title: String, columns: [Column], rows: [[Cell]] = [], chart: Chart? = nil) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.chart = chart
    }
}
