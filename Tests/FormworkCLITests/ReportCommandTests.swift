import ArgumentParser
import FormworkCLI
import FormworkLanguage
import FormworkStore
import Foundation
import Synchronization
import Testing

/// The report commands run in-process against a fresh store on the example company.
@Suite(.scratch) struct ReportCommandTests {
    /// An environment pointing at the example company and a new store, at a given time.
    static func environment(store: URL, at time: String) -> CommandEnvironment {
        CommandEnvironment(variables: [
            "FORMWORK_CONFIG": CLI.repository.appendingPathComponent("examples/acme-industrial").path,
            "FORMWORK_STORE": store.path, "FORMWORK_NOW": time,
        ])
    }

    static func newStore() -> URL {
        Scratch.folder("store")
    }

    static let plan = [
        "submit", "visit_plan", "--customer", "acme-tw", "--as", "lin.hao", "--set", "visit_date=2026-03-06",
        "--set", "objective=needs_discovery", "--set", "objective_detail=Understand the failures on their CNC lines.",
        "--set", "customer_attendees=黃志明", "--set", "expected_outcome=A trial order.",
    ]

    static let information = [
        "submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao", "--set", "company_name=Acme TW",
        "--set", "industry=machinery", "--set", "contact_name=黃志明", "--set", "contact_phone=03-1234567",
        "--set", "lead_source=website",
    ]

    @Test func theDemoRunsTheWholeFunnelAndIsPinned() throws {
        let outcome = try CLI.run([
            "demo", "--config", CLI.repository.appendingPathComponent("examples/acme-industrial").path,
        ])
        #expect(outcome.exitCode == .ok, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("[self-approval]"))
        #expect(outcome.stdout.contains("[gate-closed]"))
        #expect(outcome.stdout.contains("returned by chen.mei"))
        #expect(outcome.stdout.contains("approved by wang.li"))
        #expect(outcome.stdout.contains("intact: "))
        try expectGolden(
            outcome.stdout.replacingOccurrences(of: CLI.repository.path + "/", with: ""), named: "demo.txt")
    }

    @Test func invalidAnswersExit65ListingEveryField() throws {
        let store = Self.newStore()
        let outcome = try CLI.run(
            [
                "submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao", "--set",
                "industry=shipping",
                "--set", "contact_email=not-an-address",
            ],
            environment: Self.environment(store: store, at: "2026-03-02T09:00:00+08:00"))
        #expect(outcome.exitCode == .invalidData)
        #expect(outcome.stderr.contains("[invalid-answers]"))
        // Every problem at once, each with its field: the unknown choice, the bad email, the missing answers.
        #expect(outcome.stderr.contains("(industry)"))
        #expect(outcome.stderr.contains("(contact_email)"))
        #expect(outcome.stderr.contains("(company_name)"))
        // Nothing was written: the store holds no record.
        let log = try CLI.run(["log"], environment: Self.environment(store: store, at: "2026-03-02T09:00:00+08:00"))
        #expect(log.stdout.isEmpty)
    }

