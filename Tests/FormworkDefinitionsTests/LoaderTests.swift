import FormworkDefinitions
import FormworkDiagnostics
import Foundation
import Testing

@Suite struct LoaderTests {
    static let manifest = "formwork: 1\nname: T\nlocale: en\ninclude: [forms/, org.yaml]\n"

    @Test func unreadableFileIsReported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formwork-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("forms"), withIntermediateDirectories: true)
        try Self.manifest.write(to: folder.appendingPathComponent("formwork.yaml"), atomically: true, encoding: .utf8)
        let org = folder.appendingPathComponent("org.yaml")
        try "org: t\n".write(to: org, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: org.path)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: org.path)
            try? FileManager.default.removeItem(at: folder)
        }
        // Root can read anything: make the case meaningful only where permissions bite.
        guard getuid() != 0 else {
            let result = FormSetLoader(fileSystem: UnreadableFileSystem(path: "org.yaml")).load(".")
            #expect(result.diagnostics.contains { $0.id == "unreadable-file" })
            return
        }
        let result = FormSetLoader().load(folder.path)
        #expect(result.diagnostics.contains { $0.id == "unreadable-file" })
    }

    /// Opening a named pipe waits for a writer: a pipe in an included folder (found by fuzzing) made `check` hang.
    @Test func aNamedPipeIsReportedNotWaitedOn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formwork-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("forms"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.manifest.write(to: folder.appendingPathComponent("formwork.yaml"), atomically: true, encoding: .utf8)
        try "org: t\n".write(to: folder.appendingPathComponent("org.yaml"), atomically: true, encoding: .utf8)
        let pipe = folder.appendingPathComponent("forms/zz.yaml").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let result = FormSetLoader().load(folder.path)
        let finding = try #require(result.diagnostics.first { $0.id == "unreadable-file" })
        #expect(finding.message.contains("not a regular file"), "\(finding.message)")
    }

    @Test(
        "a calendar's time zone is an IANA name, fixed-offset Etc/ zones included; offsets and misspellings are not",
        arguments: [
            ("Asia/Taipei", true), ("UTC", true), ("Etc/GMT+12", true), ("Etc/UTC", true), ("Asia/Taipai", false),
            ("GMT+8", false), ("Etc/Nowhere", false), ("+08:00", false),
            // Current names the platform knows under an older listed alias (Asia/Calcutta), found by fuzzing.
            ("Asia/Kolkata", true), ("Asia/Calcutta", true), ("Asia/Ho_Chi_Minh", true), ("Asia/Kolkatta", false),
        ])
    func timeZones(zone: String, accepted: Bool) {
        let result = Fixtures.load(text: [
            "formwork.yaml": "formwork: 1\nname: T\nlocale: en\ncalendar:\n  timezone: '\(zone)'\n"
        ])
        let refused = result.diagnostics.contains { $0.message.contains("unknown time zone") }
        #expect(refused != accepted, "\(zone): \(result.diagnostics.map(\.message))")
        if accepted { #expect(result.formSet?.manifest.calendar.timeZone == zone) }
    }

    @Test func folderIncludesReadYAMLFilesInNameOrderOnce() throws {
        let result = Fixtures.load(text: [
            "formwork.yaml": "formwork: 1\nname: T\nlocale: en\ninclude: [b/, a.yaml, b/z.yaml]\n",
            "a.yaml": "choices:\n  - {id: one, options: [x]}\n",
            "b/z.yaml": "choices:\n  - {id: three, options: [x]}\n",
            "b/y.yml": "choices:\n  - {id: two, options: [x]}\n",
            "b/notes.txt": "not yaml",
        ])
        #expect(result.files == ["formwork.yaml", "b/y.yml", "b/z.yaml", "a.yaml"])
        #expect(result.formSet?.choiceLists.map(\.id.value.rawValue) == ["two", "three", "one"])
    }

    @Test func pathsOutsideTheManifestFolderAreNormalised() {
        let result = FormSetLoader(
            fileSystem: InMemoryFileSystem(files: [
                "co/formwork.yaml": "formwork: 1\nname: T\nlocale: en\ninclude: [../shared/lists.yaml]\n",
                "shared/lists.yaml": "choices:\n  - {id: one, options: [x]}\n",
            ])
        ).load("co")
        #expect(result.files == ["co/formwork.yaml", "shared/lists.yaml"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func oneBrokenFileSkipsCrossFileChecksInsteadOfCascading() {
        let result = Fixtures.load(text: [
            "formwork.yaml": "formwork: 1\nname: T\nlocale: en\ninclude: [a.yaml, flow.yaml]\n",
            "a.yaml": "form: a\ntitle: [unclosed\n",
            "flow.yaml": "workflow: f\nstages:\n  - id: one\n    forms: [{form: a}]\n",
        ])
        #expect(result.diagnostics.map(\.id.rawValue) == ["yaml-syntax"])
        #expect(result.rulesSkipped)
    }

    @Test func formsAndPoliciesCarryTheHashOfTheirFile() throws {
        func version(_ title: String) throws -> (String, String) {
            let set = try #require(
                Fixtures.load(text: [
                    "formwork.yaml": "formwork: 1\nname: T\nlocale: en\ninclude: [a.yaml, p.yaml]\n",
                    "a.yaml": "form: a\ntitle: \(title)\npolicy: p\nfields: [{id: x, type: text, label: X}]\n",
                    "p.yaml": "policy: p\nsteps: [{id: s, approvers: [{manager: 1}]}]\n",
                ]).formSet)
            return (try #require(set.forms.first).version, try #require(set.policies.first).version)
        }
        let (first, policy) = try version("A")
        #expect(first.count == 64)
        #expect(try version("A").0 == first)
        #expect(try version("B").0 != first)
        #expect(try version("B").1 == policy)
    }

    @Test func conditionColumnsPointInsideTheScalar() throws {
        let result = Fixtures.load(text: [
            "formwork.yaml": "formwork: 1\nname: T\nlocale: en\ninclude: [a.yaml]\n",
            "a.yaml": """
            form: a
            title: A
            policy: p
            fields:
              - id: amount
                type: money
                label: 金額
              - id: note
                type: text
                label: 備註
                show_if: "amount > 10 && amout < 5"

            """,
        ])
        let finding = try #require(result.diagnostics.first { $0.id == "unknown-name" })
        #expect(finding.location == SourceLocation(file: "a.yaml", line: 11, column: 30))
        #expect(finding.length == 5)
        #expect(finding.message.contains("did you mean 'amount'"))
    }
}

