/// What type checking an expression gives.
public struct CheckResult: Hashable, Sendable {
    /// The expression's type; `any` when an error made it unknown.
    public var type: ValueType
    /// Errors and warnings, in the order they were found (outer nodes after inner ones).
    public var diagnostics: [ExpressionDiagnostic]
    /// Every use of a name, in source order (the same as ``Expression/references``).
    public var references: [NameReference]

    /// Creates a check result.
    public init(type: ValueType, diagnostics: [ExpressionDiagnostic], references: [NameReference]) {
        self.type = type
        self.diagnostics = diagnostics
        self.references = references
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }

    /// The distinct names used.
    public var referencedNames: Set<String> {
        Set(references.map(\.name))
    }
}
