import ArgumentParser
import FormworkCLI
import FormworkDiagnostics
import Foundation
import Testing

@Suite(.scratch) struct CheckCommandTests {
    /// Writes a small form set into a fresh temporary folder.
    static func formSet(_ files: [String: String]) throws -> URL {
        let folder = Scratch.folder("form-set")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let broken = [
        "formwork.yaml": "formwork: 1\nname: Broken\nlocale: en\nlocales: [en, zh-Hant]\ninclude: [forms/]\n",
        "forms/visit.yaml": """
        form: visit
        title: {en: Visit, zh-Hant: 拜訪}
        fields:
          - id: visit_date
            type: date
            label: {en: 拜訪日期 date, zh-Hant: 拜訪日期}
            requried: true

        """,
    ]

    @Test func cleanFormSetExitsZero() throws {
        let outcome = try CLI.run(["check", CLI.repository.path])
        #expect(outcome.exitCode == .ok)
        #expect(outcome.stdout.hasPrefix("no problems found in "))
    }

    @Test func findingsAtErrorLevelExitOneWithCompilerStyleLines() throws {
        let folder = try Self.formSet(Self.broken)
        let outcome = try CLI.run(["check", folder.path])
        #expect(outcome.exitCode == .failed)
        #expect(
            outcome.stdout.contains(
                "forms/visit.yaml:7:5: error: unknown key 'requried' in a field; did you mean 'required'? [unknown-key]"
            ))
        #expect(outcome.stdout.contains("no-reviewer"))
        #expect(outcome.stdout.contains("2 errors and 1 warning in 2 files (no org: approver checks skipped)\n"))
    }

    @Test func jsonOutputIsVersioned() throws {
        let folder = try Self.formSet(Self.broken)
        let outcome = try CLI.run(["check", folder.path, "--format", "json"])
        #expect(outcome.exitCode == .failed)
        let report = try JSONDecoder().decode(DiagnosticReport.self, from: Data(outcome.stdout.utf8))
        #expect(report.version == 1)
        #expect(report.diagnostics.contains { $0.id == "unknown-key" && $0.location?.line == 7 })
        #expect(report.summary.errors >= 2)
    }

    @Test func missingManifestExits66() throws {
        let folder = try Self.formSet(["readme.txt": "nothing here"])
        let outcome = try CLI.run(["check", folder.path])
        #expect(outcome.exitCode == .missingFile)
        #expect(outcome.stdout.contains("[missing-manifest]"))
    }

    @Test func unreadableYAMLExits65() throws {
        let folder = try Self.formSet(["formwork.yaml": "formwork: [1\n"])
        let outcome = try CLI.run(["check", folder.path])
        #expect(outcome.exitCode == .invalidData)
        #expect(outcome.stdout.contains("[yaml-syntax]"))
    }

    @Test func unknownOptionIsAUsageError() {
        #expect(throws: (any Error).self) { try CLI.run(["check", "--formt", "json"]) }
        let code = FormworkCommand.exitCode(for: ValidationError("x"))
        #expect(code.rawValue == 64)
    }

    @Test(arguments: [
        ([String: String](), true, false, true),
        (["NO_COLOR": "1"], true, false, false),
        (["NO_COLOR": "0"], true, false, false),
        (["NO_COLOR": ""], true, false, true),
        (["TERM": "dumb"], true, false, false),
        ([String: String](), false, false, false),
        ([String: String](), true, true, false),
    ])
    func colourRules(_ variables: [String: String], _ terminal: Bool, _ flag: Bool, _ expected: Bool) {
        let environment = CommandEnvironment(variables: variables, stdoutIsTerminal: terminal)
        #expect(environment.allowsColor(onTerminal: terminal, noColorFlag: flag) == expected)
    }

    @Test func helpIsPinned() throws {
        try expectGolden(
            FormworkCommand.helpMessage(for: CheckCommand.self, columns: 100) + "\n", named: "check-help.txt")
        try expectGolden(FormworkCommand.helpMessage(columns: 100) + "\n", named: "formwork-help.txt")
    }
}

/// A few end-to-end runs of the built binary: stdout, stderr and the exit status of a real process.
@Suite(.scratch) struct CheckBinaryTests {
    @Test func binaryReportsFindingsAndExitsOne() throws {
        let folder = try CheckCommandTests.formSet(CheckCommandTests.broken)
        let result = try CLI.spawn(["check", "."], in: folder)
        #expect(result.status == 1)
        try expectGolden(result.stdout, named: "check-broken.txt")
        #expect(result.stderr.isEmpty)
    }

    @Test func binaryChecksEveryShippedExampleClean() throws {
        let examples = try FileManager.default.contentsOfDirectory(
            atPath: CLI.repository.appendingPathComponent("examples").path)
        for example in examples.sorted() {
            let result = try CLI.spawn(["check", "examples/\(example)"], in: CLI.repository)
            #expect(result.status == 0, "examples/\(example):\n\(result.stdout)")
        }
    }

    @Test func binaryUsageErrorExits64() throws {
        let result = try CLI.spawn(["check", "--format", "yaml"], in: CLI.repository)
        #expect(result.status == 64)
        #expect(result.stderr.contains("yaml"))
    }
}
