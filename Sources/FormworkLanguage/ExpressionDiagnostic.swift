/// A problem found in an expression while parsing or type checking it.
///
/// Diagnostics are data: they are collected and handed back, never printed or thrown. The span is relative
/// to the start of the expression text; the caller maps it to a file position.
public struct ExpressionDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Hashable, Sendable {
        /// The expression cannot be used.
        case error
        /// The expression works but is probably not what the author meant.
        case warning
    }

    /// A stable, kebab-case identifier such as `unknown-name`; see ``ExpressionDiagnosticID``.
    public var id: String
    /// Whether the problem is an error or a warning.
    public var severity: Severity
    /// A plain-words message for the form's administrator.
    public var message: String
    /// Where in the expression text the problem is.
    public var span: SourceSpan
    /// Extra lines of explanation, shown after the message.
    public var notes: [String]

    /// Creates a diagnostic.
    public init(id: String, severity: Severity, message: String, span: SourceSpan, notes: [String] = []) {
        self.id = id
        self.severity = severity
        self.message = message
        self.span = span
        self.notes = notes
    }

    /// Creates an error diagnostic.
    public static func error(
        _ id: String, _ message: String, at span: SourceSpan, notes: [String] = []
    )
        -> ExpressionDiagnostic
    {
        ExpressionDiagnostic(id: id, severity: .error, message: message, span: span, notes: notes)
    }

    /// Creates a warning diagnostic.
    public static func warning(
        _ id: String, _ message: String, at span: SourceSpan, notes: [String] = []
    )
        -> ExpressionDiagnostic
    {
        ExpressionDiagnostic(id: id, severity: .warning, message: message, span: span, notes: notes)
    }

    public var description: String {
        "\(span.start): \(severity.rawValue): \(message) [\(id)]"
    }
}
