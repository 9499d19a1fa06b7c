public import FormworkDiagnostics
public import FormworkLanguage

/// An expression of the condition language written inside a YAML scalar, parsed at load time.
public struct Condition: Sendable {
    /// The text as written.
    public var source: String
    /// The parsed tree, or nil when it has syntax errors (already reported).
    public var expression: Expression?
    /// Where the expression's first character is.
    public var location: SourceLocation
    /// True when the expression sits on one line exactly as written (plain or single-quoted without
    /// escapes), so that offsets inside it map to columns one to one.
    public var mapsColumns: Bool

    public init(source: String, expression: Expression?, location: SourceLocation, mapsColumns: Bool) {
        self.source = source
        self.expression = expression
        self.location = location
        self.mapsColumns = mapsColumns
    }

    /// The file location of a span inside the expression, and the span's length in scalars.
    public func location(of span: SourceSpan) -> (SourceLocation, Int) {
        guard mapsColumns else { return (location, max(1, source.unicodeScalars.count)) }
        return (location.advanced(by: span.start), max(1, span.end - span.start))
    }
}