    @Test func aFieldSetTwiceIsAUsageErrorAndFilesNothing() throws {
        let store = Self.newStore()
        let outcome = try CLI.run(
            Self.information + ["--set", "industry=shipping"],
            environment: Self.environment(store: store, at: "2026-03-02T09:00:00+08:00"))
        #expect(outcome.exitCode == .usage)
        #expect(outcome.stderr.contains("--set gives 'industry' twice"))
        #expect(!FileManager.default.fileExists(atPath: store.appendingPathComponent("journal.jsonl").path))
        // Once each, with the file's answer overridden by --set, it is filed.
        let folder = Scratch.folder("answers")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("answers.json")
        try Data(#"{"industry": "shipping"}"#.utf8).write(to: file)
        let filed = try CLI.run(
            Self.information + ["--from", file.path],
            environment: Self.environment(store: store, at: "2026-03-02T09:00:00+08:00"))
        #expect(filed.exitCode == .ok, "\(filed.stderr)")
    }

    @Test func gateStageSelfApprovalAndOpinionAreRefusedWithTheirExitCodes() throws {
        let store = Self.newStore()
        func run(_ arguments: [String], at time: String) throws -> CommandOutcome {
            try CLI.run(arguments, environment: Self.environment(store: store, at: time))
        }
        #expect(try run(Self.information, at: "2026-03-02T09:00:00+08:00").exitCode == .ok)
        // The visit plan belongs to a later stage: refused by a rule (exit 1).
        let early = try run(Self.plan, at: "2026-03-02T09:05:00+08:00")
        #expect(early.exitCode == .failed)
        #expect(early.stderr.contains("[stage-not-reached]"))
        // The rep may not approve his own report (exit 77).
        let own = try run(
            ["approve", "R-000001", "--as", "lin.hao", "--opinion", "ok"], at: "2026-03-02T09:10:00+08:00")
        #expect(own.exitCode == .notAuthorised)
        #expect(own.stderr.contains("[self-approval]"))
        // The supervisor must give an opinion.
        let silent = try run(["approve", "R-000001", "--as", "chen.mei"], at: "2026-03-02T09:20:00+08:00")
        #expect(silent.exitCode == .failed)
        #expect(silent.stderr.contains("[opinion-required]"))
        let signed = try run(
            ["approve", "R-000001", "--as", "chen.mei", "--opinion", "Fine."], at: "2026-03-02T09:30:00+08:00")
        #expect(signed.exitCode == .ok)
        #expect(signed.stdout.contains("approved"))
    }

    @Test func theSameRequestTwiceFilesOneReport() throws {
        let store = Self.newStore()
        let environment = Self.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        let first = try CLI.run(Self.information + ["--request-id", "req-1"], environment: environment)
        let again = try CLI.run(Self.information + ["--request-id", "req-1"], environment: environment)
        #expect(first.exitCode == .ok)
        #expect(again.exitCode == .ok)
        #expect(again.stdout == first.stdout)
        #expect(first.stdout.hasPrefix("filed R-000001"))
        let inbox = try CLI.run(["inbox", "--as", "chen.mei", "--json"], environment: environment)
        #expect(inbox.stdout.components(separatedBy: "\"report\" : \"R-").count - 1 == 1)
    }

    @Test func inboxShowCustomerExplainAndVerifyRead() throws {
        let store = Self.newStore()
        let environment = Self.environment(store: store, at: "2026-03-02T10:00:00+08:00")
        _ = try CLI.run(Self.information, environment: environment)
        let inbox = try CLI.run(["inbox", "--as", "chen.mei"], environment: environment)
        #expect(inbox.stdout.contains("R-000001"))
        let show = try CLI.run(["show", "R-000001"], environment: environment)
        #expect(show.stdout.contains("Acme TW"))
        let explain = try CLI.run(["explain", "R-000001", "--as", "zhang.yating"], environment: environment)
        #expect(explain.stdout.hasPrefix("approve: refused"))
        let customer = try CLI.run(["customer", "acme-tw"], environment: environment)
        #expect(customer.stdout.contains("stage 'information'"))
        let verify = try CLI.run(["verify"], environment: environment)
        #expect(verify.exitCode == .ok)
        #expect(verify.stdout.hasPrefix("intact: "))
    }

    /// `customer --json` is versioned and only ever gains fields: the record still lists the customer's reports,
    /// by form too, and its whole history, though they are read from the customer's pages now.
    @Test func customerJSONKeepsItsShape() throws {
        let store = Self.newStore()
        let environment = Self.environment(store: store, at: "2026-03-02T10:00:00+08:00")
        _ = try CLI.run(Self.information, environment: environment)
        _ = try CLI.run(["approve", "R-000001", "--as", "chen.mei", "--opinion", "Fine."], environment: environment)
        let output = try CLI.run(["customer", "acme-tw", "--json"], environment: environment)
        #expect(output.exitCode == .ok)
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        #expect(object?["version"] as? Int == 1)
        let customer = object?["customer"] as? [String: Any]
        let record = try #require(customer?["record"] as? [String: Any])
        #expect(record["reports"] as? [String] == ["R-000001"])
        #expect(record["reportsByForm"] as? [String: [String]] == ["customer_information": ["R-000001"]])
        let history = try #require(record["history"] as? [[String: Any]])
        #expect(
            history.compactMap { $0["kind"] as? String } == [
                "customer-opened", "report-submitted", "report-approved", "customer-advanced",
            ])
        #expect(record["latestApproved"] as? [String: String] == ["customer_information": "R-000001"])
        #expect(customer?["forms"] is [Any] && customer?["toAdvance"] is [Any])
    }

