import FormworkCLI
import Foundation
import Testing

/// `formwork demo-data` and `formwork report`, run in-process on a small generated store.
@Suite struct ManagementReportCommandTests {
    static func generate(seed: Int = 3) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formwork-demo-\(UUID().uuidString)")
        let outcome = try CLI.run([
            "demo-data", "--reps", "7", "--days", "15", "--seed", "\(seed)", "--form-set", CLI.repository.path,
            "--config", folder.path,
        ])
        #expect(outcome.exitCode == .ok, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("wrote "))
        return folder
    }

    @Test func demoDataIsDeterministicAndReadable() throws {
        let first = try Self.generate()
        let second = try Self.generate()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let journal = ".formwork-store/journal.jsonl"
        let a = try Data(contentsOf: first.appendingPathComponent(journal))
        let b = try Data(contentsOf: second.appendingPathComponent(journal))
        #expect(a == b)
        #expect(
            try String(contentsOf: first.appendingPathComponent("org.yaml"), encoding: .utf8)
                == String(contentsOf: second.appendingPathComponent("org.yaml"), encoding: .utf8))
        let verify = try CLI.run(["verify", "--config", first.path])
        #expect(verify.exitCode == .ok, "\(verify.stderr)")
        let check = try CLI.run(["check", first.path])
        #expect(check.exitCode == .ok, "\(check.stdout)")
    }

    @Test func reportsReadTheGeneratedStore() throws {
        let folder = try Self.generate()
        defer { try? FileManager.default.removeItem(at: folder) }
        for kind in ["activity", "reviews", "funnel", "targets"] {
            let text = try CLI.run(["report", kind, "--config", folder.path, "--period", "2026-01"])
            #expect(text.exitCode == .ok, "\(kind): \(text.stderr)")
            #expect(text.stdout.contains("period 2026-01 (2026-01-01..2026-01-31)"))
            let json = try CLI.run(["report", kind, "--config", folder.path, "--format", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(object?["version"] as? Int == 1)
            #expect(object?["kind"] as? String == kind)
            let csv = try CLI.run(["report", kind, "--config", folder.path, "--format", "csv"])
            #expect(csv.stdout.contains("\r\n"))
        }
        let out = folder.appendingPathComponent("pack.md")
        let org = try String(contentsOf: folder.appendingPathComponent("org.yaml"), encoding: .utf8)
        let rep = try #require(
            org.components(separatedBy: "\n  - id: ").dropFirst().first { $0.contains("roles: [rep]") }?
                .components(separatedBy: "\n").first)
        let pack = try CLI.run([
            "report", "meeting-pack", "--person", rep, "--config", folder.path, "--format", "markdown", "--out",
            out.path,
        ])
        #expect(pack.exitCode == .ok, "\(pack.stderr)")
        #expect(pack.stdout.isEmpty)
        #expect(try String(contentsOf: out, encoding: .utf8).hasPrefix("# Meeting pack"))
    }

    @Test func usageErrors() throws {
        #expect(throws: (any Error).self) { try CLI.run(["report", "meeting-pack"]) }
        #expect(throws: (any Error).self) { try CLI.run(["report", "sales"]) }
        #expect(throws: (any Error).self) { try CLI.run(["report", "funnel", "--period", "2026-13"]) }
        #expect(throws: (any Error).self) {
            try CLI.run(["report", "funnel", "--period", "2026-01", "--from", "2026-01-01"])
        }
        #expect(throws: (any Error).self) { try CLI.run(["demo-data", "--reps", "0"]) }
    }

    @Test func demoDataRefusesAFolderInUse() throws {
        let folder = try Self.generate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let again = try CLI.run([
            "demo-data", "--reps", "2", "--days", "2", "--form-set", CLI.repository.path, "--config", folder.path,
        ])
        #expect(again.exitCode == .failed)
        #expect(again.stderr.contains("is not empty"))
    }
}
