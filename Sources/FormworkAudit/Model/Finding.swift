public import FormworkDiagnostics

/// One thing the audit found, as data: what, where, why it matters, what to do, and the figures
/// behind it. Only ``AuditRenderer`` turns findings into text, JSON or Markdown.
public struct Finding: Sendable, Hashable {
    public var id: FindingID
    public var severity: Severity
    /// One sentence saying what is wrong.
    public var message: String
    /// One concrete thing to do about it.
    public var suggestion: String
    /// The place in the definitions the finding is about (the field, form, stage, person or budget).
    public var location: SourceLocation?
    /// How many scalars the caret underlines at `location`.
    public var length: Int
    /// What the finding is about, by id, for JSON and for readers without the files.
    public var subject: Subject
    /// The numbers the finding rests on, in a stable order.
    public var figures: [Figure]
    /// Other places that matter ("first asked here").
    public var related: [Diagnostic.Note]

    public init(
        _ id: FindingID, _ severity: Severity, _ message: String, suggestion: String, at location: SourceLocation?,
        length: Int = 1, subject: Subject = Subject(), figures: [Figure] = [], related: [Diagnostic.Note] = []
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.suggestion = suggestion
        self.location = location
        self.length = max(1, length)
        self.subject = subject
        self.figures = figures
        self.related = related
    }

    public var category: FindingCategory { id.category }
}
