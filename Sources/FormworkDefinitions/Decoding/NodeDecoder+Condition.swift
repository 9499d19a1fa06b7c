import FormworkDiagnostics
import FormworkLanguage

extension NodeDecoder {
    /// Parses a condition written in a YAML scalar; syntax errors point inside the scalar.
    mutating func condition(_ node: YAMLNode, _ what: String) -> Condition? {
        guard case .scalar(let text, let style) = node.kind, !node.isNull else {
            error(
                "wrong-type", "\(what) must be an expression written as one value, but this is \(node.kindDescription)",
                at: node.location)
            return nil
        }
        // Offsets inside the expression map to columns only when the text stands verbatim on one
        // line; otherwise findings point at the start of the value and underline it.
        let mapsColumns = node.isVerbatim
        let result = FormworkLanguage.Parser.parse(text)
        var condition = Condition(
            source: text, expression: result.expression, location: node.contentLocation, mapsColumns: mapsColumns)
        if style == .literal || style == .folded {
            // Block scalars start on the next line; point at the indicator instead.
            condition.location = node.location
        }
        for issue in result.diagnostics {
            diagnostics.append(Self.diagnostic(for: issue, in: condition))
        }
        if !result.diagnostics.isEmpty { condition.expression = nil }
        return condition
    }

    /// A condition-language finding placed in its file.
    static func diagnostic(for issue: ExpressionDiagnostic, in condition: Condition) -> Diagnostic {
        let (location, length) = condition.location(of: issue.span)
        let severity: Severity = issue.severity == .error ? .error : .warning
        return Diagnostic(
            DiagnosticID(issue.id), severity, issue.message, at: location, length: length,
            notes: issue.notes.map { Diagnostic.Note($0) })
    }
}
