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
        let special: Set<Unicode.Scalar> = ["\n", "\t", "\\", "\""]
        let mapsColumns: Bool
        switch style {
        case .plain: mapsColumns = !text.unicodeScalars.contains("\n")
        case .singleQuoted: mapsColumns = !text.unicodeScalars.contains { $0 == "'" || $0 == "\n" }
        case .doubleQuoted: mapsColumns = !text.unicodeScalars.contains { special.contains($0) }
        case .literal, .folded: mapsColumns = false
        }
        let result = FormworkLanguage.Parser.parse(text)
        var condition = Condition(
            source: text, expression: result.expression, location: node.contentLocation, mapsColumns: mapsColumns)
        if !mapsColumns && style != .plain && style != .singleQuoted && style != .doubleQuoted {
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