    /// `--history N` shows the latest N lines and says how many came before; `all` shows every one; the JSON then
    /// lists the latest N reports and lines, and counts the rest.
    @Test func customerHistoryShowsTheLatestLines() throws {
        let store = Self.newStore()
        let environment = Self.environment(store: store, at: "2026-03-02T10:00:00+08:00")
        _ = try CLI.run(Self.information, environment: environment)
        _ = try CLI.run(["approve", "R-000001", "--as", "chen.mei", "--opinion", "Fine."], environment: environment)
        // Four lines: entering the workflow, the filing, the approval, the move to the next stage.
        let whole = try CLI.run(["customer", "acme-tw", "--history", "all"], environment: environment)
        #expect(whole.stdout.contains("\nhistory:\n"))
        #expect(whole.stdout.contains("entered workflow b2b_funnel"))
        #expect(try CLI.run(["customer", "acme-tw"], environment: environment).stdout == whole.stdout)
        let latest = try CLI.run(["customer", "acme-tw", "--history", "2"], environment: environment)
        #expect(latest.exitCode == .ok)
        #expect(latest.stdout.contains("\nhistory (the latest 2 of 4 lines; --history all shows every one):\n"))
        #expect(!latest.stdout.contains("entered workflow b2b_funnel"))
        #expect(!latest.stdout.contains("lin.hao filed customer_information R-000001"))
        #expect(latest.stdout.contains("customer_information R-000001 approved"))
        #expect(latest.stdout.contains("can be filed now:"))

        let json = try CLI.run(["customer", "acme-tw", "--history", "1", "--json"], environment: environment)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let customer = try #require(object?["customer"] as? [String: Any])
        #expect(customer["earlierReports"] as? Int == 0)
        #expect(customer["earlierHistoryLines"] as? Int == 3)
        let record = try #require(customer["record"] as? [String: Any])
        #expect(record["reports"] as? [String] == ["R-000001"])
        #expect((record["history"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } == ["customer-advanced"])
        let none = try CLI.run(["customer", "acme-tw", "--history", "0", "--json"], environment: environment)
        let emptied = try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [String: Any]
        #expect((emptied?["customer"] as? [String: Any])?["earlierReports"] as? Int == 1)

        for bad in ["-1", "ten", "", "2.5"] {
            do {
                _ = try CLI.run(["customer", "acme-tw", "--history=\(bad)"], environment: environment)
                Issue.record("--history \(bad) was accepted")
            } catch {
                #expect(FormworkCommand.exitCode(for: error).rawValue == 64)
                let message = FormworkCommand.message(for: error)
                // An empty value is argument-parser's own "missing value".
                let expected = bad.isEmpty ? "Missing value for '--history" : "--history must be a number of lines"
                #expect(message.contains(expected), "\(message)")
            }
        }
    }

