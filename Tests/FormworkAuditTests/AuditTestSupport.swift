import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import FormworkTestSupport
import Foundation
import Testing

/// Form sets for the audit tests: the repository's folders, and small sets written inline.
enum Sets {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// A folder of the repository, loaded; the test fails when it does not load cleanly.
    static func folder(
        _ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> FormSetLoader.Result {
        let result = FormSetLoader().load(repository.appendingPathComponent(path).path)
        let rendered = DiagnosticRenderer(sources: result.sources).render(result.diagnostics)
        #expect(!result.diagnostics.hasErrors, "\(path):\n\(rendered)", sourceLocation: sourceLocation)
        return result
    }

    /// A form set written inline (`["formwork.yaml": ..., "forms/a.yaml": ...]`), which must load
    /// without errors.
    static func inline(
        _ files: [String: String], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> FormSet {
        let result = FormSetLoader(fileSystem: InMemoryFileSystem(files: files)).load(".")
        let rendered = DiagnosticRenderer(sources: result.sources).render(result.diagnostics)
        #expect(!result.diagnostics.hasErrors, "\(rendered)", sourceLocation: sourceLocation)
        return try #require(result.formSet, sourceLocation: sourceLocation)
    }

    /// Paths shown relative to the repository, so that golden files are the same on every machine.
    static func relative(_ text: String) -> String {
        text.replacingOccurrences(of: repository.path + "/", with: "")
    }
}

extension AuditReport {
    /// The ids of the findings, in order.
    var ids: [String] { findings.map(\.id.rawValue) }

    func findings(_ id: FindingID) -> [Finding] { findings.filter { $0.id == id } }
}

/// Compares with a golden file in Golden/; `FORMWORK_RECORD=1` rewrites it and still fails the run.
func expectGolden(
    _ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    try expectGolden(actual, at: Sets.golden.appendingPathComponent(name), sourceLocation: sourceLocation)
}
