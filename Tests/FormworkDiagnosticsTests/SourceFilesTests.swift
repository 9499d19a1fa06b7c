import FormworkDiagnostics
import Testing

/// The renderer quotes the line a diagnostic points at: a file kept as bytes (what the compiled form set's
/// loader keeps) quotes the same lines as the same file kept as text.
@Suite struct SourceFilesTests {
    @Test(arguments: [
        "form: visit_plan\nfields:\n  - id: visit_date\n", "a\r\nb\r\n\r\nlast", "單一行", "", "\n\n",
        "ok\n\u{1B}[2J\nend\n",
    ])
    func bytesQuoteTheLinesTextQuotes(_ text: String) {
        var sources = SourceFiles()
        sources.add(text, as: "text.yaml")
        sources.add(bytes: Array(text.utf8), as: "bytes.yaml")
        for line in 0...6 {
            #expect(sources.line(line, of: "bytes.yaml") == sources.line(line, of: "text.yaml"), "line \(line)")
        }
        #expect(sources.line(1, of: "other.yaml") == nil)
        #expect(sources.fileCount == 2)
    }

    @Test func invalidUTF8IsQuotedWithReplacementCharacters() {
        var sources = SourceFiles()
        sources.add(bytes: Array("id: a".utf8) + [0xFF, 0x0A] + Array("second".utf8), as: "f.yaml")
        #expect(sources.line(1, of: "f.yaml") == "id: a\u{FFFD}")
        #expect(sources.line(2, of: "f.yaml") == "second")
        #expect(sources.line(3, of: "f.yaml") == nil)
    }
}