    /// A damaged record in the journal's tail makes the store refuse to open; verify still names it, exit 1.
    @Test func verifyNamesDamageThatKeepsTheStoreFromOpening() throws {
        let store = Self.newStore()
        let environment = Self.environment(store: store, at: "2026-03-02T10:00:00+08:00")
        _ = try CLI.run(Self.information, environment: environment)
        _ = try CLI.run(["approve", "R-000001", "--as", "chen.mei", "--opinion", "Fine."], environment: environment)
        let journal = store.appendingPathComponent("journal.jsonl")
        var bytes = [UInt8](try Data(contentsOf: journal))
        // One byte of record 2's body: its checksum no longer matches, and good records follow it.
        let second = try #require(bytes.firstIndex(of: 0x0a)) + 1
        let body = try #require(bytes[second...].firstRange(of: Array(#""body":"#.utf8))).upperBound + 2
        bytes[body] ^= 0x01
        try Data(bytes).write(to: journal)
        let show = try CLI.run(["show", "R-000001"], environment: environment)
        #expect(show.exitCode == .invalidData)
        let verify = try CLI.run(["verify"], environment: environment)
        #expect(verify.exitCode == .failed, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("damaged: journal.jsonl:2: seq 2: checksum mismatch"), "\(verify.stdout)")
    }

    @Test func aBadNowIsAUsageError() throws {
        let outcome = try CLI.run(
            ["inbox", "--as", "chen.mei"], environment: Self.environment(store: Self.newStore(), at: "yesterday"))
        #expect(outcome.exitCode == .usage)
    }
}

@Suite(.scratch) struct DemoBinaryTests {
    @Test func theDemoRunsAsAProcess() throws {
        let result = try CLI.spawn(["demo"], in: CLI.repository)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("intact: "))
    }

    /// A command started with standard output (and input) closed writes nothing into the store: the store's files
    /// must not take descriptor 1 and receive the output. The output is an error, as on a full disk.
    @Test func closedStandardOutputNeverReachesTheStore() throws {
        let store = ReportCommandTests.newStore()
        let variables = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00").variables
        _ = try CLI.run(ReportCommandTests.information, environment: CommandEnvironment(variables: variables))
        let journal = store.appendingPathComponent("journal.jsonl")
        let before = try Data(contentsOf: journal)
        let lock = store.appendingPathComponent("lock")
        let generation = try Data(contentsOf: lock)
        #expect(generation.count == 8)
        for redirect in [">&-", "<&- >&-"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "\"$0\" log \(redirect)", try CLI.binary.path]
            process.environment = ["PATH": "/usr/bin:/bin"].merging(variables) { _, new in new }
            let err = Pipe()
            process.standardError = err
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 74, "\(redirect): \(stderr)")
            #expect(stderr.contains("Bad file descriptor"), "\(stderr)")
        }
        #expect(try Data(contentsOf: journal) == before)
        #expect(try Data(contentsOf: lock) == generation)
        #expect(try CLI.run(["verify"], environment: CommandEnvironment(variables: variables)).exitCode == .ok)
    }

    /// Output that cannot be written is an I/O error, not a success: `log --json > backup.jsonl` on a full disk
    /// must not pass for a backup. (`/dev/full` fails every write with ENOSPC.)
    @Test(
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")),
        arguments: [["log", "--json"], ["show", "R-000001"], ["check"], ["--version"], ["help", "submit"]])
    func outputToAFullDiskExits74(_ arguments: [String]) throws {
        let store = ReportCommandTests.newStore()
        let variables = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00").variables
        _ = try CLI.run(ReportCommandTests.information, environment: CommandEnvironment(variables: variables))
        let process = Process()
        process.executableURL = try CLI.binary
        process.arguments = arguments + (arguments == ["check"] ? [variables["FORMWORK_CONFIG"] ?? ""] : [])
        process.environment = ["PATH": "/usr/bin:/bin"].merging(variables) { _, new in new }
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74, "\(arguments): \(stderr)")
        #expect(stderr.contains("the output could not be written: No space left on device"), "\(stderr)")
    }
}

