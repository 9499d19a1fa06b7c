import FormworkCLI
import Foundation
import Testing

/// What a write command says it did is what it did: the report it filed, and nothing when a request id is
/// reused for another command. (Both were found by fuzzing the CLI.)
@Suite(.scratch) struct RequestOutcomeTests {
    /// A small generated company whose reports R-000006 and R-000007 wait for wang.junjie, due around
    /// 2026-01-12.
    static func company() throws -> (URL, CommandEnvironment) {
        let folder = Scratch.folder("demo-data")
        let outcome = try CLI.run([
            "demo-data", "--reps", "2", "--days", "4", "--seed", "5", "--form-set", CLI.repository.path, "--config",
            folder.path,
        ])
        try #require(outcome.exitCode == .ok, "\(outcome.stderr)")
        return (folder, CommandEnvironment(variables: ["FORMWORK_CONFIG": folder.path]))
    }

    static let newCustomer = [
        "submit", "customer_information", "--customer", "C-NEW", "--as", "yang.zhiming", "--no-input", "--set",
        "company_name=Foo", "--set", "industry=machinery", "--set", "contact_name=Bob", "--set",
        "contact_phone=03-578-1234", "--set", "lead_source=trade_show",
    ]

    @Test("inbox, explain and show count the escalations due by --now, as approve does before it decides")
    func readsSeeTheEscalationsDueByNow() throws {
        let environment = CommandEnvironment(variables: [
            "FORMWORK_CONFIG": CLI.repository.appendingPathComponent("examples/acme-industrial").path,
            "FORMWORK_STORE": Scratch.folder("store").path,
        ])
        let filed = try CLI.run(
            Self.newCustomer.map { $0 == "yang.zhiming" ? "lin.hao" : $0 } + ["--now", "2026-03-02T09:00:00+08:00"],
            environment: environment)
        #expect(filed.exitCode == .ok, "\(filed.stderr)")
        // Due on 2026-03-04 and not signed: by 03-06 the step escalated to the director, wang.li; nothing is stored
        // until a command writes.
        let later = ["--now", "2026-03-06T09:00:00+08:00"]
        let log = try CLI.run(["log"], environment: environment).stdout
        let inbox = try CLI.run(["inbox", "--as", "wang.li"] + later, environment: environment)
        #expect(inbox.stdout.contains("R-000001"), "\(inbox.stdout)")
        let explained = try CLI.run(
            ["explain", "R-000001", "--as", "wang.li", "--action", "approve", "--json"] + later,
            environment: environment)
        #expect(explained.stdout.contains("\"allowed\" : true"), "\(explained.stdout)")
        let shown = try CLI.run(["show", "R-000001"] + later, environment: environment)
        #expect(shown.stdout.contains("wang.li"), "\(shown.stdout)")
        #expect(try CLI.run(["log"], environment: environment).stdout == log)
        // Before the due time, the reads see the state as it is.
        let early = try CLI.run(
            ["inbox", "--as", "wang.li", "--now", "2026-03-03T09:00:00+08:00"], environment: environment)
        #expect(!early.stdout.contains("R-000001"))
        let approved = try CLI.run(
            ["approve", "R-000001", "--as", "wang.li", "--opinion", "Signed for chen.mei."] + later,
            environment: environment)
        #expect(approved.exitCode == .ok, "\(approved.stderr)")
    }