/// A file system where one file exists but cannot be read.
private struct UnreadableFileSystem: DefinitionFileSystem {
    var path: String
    let inner = InMemoryFileSystem(files: [
        "formwork.yaml": LoaderTests.manifest, "forms/a.yaml": "", "org.yaml": "",
    ])

    func kind(of path: String) -> FileKind { inner.kind(of: path) }
    func contents(of path: String) throws(FileReadError) -> [String] { try inner.contents(of: path) }
    func read(_ path: String, limit: Int) throws(FileReadError) -> [UInt8] {
        if path == self.path { throw FileReadError(.unreadable, "permission denied") }
        return try inner.read(path, limit: limit)
    }
}

@Suite struct TrustedVerdictTests {
    static func loader(trusting trusted: Set<String>, files: [String: [UInt8]]) -> FormSetLoader {
        var loader = FormSetLoader(fileSystem: InMemoryFileSystem(bytes: files))
        loader.digestSalt = "test build"
        loader.isTrusted = { trusted.contains($0) }
        return loader
    }

    @Test("a form set whose digest was checked clean skips the rules; any changed byte checks again")
    func trustedDigestSkipsRules() throws {
        let files = try Fixtures.files(in: Fixtures.root.appendingPathComponent("invalid/manager-cycle"))
        let first = Self.loader(trusting: [], files: files).load(".")
        #expect(first.diagnostics.contains { $0.id == "manager-cycle" })
        #expect(!first.rulesTrusted)
        #expect(first.contentDigest.count == 64)
        // Pretend this digest had been checked clean: the rules do not run, so the cycle goes unseen.
        let trusted = Self.loader(trusting: [first.contentDigest], files: files).load(".")
        #expect(trusted.rulesTrusted)
        #expect(!trusted.diagnostics.contains { $0.id == "manager-cycle" })
        #expect(trusted.contentDigest == first.contentDigest)
        // One changed byte, or another build (salt), and the verdict no longer applies.
        var edited = files
        edited["org.yaml"] = (files["org.yaml"] ?? []) + Array("\n".utf8)
        let changed = Self.loader(trusting: [first.contentDigest], files: edited).load(".")
        #expect(!changed.rulesTrusted)
        #expect(changed.diagnostics.contains { $0.id == "manager-cycle" })
        var otherBuild = Self.loader(trusting: [first.contentDigest], files: files)
        otherBuild.digestSalt = "another build"
        #expect(!otherBuild.load(".").rulesTrusted)
    }
}
