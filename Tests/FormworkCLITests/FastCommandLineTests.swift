import ArgumentParser
import FormworkAudit
import FormworkCLI
import Testing

/// The fast path for `submit`, `approve`, `return`, `reject` and `inbox` (docs/design/cli-fast-path.md): on every line it
/// accepts, the command equals what ArgumentParser parses; every other line is left to ArgumentParser.
struct FastCommandLineTests {
    /// Every parsed value of a command, in a comparable form; nil for another command.
    static func fields(_ command: any ParsableCommand) -> [String]? {
        func session(_ options: SessionOptions) -> [String] {
            [
                String(describing: options.config), String(describing: options.store), String(describing: options.now),
                String(options.json),
            ]
        }
        func prompt(_ options: PromptOptions) -> [String] {
            [String(describing: options.lang), String(options.noInput), String(options.noColor)]
        }
        if let submit = command as? SubmitCommand {
            return [
                "submit", submit.form, submit.customer, submit.person, submit.answers.set.joined(separator: "\u{0}"),
            ]
                + [String(describing: submit.answers.from), String(describing: submit.requestID)]
                + prompt(submit.prompt) + session(submit.session)
        }
        func decision(_ name: String, _ options: DecisionOptions) -> [String] {
            [
                name, options.report, options.person, String(describing: options.opinion),
                String(describing: options.actingFor), String(describing: options.requestID),
            ] + prompt(options.prompt) + session(options.session)
        }
        if let approve = command as? ApproveCommand { return decision("approve", approve.options) }
        if let command = command as? ReturnCommand { return decision("return", command.options) }
        if let reject = command as? RejectCommand { return decision("reject", reject.options) }
        if let inbox = command as? InboxCommand { return ["inbox", inbox.person] + session(inbox.session) }
        return nil
    }

    /// Checks one line: if the fast path takes it, ArgumentParser parses it to the same values.
    /// Returns whether the fast path took it.
    @discardableResult
    static func check(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        guard let fast = FastCommandLine.command(arguments) else { return false }
        let slow = try FormworkCommand.parseAsRoot(arguments)
        let fastFields = try #require(fields(fast), sourceLocation: sourceLocation)
        #expect(fastFields == fields(slow), "\(arguments)", sourceLocation: sourceLocation)
        return true
    }

    static let benchmarkSubmit = [
        "submit", "visit_report", "--customer", "c17", "--as", "u17", "--now", "2026-03-01T09:00:00Z", "--set",
        "report_id=R-900001", "--set", "rep_id=u17", "--set", "customer=Customer_17", "--set", "visit_date=2026-02-27",
        "--set", "stage=proposal", "--set", "amount=1200", "--set", "currency=CNY", "--set", "products=P-100", "--set",
        "visit_type=onsite",
    ]

