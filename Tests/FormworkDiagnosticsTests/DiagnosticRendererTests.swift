import FormworkDiagnostics
import Foundation
import Testing

@Suite struct DiagnosticRendererTests {
    static func sources(_ files: [String: String]) -> SourceFiles {
        var sources = SourceFiles()
        for (name, text) in files { sources.add(text, as: name) }
        return sources
    }

    @Test func rendersLocationMessageIdSourceLineAndCaret() {
        let sources = Self.sources([
            "forms/visit-plan.yaml": "form: visit_plan\nfields:\n  - id: a\n    requried: true\n"
        ])
        let diagnostic = Diagnostic.error(
            "unknown-key", "unknown key 'requried'; did you mean 'required'?",
            at: SourceLocation(file: "forms/visit-plan.yaml", line: 4, column: 5), length: 8)
        let text = DiagnosticRenderer(sources: sources).render([diagnostic])
        #expect(
            text == """
                forms/visit-plan.yaml:4:5: error: unknown key 'requried'; did you mean 'required'? [unknown-key]
                   4 |     requried: true
                     |     ^~~~~~~~

                """)
    }

    @Test func caretIsPaddedByDisplayWidthAfterCJKText() {
        let sources = Self.sources(["f.yaml": "label: {en: Visit, zh-Hant: 拜訪日期, fr: x}\n"])
        let diagnostic = Diagnostic.warning(
            "unknown-locale", "'fr' is not a locale", at: SourceLocation(file: "f.yaml", line: 1, column: 35), length: 2
        )
        let lines = DiagnosticRenderer(sources: sources).render([diagnostic]).split(separator: "\n")
        // The caret line's "^" must sit under the "f" of "fr", counting CJK characters as two columns.
        let source = String(lines[1])
        let caret = String(lines[2])
        let prefixBeforeF = String(source[..<(source.range(of: "fr")?.lowerBound ?? source.endIndex)])
        let caretColumn = DisplayWidth.of(caret[..<(caret.firstIndex(of: "^") ?? caret.endIndex)])
        #expect(caretColumn == DisplayWidth.of(prefixBeforeF))
        #expect(caret.hasSuffix("^~"))
    }

    @Test func longLinesAreCutAroundTheCaret() {
        let long = String(repeating: "a", count: 300) + "TARGET" + String(repeating: "b", count: 300)
        let sources = Self.sources(["f.yaml": long])
        let diagnostic = Diagnostic.error("x", "m", at: SourceLocation(file: "f.yaml", line: 1, column: 301), length: 6)
        let lines = DiagnosticRenderer(sources: sources, maxLineWidth: 80).render([diagnostic]).split(separator: "\n")
        #expect(lines[1].contains("TARGET"))
        #expect(lines[1].hasSuffix("…"))
        #expect(DisplayWidth.of(lines[1]) < 100)
        let sourceLine = String(lines[1])
        let caretLine = String(lines[2])
        let targetColumn = DisplayWidth.of(
            sourceLine[..<(sourceLine.range(of: "TARGET")?.lowerBound ?? sourceLine.endIndex)])
        let caretColumn = DisplayWidth.of(caretLine[..<(caretLine.firstIndex(of: "^") ?? caretLine.endIndex)])
        #expect(targetColumn == caretColumn)
    }

    @Test func notesAndDiagnosticsWithoutLocation() {
        let diagnostic = Diagnostic.error(
            "missing-manifest", "no form set here", at: nil,
            notes: [
                .init("first defined here", at: SourceLocation(file: "a.yaml", line: 2, column: 3)), .init("plain"),
            ])
        let text = DiagnosticRenderer(sources: SourceFiles()).render([diagnostic])
        #expect(
            text == """
                formwork: error: no form set here [missing-manifest]
                a.yaml:2:3: note: first defined here
                    note: plain

                """)
    }

    @Test func colourOnlyWhenAsked() {
        let diagnostic = Diagnostic.error("x", "m", at: nil)
        #expect(!DiagnosticRenderer(sources: SourceFiles()).render([diagnostic]).contains("\u{1B}["))
        #expect(
            DiagnosticRenderer(sources: SourceFiles(), useColor: true).render([diagnostic]).contains("\u{1B}[1;31m"))
    }

    @Test func displayOrderIsByFileLineColumnThenSeverity() {
        let a = Diagnostic.warning("w", "w", at: SourceLocation(file: "b.yaml", line: 1, column: 1))
        let b = Diagnostic.error("e", "e", at: SourceLocation(file: "a.yaml", line: 9, column: 1))
        let c = Diagnostic.error("e2", "e2", at: SourceLocation(file: "b.yaml", line: 1, column: 1))
        #expect([a, b, c].sortedForDisplay().map(\.id.rawValue) == ["e", "e2", "w"])
    }

    @Test(arguments: [
        ([Severity](), 3, "no problems found in 3 files"),
        ([.error], 1, "1 error in 1 file"),
        ([.error, .error, .warning], 2, "2 errors and 1 warning in 2 files"),
        ([.warning, .warning], 5, "2 warnings in 5 files"),
    ])
    func summaryLine(_ severities: [Severity], _ files: Int, _ expected: String) {
        let diagnostics = severities.map { Diagnostic(DiagnosticID($0.rawValue), $0, "m", at: nil) }
        #expect(DiagnosticRenderer.summary(of: diagnostics, files: files) == expected)
    }

    @Test func jsonReportIsVersionedAndStable() throws {
        let diagnostic = Diagnostic.error(
            "unknown-key", "unknown key 'x'", at: SourceLocation(file: "f.yaml", line: 2, column: 3), length: 1,
            notes: [.init("see here", at: SourceLocation(file: "g.yaml", line: 1, column: 1))])
        let json = try DiagnosticReport([diagnostic], files: 2).encoded()
        let decoded = try JSONDecoder().decode(DiagnosticReport.self, from: Data(json.utf8))
        #expect(decoded.version == 1)
        #expect(decoded.summary == DiagnosticReport.Summary(errors: 1, warnings: 0, notes: 0, files: 2))
        #expect(decoded.diagnostics.first?.location == DiagnosticReport.Location(file: "f.yaml", line: 2, column: 3))
        #expect(json.contains("\"id\" : \"unknown-key\""))
    }
}
