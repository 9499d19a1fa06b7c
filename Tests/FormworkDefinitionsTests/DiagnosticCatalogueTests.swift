import Foundation
import Testing

/// Every diagnostic id the definitions layer can emit is documented in docs/diagnostics.md, and is
/// exercised by a fixture (or, for ids a fixture cannot hold, by a named test).
@Suite struct DiagnosticCatalogueTests {
    /// Ids found in the sources: `error("id"`, `.warning(\n "id"` and the like.
    static let emittedIDs: Set<String> = {
        let folder = Fixtures.repository.appendingPathComponent("Sources/FormworkDefinitions")
        var ids = Set<String>()
        let pattern = /(?:error|warning)\(\s*"([a-z0-9]+(?:-[a-z0-9]+)*)"/
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else {
                continue
            }
            for match in text.matches(of: pattern) { ids.insert(String(match.output.1)) }
        }
        return ids
    }()

    /// Ids that no fixture folder can produce, and the test that covers each instead.
    static let coveredElsewhere: [String: String] = [
        "alias-expansion": "HostileYAMLTests",
        "file-too-large": "HostileYAMLTests",
        "yaml-scalar-too-large": "HostileYAMLTests",
        "yaml-too-many-nodes": "HostileYAMLTests",
        "missing-manifest": "CheckCommandTests.missingManifestExits66",
        "unreadable-file": "LoaderTests.unreadableFileIsReported",
    ]

    @Test func sourcesEmitTheIDsWeExpect() {
        // Guards the scan itself: if the pattern stopped matching, the tests below would pass vacuously.
        #expect(Self.emittedIDs.count >= 50)
        #expect(Self.emittedIDs.isSuperset(of: ["unknown-key", "no-approver", "dependency-cycle", "yaml-tag"]))
    }

    @Test func everyIDIsDocumented() throws {
        let doc = try String(
            contentsOf: Fixtures.repository.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        for id in Self.emittedIDs.sorted() {
            #expect(doc.contains("### `\(id)`"), "docs/diagnostics.md has no section for \(id)")
        }
    }

    @Test func everyIDHasAFixture() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: Fixtures.root.appendingPathComponent("invalid").path)
        let covered = Set(names.map { $0.components(separatedBy: "--")[0] })
        for id in Self.emittedIDs.sorted() where Self.coveredElsewhere[id] == nil {
            #expect(covered.contains(id), "no fixture folder named \(id) or \(id)--…")
        }
    }
}