    @Test func theBenchmarkLinesTakeTheFastPathWithArgumentParsersValues() throws {
        #expect(try Self.check(Self.benchmarkSubmit))
        #expect(try Self.check(Self.benchmarkSubmit + ["--json"]))
        #expect(
            try Self.check([
                "approve", "R-001001", "--as", "u1017", "--opinion", "ok", "--now", "2026-03-01T09:00:00Z",
            ]))
        #expect(
            try Self.check([
                "approve", "--json", "--as", "u1017", "R-000001", "--opinion", "looks right, 签", "--acting-for", "u9",
                "--request-id", "r1", "--lang", "zh", "--no-input", "--no-color", "--config", "/c", "--store", "/s",
            ]))
        #expect(
            try Self.check([
                "submit", "--from", "answers.json", "--customer", "c1", "f", "--as", "u1", "--request-id", "x",
                "--lang", "en", "--no-input", "--no-color", "--config", "cfg", "--store", "st", "--json",
            ]))
        #expect(try Self.check(["inbox", "--as", "u1003", "--now", "2026-03-01T09:00:00Z"]))
        #expect(try Self.check(["inbox", "--json", "--store", "/s", "--as", "u1", "--config", "/c"]))
        #expect(try Self.check(["return", "R-000007", "--as", "u1017", "--opinion", "Add the visit date, please."]))
        #expect(
            try Self.check([
                "reject", "--no-input", "R-000007", "--as", "u1017", "--opinion", "no", "--acting-for", "u9", "--json",
            ]))
    }

    /// The fast path and ArgumentParser make the same command: not an `approve` for a `return`.
    @Test func eachDecisionIsItsOwnCommand() throws {
        for name in ["approve", "return", "reject"] {
            let line = [name, "R-1", "--as", "u", "--opinion", "ok"]
            let fast = try #require(FastCommandLine.command(line))
            #expect(Self.fields(fast)?.first == name)
            #expect(Self.fields(try FormworkCommand.parseAsRoot(line))?.first == name)
        }
    }

    /// Lines whose parse or error belongs to ArgumentParser: help, version, unusual spellings,
    /// repeats, missing or unknown options, values that look like options.
    @Test(arguments: [
        ["submit", "--help"], ["submit", "-h"], ["approve", "--help"], ["submit", "--version"], ["submit"],
        ["approve"], ["help", "submit"], ["submit", "help"], ["--help"], ["--version"], [],
        ["submit", "f", "--customer", "c", "--as", "u", "--help"],
        ["submit", "f", "--customer", "c", "--as", "u", "-h"],
        ["submit", "f", "--customer=c", "--as", "u"],
        ["submit", "f", "--customer", "c", "--as", "u", "--"],
        ["submit", "f", "--customer", "c", "--as", "u", "--customer", "d"],
        ["submit", "f", "--customer", "c", "--as", "u", "--json", "--json"],
        ["submit", "f", "--customer", "c"],
        ["submit", "f", "--as", "u"],
        ["submit", "--customer", "c", "--as", "u"],
        ["submit", "f", "g", "--customer", "c", "--as", "u"],
        ["submit", "f", "--customer", "c", "--as", "u", "--set"],
        ["submit", "f", "--customer", "c", "--as", "-u"],
        ["submit", "f", "--customer", "c", "--as", "u", "--from", "-"],
        ["submit", "f", "--customer", "", "--as", "u"],
        ["submit", "f", "--customer", "c", "--as", "u", "--opinion", "x"],
        ["submit", "f", "--customer", "c", "--as", "u", "--generate-completion-script", "bash"],
        ["submit", "f", "--customer", "c", "--as", "u", "---completion", "x"],
        ["approve", "R-1", "--as", "u", "--set", "a=b"],
        ["approve", "R-1", "--opinion", "ok"],
        ["approve", "R-1", "--as", "u", "--opinion", "-1"],
        ["approve", "R-1", "--as", "u", "--experimental-dump-help"],
        ["Submit", "f", "--customer", "c", "--as", "u"], ["Inbox", "--as", "u"], ["recall", "R-1", "--as", "u"],
        ["inbox"], ["inbox", "--help"], ["inbox", "u", "--as", "u"], ["inbox", "--as", "u", "--opinion", "x"],
        ["inbox", "--as", "u", "--lang", "en"], ["inbox", "--as", "u", "--no-input"], ["inbox", "--as", "-u"],
        ["return", "--help"], ["reject", "R-1"], ["return", "R-1", "R-2", "--as", "u"],
        ["reject", "R-1", "--as", "u", "--set", "a=b"],
        ["submit", "f", "--customer", "c", "--as", "u", "--store", ""],
        ["approve", "R-1", "--as", "u", "--opinion", "ok", "--now", ""],
        ["approve", "R-1", "--as", "u", "--opinion", "ok", "--config="],
    ])
    func linesItLeavesToArgumentParser(_ arguments: [String]) {
        #expect(FastCommandLine.command(arguments) == nil, "\(arguments)")
    }

    /// An empty `--config`, `--store` or `--now` is a usage error naming the option, not the current folder, a
    /// path of nothing or the clock.
    @Test(arguments: ["--config", "--store", "--now"])
    func anEmptySessionOptionIsAUsageError(_ option: String) {
        for command in [["inbox", "--as", "u"], ["submit", "f", "--customer", "c", "--as", "u"]] {
            do {
                _ = try FormworkCommand.parseAsRoot(command + [option, ""])
                Issue.record("\(command) \(option) '' was accepted")
            } catch {
                #expect(FormworkCommand.exitCode(for: error).rawValue == 64)
                #expect(
                    FormworkCommand.message(for: error) == "\(option) is empty; give a value or leave the option out")
            }
        }
    }

    /// Random lines over the fast commands' vocabulary, plus tokens that must send a line back to
    /// ArgumentParser: whatever the fast path accepts parses the same way there.
    @Test func randomLinesParseAsArgumentParserParsesThem() throws {
        var random = SeededRandom(seed: 20_261_130)
        let names = [
            "--customer", "--as", "--set", "--from", "--request-id", "--lang", "--config", "--store", "--now",
            "--opinion", "--acting-for", "--json", "--no-input", "--no-color", "--help", "-h", "--version", "--",
            "--customer=c", "--unknown",
        ]
        let values = ["c1", "u2", "a=b", "x y", "R-000001", "-", "-5", "", "help", "submit", "签", "=", "--json"]
        var accepted = 0
        for _ in 0..<3_000 {
            var line = [["submit", "approve", "return", "reject", "inbox"][Int(random.next() % 5)]]
            for _ in 0..<Int(random.next() % 9) {
                switch random.next() % 3 {
                case 0: line.append(values[Int(random.next() % UInt64(values.count))])
                default:
                    line.append(names[Int(random.next() % UInt64(names.count))])
                    line.append(values[Int(random.next() % UInt64(values.count))])
                }
            }
            // Often a complete line, so that many are accepted.
            if random.next() % 2 == 0 {
                line += line[0] == "submit" ? ["--as", "u1", "--customer", "c1"] : ["--as", "u1"]
            }
            if try Self.check(line) { accepted += 1 }
        }
        #expect(accepted > 20)
    }
}