/// Two writer processes filing at once through the CLI: every report lands once, ids are distinct,
/// and the journal's chain stays valid (the session catches up and decides again on a conflict).
@Suite(.scratch) struct ConcurrentWriterTests {
    /// On the clock, a command happens when it is decided, not when its process started: another writer that
    /// committed a second later in between is no reason to refuse it as out of order.
    @Test func aWriterOnTheClockIsNotRefusedForAnotherWritersLaterEvent() throws {
        let store = ReportCommandTests.newStore()
        let config = CLI.repository.appendingPathComponent("examples/acme-industrial").path
        let variables = ["FORMWORK_CONFIG": config, "FORMWORK_STORE": store.path]
        // The process starts at 09:00:00; before it opens the store, another writer files a report at 09:00:01.
        let reads = Mutex(0)
        let clock: @Sendable () -> Timestamp = {
            let read = reads.withLock { count in
                count += 1
                return count
            }
            if read == 1 {
                var other = variables
                other["FORMWORK_NOW"] = "2026-03-02T01:00:01Z"
                let filed = try? CLI.run(
                    ReportCommandTests.information, environment: CommandEnvironment(variables: other))
                #expect(filed?.exitCode == .ok)
                return Timestamp(secondsSinceEpoch: 1_772_413_200)  // 2026-03-02T01:00:00Z
            }
            return Timestamp(secondsSinceEpoch: 1_772_413_202)
        }
        let environment = CommandEnvironment(variables: variables, clock: clock)
        let second = try CLI.run(
            ["submit", "customer_information", "--customer", "other-co", "--as", "zhang.yating"]
                + ReportCommandTests.information.drop { $0 != "--set" },
            environment: environment)
        #expect(second.exitCode == .ok, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("filed R-000002"), "\(second.stdout)")
    }

    @Test func twoProcessesFileFiftyReportsWithoutLosingOrDuplicatingAny() throws {
        let store = ReportCommandTests.newStore()
        let binary = try CLI.binary.path
        let config = CLI.repository.appendingPathComponent("examples/acme-industrial").path
        func loop(_ rep: String, _ prefix: String) -> String {
            """
            for i in $(seq 1 25); do
              "\(binary)" submit customer_information --customer \(prefix)-$i --as \(rep) \
                --set company_name="\(prefix) $i Ltd" --set industry=machinery --set contact_name=Lee \
                --set contact_phone=02-1234567 --set lead_source=website || exit 1
            done
            """
        }
        let variables = [
            "FORMWORK_CONFIG": config, "FORMWORK_STORE": store.path, "FORMWORK_NOW": "2026-03-02T09:00:00+08:00",
        ]
        let writers = try [loop("lin.hao", "a"), loop("zhang.yating", "b")].map { script in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", script]
            process.environment = ["PATH": "/usr/bin:/bin"].merging(variables) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        for writer in writers {
            writer.waitUntilExit()
            #expect(writer.terminationStatus == 0)
        }
        let environment = CommandEnvironment(variables: variables)
        let inbox = try CLI.run(["inbox", "--as", "chen.mei", "--json"], environment: environment)
        let ids = inbox.stdout.components(separatedBy: "\"report\" : \"").dropFirst().map { $0.prefix(8) }
        #expect(ids.count == 50)
        #expect(Set(ids).count == 50)
        let verify = try CLI.run(["verify"], environment: environment)
        #expect(verify.exitCode == .ok)
    }
}

@Suite(.scratch) struct ReadingCommandTests {
    @Test(
        "a write command refused on a store that does not exist yet leaves no store behind",
        arguments: [
            ["submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao", "--set", "company_name=X"],
            [
                "submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao", "--from",
                "/nonexistent.json",
            ],
            ["approve", "R-000001", "--as", "chen.mei", "--opinion", "Fine."],
            ["submit", "visit_plan", "--customer", "acme-tw", "--as", "lin.hao", "--set", "visit_date=2026-03-06"],
        ])
    func aRefusedWriteCreatesNoStore(_ arguments: [String]) throws {
        let store = ReportCommandTests.newStore()
        let environment = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        let refused = try CLI.run(arguments, environment: environment)
        #expect(refused.exitCode != .ok)
        #expect(!refused.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: store.path), "\(arguments)")
        // An empty folder given as the store is left empty, and refused for the same reason.
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        let inEmpty = try CLI.run(arguments, environment: environment)
        #expect(inEmpty.exitCode == refused.exitCode, "\(inEmpty.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.path).isEmpty, "\(arguments)")
        // The first command that writes creates it.
        #expect(try CLI.run(ReportCommandTests.information, environment: environment).exitCode == .ok)
        #expect(FileManager.default.fileExists(atPath: store.appendingPathComponent("journal.jsonl").path))
    }

