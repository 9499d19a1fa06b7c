import FormworkCLI
import Foundation
import Testing

/// The whole life of a change, through the commands an admin, a rep and a supervisor use: a form set
/// is edited while reports are pending, returned and approved; the change is diffed, proposed,
/// signed and published; each report keeps its own version and the returned one is migrated.
@Suite(.scratch) struct ChangeControlScenarioTests {
    /// A working copy of the shipped forms and the example company, in a git repository.
    static func workingCopy() throws -> URL {
        let folder = Scratch.folder("working-copy")
        for path in ["forms", "workflows", "examples/acme-industrial"] {
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent(path), to: target)
        }
        for arguments in [
            ["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "v1"],
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", folder.path] + arguments
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "git \(arguments)")
        }
        return folder
    }

    struct Scenario {
        let folder: URL
        var config: String { folder.appendingPathComponent("examples/acme-industrial").path }
        var store: String { folder.appendingPathComponent("store").path }

        func run(_ arguments: [String], at time: String) throws -> CommandOutcome {
            try CLI.run(
                arguments,
                environment: CommandEnvironment(variables: [
                    "FORMWORK_CONFIG": config, "FORMWORK_STORE": store, "FORMWORK_NOW": time,
                    "FORMWORK_CACHE_DIR": folder.appendingPathComponent("cache").path,
                ]))
        }

        @discardableResult
        func expectOK(
            _ arguments: [String], at time: String, sourceLocation: SourceLocation = #_sourceLocation
        )
            throws -> CommandOutcome
        {
            let outcome = try run(arguments, at: time)
            #expect(outcome.exitCode == .ok, "\(arguments): \(outcome.stderr)", sourceLocation: sourceLocation)
            return outcome
        }
    }

    static func information(_ customer: String) -> [String] {
        [
            "submit", "customer_information", "--customer", customer, "--as", "lin.hao",
            "--set", "company_name=\(customer) Ltd.", "--set", "industry=machinery", "--set", "contact_name=黃志明",
            "--set", "contact_phone=03-1234567", "--set", "lead_source=website",
            "--set", "website=https://\(customer).example",
        ]
    }

    /// The edit: `website` removed, `employees` required, `address` relabelled.
    static func edit(_ folder: URL) throws {
        let form = folder.appendingPathComponent("forms/customer-information.yaml")
        var text = try String(contentsOf: form, encoding: .utf8)
        let website = try #require(text.range(of: "      - id: website\n"))
        let address = try #require(text.range(of: "      - id: address\n"))
        text.replaceSubrange(
            website.lowerBound..<address.lowerBound,
            with: "      - id: employees\n        type: integer\n        label: Employees\n        required: true\n")
        text = text.replacingOccurrences(of: "{en: Address,", with: "{en: Head office address,")
        try text.write(to: form, atomically: true, encoding: .utf8)
    }

    @Test func aChangeIsProposedSignedPublishedAndEveryReportKeepsItsVersion() throws {
        let folder = try Self.workingCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let s = Scenario(folder: folder)

        // Version 1 comes under change control; the director signs it.
        try s.expectOK(
            ["propose", "--as", "chen.mei", "--summary", "Adopt the standard forms."], at: "2026-03-02T08:00:00+08:00")
        try s.expectOK(
            ["approve", "R-000001", "--as", "wang.li", "--opinion", "Agreed."], at: "2026-03-02T08:10:00+08:00")
        let first = try s.expectOK(["publish", "R-000001", "--as", "chen.mei"], at: "2026-03-02T08:20:00+08:00")
        #expect(first.stdout.contains("published form-set version 1"))

        // Reports under version 1: approved, pending, returned.
        try s.expectOK(Self.information("alpha"), at: "2026-03-02T09:00:00+08:00")
        try s.expectOK(Self.information("beta"), at: "2026-03-02T09:01:00+08:00")
        try s.expectOK(Self.information("gamma"), at: "2026-03-02T09:02:00+08:00")
        try s.expectOK(
            ["approve", "R-000002", "--as", "chen.mei", "--opinion", "Complete."], at: "2026-03-02T10:00:00+08:00")
        try s.expectOK(
            ["return", "R-000004", "--as", "chen.mei", "--opinion", "Add their job title."],
            at: "2026-03-02T10:01:00+08:00")

        // The admin edits the working copy; diff names each change and the reports it touches.
        try Self.edit(folder)
        let diff = try s.expectOK(
            ["diff", "--git", "HEAD", "--config", s.config, "--store", s.store], at: "2026-03-02T10:30:00+08:00")
        #expect(diff.stdout.contains("breaking: field customer_information.employees: new required field 'employees'"))
        #expect(diff.stdout.contains("HEAD:forms/customer-information.yaml"))
        #expect(diff.stdout.contains("in flight: 2 reports (1 pending, 1 returned)"))
        #expect(diff.stdout.contains("safe: field customer_information.address: label or hint changed"))
        #expect(diff.stdout.contains("3 changes: 2 breaking, 1 safe"))
        let failing = try s.run(
            ["diff", "--git", "HEAD", "--config", s.config, "--fail-on", "breaking"], at: "2026-03-02T10:30:00+08:00")
        #expect(failing.exitCode == .failed)

        // Until published, commands keep using version 1 (and say that the folder differs).
        let stillOld = try s.run(Self.information("delta"), at: "2026-03-02T10:40:00+08:00")
        #expect(stillOld.exitCode == .ok, "\(stillOld.stderr)")
        #expect(stillOld.stderr.contains("using form-set version 1"))

        // The proposal carries the changes and the audit's figures; its author cannot sign it.
        let proposed = try s.expectOK(
            ["propose", "--as", "chen.mei", "--summary", "Segment customers by employees."],
            at: "2026-03-02T11:00:00+08:00")
        #expect(proposed.stdout.contains("R-000006"))
        let shown = try s.expectOK(["show", "R-000006"], at: "2026-03-02T11:01:00+08:00")
        #expect(shown.stdout.contains("version 1:forms/customer-information.yaml"))
        #expect(shown.stdout.contains("burden of rep, minutes a week"))
        let own = try s.run(
            ["approve", "R-000006", "--as", "chen.mei", "--opinion", "Mine."], at: "2026-03-02T11:02:00+08:00")
        #expect(own.exitCode == .notAuthorised)
        let explained = try s.run(
            ["explain", "R-000006", "--as", "chen.mei", "--action", "publish"], at: "2026-03-02T11:03:00+08:00")
        #expect(explained.stdout.contains("proposal R-000006 is pending; only an approved proposal can be published"))
        let unsigned = try s.run(["publish", "R-000006", "--as", "chen.mei"], at: "2026-03-02T11:03:00+08:00")
        #expect(unsigned.exitCode == .failed)
        #expect(unsigned.stderr.contains("[wrong-state]"))
        try s.expectOK(
            ["approve", "R-000006", "--as", "wang.li", "--opinion", "Employees is how we segment."],
            at: "2026-03-02T11:10:00+08:00")
        try s.expectOK(["publish", "R-000006", "--as", "wang.li"], at: "2026-03-02T11:20:00+08:00")

        // The pending report is signed as filed and shown with its own version's fields.
        try s.expectOK(
            ["approve", "R-000003", "--as", "chen.mei", "--opinion", "Fine."], at: "2026-03-02T12:00:00+08:00")
        let beta = try s.expectOK(["show", "R-000003"], at: "2026-03-02T12:01:00+08:00")
        #expect(beta.stdout.contains("filed on an earlier version of the form"))
        #expect(beta.stdout.contains("https://beta.example"))
        #expect(!beta.stderr.contains("using form-set version"))

        // The returned report: the new required field is asked, the removed answer dropped and said.
        let asked = try s.run(
            ["resubmit", "R-000004", "--as", "lin.hao", "--set", "contact_title=Buyer"], at: "2026-03-02T13:00:00+08:00"
        )
        #expect(asked.exitCode == .invalidData)
        #expect(asked.stderr.contains("Employees is required"))
        let migrated = try s.expectOK(
            ["resubmit", "R-000004", "--as", "lin.hao", "--set", "contact_title=Buyer", "--set", "employees=85"],
            at: "2026-03-02T13:01:00+08:00")
        #expect(migrated.stdout.contains("dropped 'website': 'website' is no longer in form version"))

        // New reports use version 2; the whole journal still verifies.
        let old = try s.run(Self.information("epsilon"), at: "2026-03-02T14:00:00+08:00")
        #expect(old.exitCode == .invalidData)
        #expect(old.stderr.contains("no field 'website'"))
        let verified = try s.expectOK(["verify"], at: "2026-03-02T14:10:00+08:00")
        #expect(verified.stdout.contains("; 2 form-set versions verified"))
    }

    @Test func diffOfTwoFoldersAsJSONAndItsExitCodes() throws {
        let folder = try Self.workingCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.edit(folder)
        let old = CLI.repository.appendingPathComponent("examples/acme-industrial").path
        let new = folder.appendingPathComponent("examples/acme-industrial").path
        let outcome = try CLI.run(["diff", old, new, "--json", "--fail-on", "any"])
        #expect(outcome.exitCode == .failed)
        struct Output: Decodable {
            struct Side: Decodable { var version: String }
            struct Change: Decodable {
                var impact: String
                var kind: String
                var file: String?
                var line: Int?
            }
            var version: Int
            var old: Side
            var new: Side
            var breaking: Int
            var safe: Int
            var changes: [Change]
        }
        let parsed = try JSONDecoder().decode(Output.self, from: Data(outcome.stdout.utf8))
        #expect(parsed.version == 1 && parsed.breaking == 2 && parsed.safe == 1)
        #expect(parsed.old.version != parsed.new.version)
        #expect(parsed.changes.map(\.kind) == ["field-added-required", "field-removed", "field-relabelled"])
        #expect(
            parsed.changes.allSatisfy {
                $0.file?.hasSuffix("forms/customer-information.yaml") == true && $0.line != nil
            })

        let same = try CLI.run(["diff", old, old, "--fail-on", "any"])
        #expect(same.exitCode == .ok)
        #expect(same.stdout.hasSuffix("no changes\n"))
        let noStore = try CLI.run(["diff", old, new, "--store", folder.appendingPathComponent("nowhere").path])
        #expect(noStore.exitCode == .missingFile)
        let badRevision = try CLI.run(["diff", "--git", "no-such-revision", "--config", new])
        #expect(badRevision.exitCode == .usage)
        #expect(badRevision.stderr.contains("no-such-revision"))
    }

    /// How the store's copy of a published form set can be damaged, and what commands and verify say.
    static let archiveDamage: [(damage: String, command: String, verify: String)] = [
        ("a file edited", "was altered", "was altered"),
        ("ROOT emptied", "is missing from the store", "is missing from"),
        ("ROOT removed", "is missing from the store", "is missing from"),
        ("the manifest removed", "does not load", "does not load"),
    ]

    @Test(arguments: archiveDamage)
    func aDamagedArchiveIsNeverUsedSilently(_ damage: String, command: String, verify: String) throws {
        let folder = try Self.workingCopy()
        let s = Scenario(folder: folder)
        try s.expectOK(["propose", "--as", "chen.mei", "--summary", "Adopt."], at: "2026-03-02T08:00:00+08:00")
        try s.expectOK(
            ["approve", "R-000001", "--as", "wang.li", "--opinion", "Agreed."], at: "2026-03-02T08:10:00+08:00")
        try s.expectOK(["publish", "R-000001", "--as", "chen.mei"], at: "2026-03-02T08:20:00+08:00")
        try Self.edit(folder)  // the working copy now differs, so the archive is read
        let archive = URL(fileURLWithPath: s.store).appendingPathComponent("formsets")
        let version = try #require(
            try FileManager.default.contentsOfDirectory(atPath: archive.path).first { !$0.hasPrefix(".") })
        let copy = archive.appendingPathComponent(version)
        switch damage {
        case "a file edited":
            let policy = copy.appendingPathComponent("tree/workflows/policy-standard-signoff.yaml")
            try (try String(contentsOf: policy, encoding: .utf8) + "# edited behind the store's back\n").write(
                to: policy, atomically: true, encoding: .utf8)
        case "ROOT emptied": try Data().write(to: copy.appendingPathComponent("ROOT"))
        case "ROOT removed": try FileManager.default.removeItem(at: copy.appendingPathComponent("ROOT"))
        default:
            let root = try String(contentsOf: copy.appendingPathComponent("ROOT"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            try FileManager.default.removeItem(at: copy.appendingPathComponent("tree/\(root)/formwork.yaml"))
        }
        let outcome = try s.run(["inbox", "--as", "chen.mei"], at: "2026-03-02T09:00:00+08:00")
        #expect(outcome.exitCode == .invalidData, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(command), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        let verified = try s.run(["verify"], at: "2026-03-02T09:00:00+08:00")
        #expect(verified.exitCode == .failed)
        #expect(verified.stdout.contains("damaged: form-set version \(version.prefix(12)) (published at seq"))
        #expect(verified.stdout.contains(verify), "\(verified.stdout)")
    }

    /// A refused proposal writes nothing: no store where there was none, no copy of the proposed files.
    @Test func aRefusedProposalLeavesNothingBehind() throws {
        let folder = try Self.workingCopy()
        let s = Scenario(folder: folder)
        let notAllowed = try s.run(
            ["propose", "--as", "lin.hao", "--summary", "Mine."], at: "2026-03-02T08:00:00+08:00")
        #expect(notAllowed.exitCode == .notAuthorised, "\(notAllowed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.store))
        try s.expectOK(["propose", "--as", "chen.mei", "--summary", "Adopt."], at: "2026-03-02T08:10:00+08:00")
        // The copy of a propose killed mid-copy (its process gone) goes with the next propose; one whose process
        // still runs stays.
        let archive = URL(fileURLWithPath: s.store).appendingPathComponent("formsets")
        let abandoned = archive.appendingPathComponent(".tmp-0123456789abcdef-2147483646/tree")
        let running = archive.appendingPathComponent(".tmp-0123456789abcdef-1/tree")
        for copy in [abandoned, running] {
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        }
        try Self.edit(folder)
        try s.expectOK(["propose", "--as", "chen.mei", "--summary", "Edit."], at: "2026-03-02T08:15:00+08:00")
        #expect(!FileManager.default.fileExists(atPath: abandoned.deletingLastPathComponent().path))
        #expect(FileManager.default.fileExists(atPath: running.path))
        let kept = try FileManager.default.contentsOfDirectory(atPath: archive.path).filter { !$0.hasPrefix(".") }
        let again = try s.run(["propose", "--as", "nobody", "--summary", "Mine."], at: "2026-03-02T08:20:00+08:00")
        #expect(again.exitCode == .notAuthorised, "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path).filter { !$0.hasPrefix(".") } == kept)
    }

    /// A proposal made when another report's reminder has fallen due names itself, not that report: the
    /// reminder's event comes first in the batch.
    @Test func aProposalNamesItselfWhenRemindersFallDueWithIt() throws {
        let s = Scenario(folder: try Self.workingCopy())
        try s.expectOK(Self.information("cust-b"), at: "2026-03-02T12:00:00+08:00")
        let proposed = try s.expectOK(
            ["propose", "--as", "chen.mei", "--summary", "First version."], at: "2026-03-04T09:00:00+08:00")
        #expect(proposed.stdout.hasPrefix("proposed version "), "\(proposed.stdout)")
        #expect(proposed.stdout.contains(" as R-000002 form_set_change"), "\(proposed.stdout)")
        #expect(proposed.stdout.contains("once approved: formwork publish R-000002 --as chen.mei"))
        // The first version is said to be that, as its proposal records it, not "no changes".
        #expect(proposed.stdout.contains("\n  first version under change control: "), "\(proposed.stdout)")
        #expect(!proposed.stdout.contains("no changes"))
        let log = try s.expectOK(["log"], at: "2026-03-04T09:01:00+08:00")
        #expect(log.stdout.contains("reminder-sent"), "the reminder fell due with the proposal")
    }

    @Test func proposingNeedsChangeControlAndAChange() throws {
        let folder = try Self.workingCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let s = Scenario(folder: folder)
        try s.expectOK(["propose", "--as", "chen.mei", "--summary", "Adopt."], at: "2026-03-02T08:00:00+08:00")
        try s.expectOK(
            ["approve", "R-000001", "--as", "wang.li", "--opinion", "Agreed."], at: "2026-03-02T08:10:00+08:00")
        try s.expectOK(["publish", "R-000001", "--as", "chen.mei"], at: "2026-03-02T08:20:00+08:00")
        let same = try s.run(["propose", "--as", "chen.mei", "--summary", "Again."], at: "2026-03-02T09:00:00+08:00")
        #expect(same.exitCode == .failed)
        #expect(same.stderr.contains("nothing to propose"))

        let shipped = try CLI.run(
            [
                "propose", "--as", "chen.mei", "--summary", "x", "--config", CLI.repository.path, "--store",
                folder.appendingPathComponent("other").path, "--now", "2026-03-02T09:00:00+08:00",
            ])
        #expect(shipped.exitCode == .failed)
        #expect(shipped.stderr.contains("declares no 'change_control:'"))
    }
}
