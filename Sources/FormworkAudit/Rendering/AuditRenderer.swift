import FormworkDefinitions
public import FormworkDiagnostics
import Foundation

/// The only code that turns an audit into text: compiler-style findings (through
/// ``DiagnosticRenderer``, with the source line and a caret), Markdown for a meeting, and versioned
/// JSON for tools.
public struct AuditRenderer: Sendable {
    public var sources: SourceFiles
    public var useColor: Bool

    public init(sources: SourceFiles = SourceFiles(), useColor: Bool = false) {
        self.sources = sources
        self.useColor = useColor
    }

    // MARK: - Text

    /// Every finding by category, compiler-style, then the burden table, the limits and a summary line.
    public func text(_ report: AuditReport) -> String {
        let diagnostics = DiagnosticRenderer(sources: sources, useColor: useColor)
        var out = "audit of \(report.formSetName): \(usageLine(report))\n"
        for category in FindingCategory.allCases {
            let findings = report.findings.filter { $0.category == category }
            guard !findings.isEmpty else { continue }
            out += "\n== \(category.title) ==\n"
            for finding in findings {
                out += diagnostics.render(
                    Diagnostic(
                        DiagnosticID(finding.id.rawValue), finding.severity, finding.message, at: finding.location,
                        length: finding.length, notes: finding.related))
                out += "    suggestion: \(finding.suggestion)\n"
                if !finding.figures.isEmpty {
                    out +=
                        "    figures: "
                        + finding.figures.map { "\($0.name) = \(Self.text($0.value))" }.joined(
                            separator: ", ") + "\n"
                }
            }
        }
        if !report.burden.isEmpty {
            out += "\n== Burden (minutes a week, busiest person of each role) ==\n"
            for role in report.burden {
                let budget =
                    role.budget.map { " of \($0)" + (role.isOverBudget ? " (over budget)" : "") } ?? " (no budget)"
                let who = role.busiest.map { " \($0):" } ?? ""
                let forms = role.forms.prefix(3).map { "\($0.form) \($0.minutes)" }.joined(separator: ", ")
                out +=
                    "  \(role.role):\(who) \(role.minutes)\(budget); filling \(role.fillMinutes), reviewing \(role.reviewMinutes)"
                    + (forms.isEmpty ? "" : "; most: \(forms)") + "\n"
            }
        }
        if !report.limits.isEmpty {
            out += "\n== Not judged ==\n"
            for limit in report.limits { out += "  - \(limit)\n" }
        }
        out += "\n" + summary(report) + "\n"
        return out
    }

    /// "1 error, 12 warnings and 3 notes", or "no findings".
    public func summary(_ report: AuditReport) -> String {
        var parts: [String] = []
        for (severity, noun) in [(Severity.error, "error"), (.warning, "warning"), (.note, "note")] {
            let n = report.count(severity)
            if n > 0 { parts.append(n == 1 ? "1 \(noun)" : "\(n) \(noun)s") }
        }
        guard let last = parts.popLast() else { return "no findings" }
        return parts.isEmpty ? last : parts.joined(separator: ", ") + " and " + last
    }

    private func usageLine(_ report: AuditReport) -> String {
        guard let usage = report.usage else { return "definitions only, no usage" }
        var line = "usage \(usage.period), \(usage.reports) of \(usage.storeReports) reports"
        if let asOf = usage.asOf { line += ", as of \(asOf)" }
        return line
    }

    private static func text(_ value: Figure.Value) -> String {
        switch value {
        case .int(let n): String(n)
        case .text(let text): text
        case .list(let items): "[" + items.joined(separator: ", ") + "]"
        }
    }

    // MARK: - Markdown

    /// A Markdown page: a section per category, each finding with its place, suggestion and figures;
    /// then the burden table and what was not judged.
    public func markdown(_ report: AuditReport) -> String {
        var out = "# Audit of \(Self.escaped(report.formSetName))\n\n"
        let usage = usageLine(report)
        out += "\(Self.escaped(usage.prefix(1).uppercased() + usage.dropFirst())). Findings: \(summary(report)).\n"
        for category in FindingCategory.allCases {
            let findings = report.findings.filter { $0.category == category }
            guard !findings.isEmpty else { continue }
            out += "\n## \(category.title)\n\n"
            for finding in findings {
                out += "- **\(finding.severity.rawValue)** `\(finding.id)`: \(Self.escaped(finding.message))"
                if let location = finding.location { out += " (`\(location)`)" }
                out += "\n  - Suggestion: \(Self.escaped(finding.suggestion))\n"
                if !finding.figures.isEmpty {
                    out +=
                        "  - Figures: "
                        + finding.figures.map { "\($0.name) = \(Self.escaped(Self.text($0.value)))" }.joined(
                            separator: ", ")
                        + "\n"
                }
                for note in finding.related {
                    out += "  - \(Self.escaped(note.message))" + (note.location.map { " (`\($0)`)" } ?? "") + "\n"
                }
            }
        }
        if !report.burden.isEmpty {
            out += "\n## Burden\n\nMinutes a week of the busiest person of each role.\n\n"
            out += "| role | person | minutes | budget | filling | reviewing | heaviest forms |\n"
            out += "|---|---|---:|---:|---:|---:|---|\n"
            for role in report.burden {
                let forms = role.forms.prefix(3).map { "\($0.form) (\($0.minutes))" }.joined(separator: ", ")
                let budget = role.budget.map { role.isOverBudget ? "**\($0)** (over)" : String($0) } ?? "none"
                out +=
                    "| \(role.role) | \(role.busiest?.rawValue ?? "—") | \(role.minutes) | \(budget) | \(role.fillMinutes) | \(role.reviewMinutes) | \(forms) |\n"
            }
        }
        if !report.limits.isEmpty {
            out += "\n## Not judged\n\n" + report.limits.map { "- \(Self.escaped($0))\n" }.joined()
        }
        return out
    }

    /// Text safe inside Markdown: the characters that would start markup are escaped (not `_`,
    /// which CommonMark leaves alone inside words such as `customer_information`).
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*[]<>|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    // MARK: - JSON

    /// One versioned JSON object (version 1; fields are only ever added), pretty-printed with sorted
    /// keys and a final newline.
    public func json(_ report: AuditReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(AuditJSON(report)), as: UTF8.self) + "\n"
    }
}