    /// An answers file is read strictly: a number is kept exactly or refused, and a mistake is named by line and
    /// column, never rounded away or reported as a type mismatch somewhere inside the decoder.
    @Test(
        arguments: [
            (
                "{\"company_name\": \"X Ltd\",\n \"employees\": 24.00000000000000000000000000000000000001}",
                "line 2, column 15: the number 24.0000000000000000000000000000000000000… has more than 38 significant digits"
            ),
            (
                "{\"company_name\": \"X\", \"company_name\": \"Y\"}",
                "line 1, column 23: the key 'company_name' appears twice"
            ),
            ("{\"employees\": 1e400}", "line 1, column 15: the number 1e400 is out of the range"),
            ("{\"employees\": 01}", "line 1, column 15: a number does not start with 0"),
            ("", "line 1, column 1: a value is missing"),
            ("{\"company_name\": \"\\ud800\"}", "line 1, column 19: \\ud800 is half of a surrogate pair"),
        ])
    func answersFilesAreReadStrictly(_ json: String, message: String) throws {
        let store = ReportCommandTests.newStore()
        let file = Scratch.folder("answers").appendingPathExtension("json")
        try json.write(to: file, atomically: true, encoding: .utf8)
        let environment = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        let outcome = try CLI.run(
            ["submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao", "--from", file.path],
            environment: environment)
        #expect(outcome.exitCode == .invalidData)
        #expect(outcome.stderr.contains("is not valid JSON answers: \(message)"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store.path))
    }

    /// A request id that was not valid UTF-8 reaches the program repaired (U+FFFD), so that two different ids
    /// could read as one request: it is refused as a usage error.
    @Test func aRequestIDThatWasNotUTF8IsRefused() throws {
        let store = ReportCommandTests.newStore()
        let environment = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        let outcome = try CLI.run(
            ReportCommandTests.information + ["--request-id", "order-\u{FFFD}1"], environment: environment)
        #expect(outcome.exitCode == .usage)
        #expect(outcome.stderr == "formwork: --request-id must be valid UTF-8 text\n")
        #expect(!FileManager.default.fileExists(atPath: store.path))
        // Empty, or longer than the store keeps: a usage error naming the option, nothing written.
        for (id, bytes) in [("", 0), (String(repeating: "客", count: 86), 258)] {
            let refused = try CLI.run(ReportCommandTests.information + ["--request-id", id], environment: environment)
            #expect(refused.exitCode == .usage)
            #expect(
                refused.stderr
                    == "formwork: --request-id must have 1 to 256 bytes of UTF-8 (it has \(bytes)); leave it out and one "
                    + "is made\n")
            #expect(!FileManager.default.fileExists(atPath: store.path))
        }
        let longest = try CLI.run(
            ReportCommandTests.information + ["--request-id", String(repeating: "r", count: 256)],
            environment: environment)
        #expect(longest.exitCode == .ok, "\(longest.stderr)")
    }

    @Test func aTickWithNothingDueCreatesNoStore() throws {
        let store = ReportCommandTests.newStore()
        let environment = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        let tick = try CLI.run(["tick"], environment: environment)
        #expect(tick.exitCode == .ok, "\(tick.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store.path))
    }

    /// A store folder that is a symbolic link to a folder that does not exist is named as such (exit 66), and
    /// nothing is created on either side of the link.
    @Test func aStoreThatIsADanglingLinkIsNamedAsSuch() throws {
        let folder = Scratch.folder("dangling")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let link = folder.appendingPathComponent("store")
        let target = folder.appendingPathComponent("target")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        let outcome = try CLI.run(
            ReportCommandTests.information,
            environment: ReportCommandTests.environment(store: link, at: "2026-03-02T09:00:00+08:00"))
        #expect(outcome.exitCode == .missingFile)
        #expect(
            outcome.stderr.contains(
                "\(link.path) is a symbolic link to a folder that does not exist: create that folder, or give another "
                    + "store folder"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["store"])
    }