    @Test("submit names what each warning is about: a field, or the answers for a check of the whole form")
    func submitNamesWhatAWarningIsAbout() throws {
        let folder = try CheckCommandTests.formSet([
            "formwork.yaml": """
            formwork: 1
            name: t
            locale: en
            calendar: {timezone: UTC, workdays: [mon, tue, wed, thu, fri]}
            include: [form.yaml, wf.yaml, pol.yaml, org.yaml]
            """,
            "form.yaml": """
            form: f
            title: F
            policy: p
            fields:
              - id: a
                type: integer
                label: A
                checks: [{rule: "value < 8", message: a is large, severity: warning}]
            checks:
              - {rule: "a < 5", message: A is unusually large, severity: warning}
            """,
            "wf.yaml": """
            workflow: w
            title: W
            filled_by: [rep]
            stages:
              - {id: s1, title: S1, forms: [{form: f, repeatable: true}]}
            """,
            "pol.yaml": "policy: p\ntitle: P\nsteps:\n  - {id: sup, approvers: [{manager: 1}]}\n",
            "org.yaml": """
            org: o
            name: O
            roles: [{id: rep}, {id: sup}]
            people:
              - {id: boss, name: Boss, roles: [sup]}
              - {id: rep1, name: Rep, roles: [rep], manager: boss}
            """,
        ])
        let filed = try CLI.run([
            "submit", "f", "--customer", "c", "--as", "rep1", "--set", "a=9", "--config", folder.path, "--store",
            folder.appendingPathComponent("store").path, "--now", "2026-03-02T10:00:00Z",
        ])
        #expect(filed.exitCode == .ok, "\(filed.stderr)")
        #expect(filed.stdout.contains("\n  warning: A (a): a is large\n"), "\(filed.stdout)")
        #expect(filed.stdout.contains("\n  warning: answers: A is unusually large\n"), "\(filed.stdout)")
    }

    @Test("submit names the report it filed, even when reminders and escalations fall due in the same batch")
    func submitNamesItsOwnReport() throws {
        let (folder, environment) = try Self.company()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try CLI.run(["log"], environment: environment).stdout.split(separator: "\n").count
        let filed = try CLI.run(Self.newCustomer + ["--now", "2026-01-20T12:00:00+08:00"], environment: environment)
        #expect(filed.exitCode == .ok, "\(filed.stderr)")
        // The batch starts with the reminders and escalations of the older reports…
        let written = try CLI.run(["log", "--after", String(before)], environment: environment).stdout
        #expect(written.split(separator: "\n").first?.hasSuffix("reminder-sent") == true)
        // …but the line names the new report, for the new customer.
        #expect(
            filed.stdout.hasPrefix("filed R-000010 customer_information for C-NEW by yang.zhiming"), "\(filed.stdout)")
        #expect(!filed.stdout.contains("R-000006"))
    }

    @Test("a request id reused for another command is refused, and nothing is written")
    func reusedRequestID() throws {
        let (folder, environment) = try Self.company()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = ["--now", "2026-01-09T10:00:00+08:00", "--request-id", "req-1"]
        let filed = try CLI.run(Self.newCustomer + now, environment: environment)
        #expect(filed.exitCode == .ok, "\(filed.stderr)")
        let log = try CLI.run(["log"], environment: environment).stdout
        let approve = try CLI.run(
            ["approve", "R-000006", "--as", "wang.junjie", "--opinion", "looks fine"] + now, environment: environment)
        #expect(approve.exitCode == .invalidData)
        #expect(approve.stderr.contains("[request-id-reused]"))
        #expect(approve.stderr.contains("report-submitted R-000010"))
        #expect(try CLI.run(["log"], environment: environment).stdout == log)
        let shown = try CLI.run(["show", "R-000006", "--now", "2026-01-09T10:00:00+08:00"], environment: environment)
        #expect(shown.stdout.contains(": pending"))
        // The same submission again is the same request: its first outcome, and still nothing new written.
        let again = try CLI.run(Self.newCustomer + now, environment: environment)
        #expect(again.exitCode == .ok)
        #expect(again.stdout == filed.stdout)
        #expect(try CLI.run(["log"], environment: environment).stdout == log)
    }

    @Test(
        "--now must be a date in every time zone: malformed or at the calendar's ends is a usage error",
        arguments: [
            ("9999-12-31T16:00:00Z", false), ("0001-01-01T12:00:00Z", false), ("2026-02-30T09:00:00Z", false),
            ("9999-12-30T16:00:00Z", true), ("0001-01-02T00:00:00Z", true), ("9999-12-30T23:59:59-12:00", false),
        ])
    func nowRange(now: String, accepted: Bool) throws {
        let store = Scratch.folder("store")
        let environment = CommandEnvironment(variables: [
            "FORMWORK_CONFIG": CLI.repository.appendingPathComponent("examples/acme-industrial").path,
            "FORMWORK_STORE": store.path,
        ])
        let outcome = try CLI.run(["inbox", "--as", "lin.hao", "--now", now], environment: environment)
        #expect((outcome.exitCode == .ok) == accepted, "\(outcome.stderr)")
        if !accepted {
            #expect(outcome.exitCode == .usage)
            #expect(outcome.stderr.contains("--now"))
        }
        if now.hasSuffix("-12:00") {
            // The bounds are instants: the message says so, and where the time given falls.
            #expect(outcome.stderr.contains("9999-12-30T23:59:59Z (in UTC)"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("(9999-12-31T11:59:59Z)"), "\(outcome.stderr)")
        }
    }
}

