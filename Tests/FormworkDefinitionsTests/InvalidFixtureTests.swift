import FormworkDefinitions
import FormworkDiagnostics
import FormworkTestSupport
import Foundation
import Testing

/// Every folder in Fixtures/invalid is a small form set with mistakes; its rendered diagnostics are
/// pinned in `expected.txt` (re-record with FORMWORK_RECORD=1, which still fails the run), and its
/// folder name says which diagnostic id it is about: `<id>` or `<id>--<variant>`.
@Suite struct InvalidFixtureTests {
    static let cases: [String] = {
        let folder = Fixtures.root.appendingPathComponent("invalid")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func thereAreAtLeastFortyFixtures() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func fixtureRendersItsGoldenDiagnostics(_ name: String) throws {
        let folder = Fixtures.root.appendingPathComponent("invalid/\(name)")
        var files = try Fixtures.files(in: folder)
        files.removeValue(forKey: "expected.txt")
        let result = Fixtures.load(files)
        let expectedID = name.components(separatedBy: "--")[0]
        #expect(
            result.diagnostics.contains { $0.id.rawValue == expectedID },
            "fixture \(name) should produce a [\(expectedID)] diagnostic")
        try expectGolden(Fixtures.rendered(result), at: folder.appendingPathComponent("expected.txt"))
    }
}
