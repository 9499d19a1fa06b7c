import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import Foundation
import Testing

/// Text, JSON and Markdown come from one renderer; JSON is versioned and keeps its shape.
@Suite struct RendererTests {
    @Test func jsonIsVersionedWithStableKeys() throws {
        let report = try SmallSet.audit()
        let text = try AuditRenderer().json(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        #expect(Set(object.keys) == ["version", "formSet", "findings", "burden", "limits", "summary"])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let first = try #require(findings.first)
        #expect(
            Set(first.keys) == [
                "id", "category", "severity", "message", "suggestion", "location", "length", "subject", "figures",
                "related",
            ])
        #expect(text.hasSuffix("}\n"))
    }

    @Test func textQuotesTheSourceLineAndGroupsByCategory() throws {
        let loaded = FormSetLoader(fileSystem: InMemoryFileSystem(files: SmallSet.files())).load(".")
        let report = Audit().run(try #require(loaded.formSet))
        let text = AuditRenderer(sources: loaded.sources).text(report)
        #expect(text.hasPrefix("audit of Small: definitions only, no usage\n"))
        #expect(text.contains("== Too few forms =="))
        #expect(text.contains("workflows/funnel.yaml:1:11: note: 'funnel' records 2 stages with 2 forms"))
        #expect(text.contains("   1 | workflow: funnel\n"))
        #expect(text.contains("    suggestion: "))
        #expect(text.contains("== Burden (minutes a week, busiest person of each role) =="))
        #expect(text.hasSuffix("2 notes\n"))
    }

    @Test func markdownEscapesWhatWouldBeMarkup() {
        let report = AuditReport(
            formSetName: "x",
            findings: [Finding("audit.too-few.no-opinion", .warning, "a_b *c* `d` | e", suggestion: "s", at: nil)],
            burden: [], usage: nil, limits: [])
        #expect(AuditRenderer().markdown(report).contains(#"a_b \*c\* \`d\` \| e"#))
    }

    @Test func summaryCountsEachSeverity() {
        var report = AuditReport(formSetName: "x", findings: [], burden: [], usage: nil, limits: [])
        #expect(AuditRenderer().summary(report) == "no findings")
        report.findings = [
            Finding("audit.too-few.no-reviewer", .error, "m", suggestion: "s", at: nil),
            Finding("audit.too-few.no-opinion", .warning, "m", suggestion: "s", at: nil),
            Finding("audit.too-few.no-opinion", .warning, "m", suggestion: "s", at: nil),
        ]
        #expect(AuditRenderer().summary(report) == "1 error and 2 warnings")
    }
}