/// A read command that meets damage in the snapshot's segments answers from the journal instead, with a
/// warning, and answers what it answered before the damage: never fewer reports, never "no such customer".
@Suite(.scratch) struct DamagedSnapshotReadTests {
    /// One table entry of a segment: where it is, and the key its value holds.
    struct Entry {
        var index: Int
        var offset: Int
        var key: String
    }

    /// The newest segment the store's snapshot names, and its table.
    static func newestSegment(of folder: URL) throws -> (URL, [Entry]) {
        let walk = try #require(FileManager.default.enumerator(atPath: folder.path))
        let snapshot = try #require(walk.compactMap { $0 as? String }.first { $0.hasSuffix("snapshot.dat") })
        let store = folder.appendingPathComponent(snapshot).deletingLastPathComponent()
        let header = try #require(
            try Data(contentsOf: folder.appendingPathComponent(snapshot)).split(separator: 0x09).first)
        let object = try #require(try JSONSerialization.jsonObject(with: header) as? [String: Any])
        let name = try #require((object["segments"] as? [String])?.first)
        let url = store.appendingPathComponent(name)
        let bytes = [UInt8](try Data(contentsOf: url))
        func number(_ at: Int, _ count: Int) -> Int {
            (0..<count).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
        }
        let entries = (0..<number(8, 8)).map { index in
            let offset = number(64 + 24 * index + 8, 8)
            let key = String(decoding: bytes[(offset + 4)..<(offset + 4 + number(offset, 4))], as: UTF8.self)
            return Entry(index: index, offset: offset, key: key)
        }
        return (url, entries)
    }

    static func flip(_ url: URL, at offset: Int) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[offset] ^= 0x04
        try Data(bytes).write(to: url)
    }

    @Test("a damaged report value: every report is still counted")
    func damagedValue() throws {
        let (folder, environment) = try RequestOutcomeTests.company()
        let commands = [
            ["report", "activity", "--format", "csv"], ["audit", folder.path, "--format", "json"],
            ["show", "R-000001"],
        ]
        let before = try commands.map { try CLI.run($0, environment: environment) }
        let (segment, entries) = try Self.newestSegment(of: folder)
        let report = try #require(entries.first { $0.key == "r/R-000001" })
        try Self.flip(segment, at: report.offset + 4 + report.key.utf8.count + 30)
        // Each command meets the damage: the first one to rebuild also writes a fresh snapshot.
        let store = segment.deletingLastPathComponent()
        let damaged = Scratch.folder("damaged-store")
        try FileManager.default.copyItem(at: store, to: damaged)
        for (command, earlier) in zip(commands, before) {
            try FileManager.default.removeItem(at: store)
            try FileManager.default.copyItem(at: damaged, to: store)
            let after = try CLI.run(command, environment: environment)
            #expect(after.exitCode == earlier.exitCode, "\(command)")
            #expect(after.stdout == earlier.stdout, "\(command)")
            #expect(after.stderr.contains("the state was rebuilt from the journal"), "\(command): \(after.stderr)")
        }
    }

    @Test("a damaged table entry: the customer is still found")
    func damagedTableEntry() throws {
        let (folder, environment) = try RequestOutcomeTests.company()
        let (segment, entries) = try Self.newestSegment(of: folder)
        let customer = try #require(entries.first { $0.key.hasPrefix("c/") })
        let command = ["customer", String(customer.key.dropFirst(2))]
        let before = try CLI.run(command, environment: environment)
        #expect(before.exitCode == .ok)
        try Self.flip(segment, at: 64 + 24 * customer.index + 5)  // a bit of the entry's key hash
        let after = try CLI.run(command, environment: environment)
        #expect(after.exitCode == .ok, "\(after.stderr)")
        #expect(after.stdout == before.stdout)
        #expect(after.stderr.contains("table entry \(customer.index) does not match its value"), "\(after.stderr)")
    }
}
