/// What parsing an expression gives: the tree when the text is well formed, and every problem found.
public struct ParseResult: Hashable, Sendable {
    /// The syntax tree, or `nil` when any error was found.
    public var expression: Expression?
    /// The problems found, in source order.
    public var diagnostics: [ExpressionDiagnostic]

    /// Creates a parse result.
    public init(expression: Expression?, diagnostics: [ExpressionDiagnostic]) {
        self.expression = expression
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }
}