    /// Time only moves forward for `tick` too: a tick earlier than the latest event is refused, not a quiet
    /// "nothing due", and writes nothing.
    @Test func aTickEarlierThanTheLatestEventIsRefused() throws {
        let store = ReportCommandTests.newStore()
        let filed = try CLI.run(
            ReportCommandTests.information,
            environment: ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00"))
        #expect(filed.exitCode == .ok, "\(filed.stderr)")
        let journal = try Data(contentsOf: store.appendingPathComponent("journal.jsonl"))
        let tick = try CLI.run(
            ["tick"], environment: ReportCommandTests.environment(store: store, at: "2026-03-02T08:00:00+08:00"))
        #expect(tick.exitCode == .failed)
        #expect(tick.stderr.contains("times only move forward"), "\(tick.stderr)")
        #expect(tick.stderr.contains("[time-out-of-order]"), "\(tick.stderr)")
        #expect(tick.stdout.isEmpty)
        #expect(try Data(contentsOf: store.appendingPathComponent("journal.jsonl")) == journal)
        let same = try CLI.run(
            ["tick"], environment: ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00"))
        #expect(same.exitCode == .ok, "\(same.stderr)")
    }

    @Test func readingANewStoreCreatesNothing() throws {
        let store = ReportCommandTests.newStore()
        let environment = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        let inbox = try CLI.run(["inbox", "--as", "chen.mei"], environment: environment)
        #expect(inbox.exitCode == .ok)
        #expect(inbox.stdout == "nothing waiting for chen.mei\n")
        #expect(!FileManager.default.fileExists(atPath: store.path))
    }

    @Test func logJSONIsOneValidObjectPerRecord() throws {
        let store = ReportCommandTests.newStore()
        let environment = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        _ = try CLI.run(ReportCommandTests.information, environment: environment)
        let log = try CLI.run(["log", "--json"], environment: environment)
        let lines = log.stdout.split(separator: "\n")
        #expect(lines.count >= 2)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["kind"] is String)
            #expect(object?["event"] is [String: Any])
        }
    }

    @Test func logOfManyRecordsIsPrintedPageByPageWithoutLosingOne() throws {
        let store = ReportCommandTests.newStore()
        defer { try? FileManager.default.removeItem(at: store) }
        let environment = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        do {
            let (journal, _) = try JournalStore.open(at: store.path, create: true)
            let drafts = (1...9_000).map { number in
                RecordDraft(kind: "note", actor: "u\(number)", time: "t", body: Array("{\"n\":\(number)}".utf8))
            }
            _ = try journal.append(drafts, commandID: "many")
        }
        var pages: [String] = []
        let streamed = try LogCommand.parse(["--after", "10"]).execute(in: environment) { pages.append($0) }
        #expect(streamed.exitCode == .ok)
        #expect(pages.count >= 3)
        let lines = pages.joined().split(separator: "\n")
        #expect(lines.count == 8_990)
        #expect(lines.first == "11\tt\tu11\tnote")
        #expect(lines.last == "9000\tt\tu9000\tnote")
        let window = try CLI.run(["log", "--after", "4000", "--limit", "4500", "--json"], environment: environment)
        let objects = window.stdout.split(separator: "\n")
        #expect(objects.count == 4_500)
        #expect(objects.last == #"{"seq":8500,"time":"t","actor":"u8500","kind":"note","event":{"n":8500}}"#)
    }

    @Test("log lists a journal cut before a snapshot's seq, then ends with the store's error naming the lost records")
    func logOfAJournalCutBeforeItsSnapshot() throws {
        let store = ReportCommandTests.newStore()
        defer { try? FileManager.default.removeItem(at: store) }
        let environment = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        do {
            let (journal, _) = try JournalStore.open(at: store.path, create: true)
            var last: StoredRecord?
            for number in 1...3 {
                let draft = RecordDraft(kind: "note", actor: "u\(number)", time: "t", body: Array("{}".utf8))
                last = try journal.append([draft], commandID: "c\(number)").last
            }
            let head = try #require(last)
            try journal.writeSnapshot(Snapshot(seq: head.seq, hash: head.hash, state: [1], segments: []), segments: [])
            journal.close()
        }
        // An older copy of the journal restored: its first record only, whole; and no index to remember the rest.
        let journalPath = store.appendingPathComponent("journal.jsonl")
        let bytes = try Data(contentsOf: journalPath)
        let firstLine = try #require(bytes.firstIndex(of: 0x0a))
        try bytes[...firstLine].write(to: journalPath)
        try FileManager.default.removeItem(at: store.appendingPathComponent("index.bin"))
        let log = try CLI.run(["log"], environment: environment)
        #expect(log.stdout == "1\tt\tu1\tnote\n")
        #expect(log.exitCode == .invalidData)
        #expect(log.stderr.contains("the journal ends at seq 1, but snapshot.dat was taken at seq 3"), "\(log.stderr)")
        // A window that stops before the journal's end lists it without judging what lies beyond.
        #expect(try CLI.run(["log", "--limit", "1"], environment: environment).exitCode == .ok)
    }

    @Test func logAfterAndLimitPrintThatWindowOfTheRecords() throws {
        let store = ReportCommandTests.newStore()
        let environment = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        _ = try CLI.run(ReportCommandTests.information, environment: environment)
        let all = try CLI.run(["log"], environment: environment).stdout.split(separator: "\n")
        #expect(all.count >= 2)
        for (after, limit) in [(0, 1), (1, 1), (0, 100), (1, 0), (UInt64(all.count), 5)] {
            let window = try CLI.run(
                ["log", "--after", String(after), "--limit", String(limit)], environment: environment)
            #expect(window.exitCode == .ok)
            #expect(window.stdout.split(separator: "\n") == Array(all.dropFirst(Int(after)).prefix(limit)))
        }
    }
}

@Suite(.scratch) struct CheckedDefinitionsTests {
    @Test("a command remembers a clean form set by its digest, and a changed one is checked again")
    func verdictsAreCached() throws {
        // The verdicts' cache keeps compiled form sets in a sibling folder (`<cache>.compiled`): both go
        // inside the test's own folder.
        let cache = Scratch.folder("cache")
        // The example includes ../../forms and ../../workflows: copy them with the same layout.
        let copy = Scratch.folder("form-set")
        let config = copy.appendingPathComponent("examples/acme-industrial")
        try FileManager.default.createDirectory(
            at: copy.appendingPathComponent("examples"), withIntermediateDirectories: true)
        for folder in ["forms", "workflows", "examples/acme-industrial"] {
            try FileManager.default.copyItem(
                at: CLI.repository.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        let store = ReportCommandTests.newStore()
        var variables = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00").variables
        variables["FORMWORK_CONFIG"] = config.path
        variables["FORMWORK_CACHE_DIR"] = cache.path
        let first = try CLI.run(ReportCommandTests.information, environment: CommandEnvironment(variables: variables))
        #expect(first.exitCode == .ok, "\(first.stderr)")
        let verdicts = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(verdicts.count == 1)
        #expect(verdicts.allSatisfy { $0.count == 64 })
        // A second command on the same files adds nothing; an edited org is checked again and,
        // broken, refused: the cached verdict never hides a new error.
        _ = try CLI.run(["inbox", "--as", "chen.mei"], environment: CommandEnvironment(variables: variables))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).count == 1)
        let org = config.appendingPathComponent("org.yaml")
        let text = try String(contentsOf: org, encoding: .utf8)
        try text.replacingOccurrences(of: "manager: wang.li", with: "manager: nobody.here")
            .write(to: org, atomically: true, encoding: .utf8)
        let broken = try CLI.run(["inbox", "--as", "chen.mei"], environment: CommandEnvironment(variables: variables))
        #expect(broken.exitCode == .invalidData)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).count == 1)
    }
}
