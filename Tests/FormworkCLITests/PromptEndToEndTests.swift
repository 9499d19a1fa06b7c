import Foundation
import Testing

/// The built `formwork` binary in a real pseudo-terminal (Python's `pty` module drives it as a
/// person would: it waits for each prompt, then types), so that the terminal's own line handling,
/// Ctrl-C and Ctrl-D are the real ones.
@Suite(.scratch, .serialized, .enabled(if: PseudoTerminal.python != nil, "needs python3 for its pty module"))
struct PromptEndToEndTests {
    static let acme = CLI.repository.appendingPathComponent("examples/acme-industrial").path

    static func newStore() -> URL {
        Scratch.folder("store")
    }

    static func variables(store: URL, at time: String) -> [String: String] {
        ["FORMWORK_CONFIG": acme, "FORMWORK_STORE": store.path, "FORMWORK_NOW": time, "TERM": "xterm", "NO_COLOR": "1"]
    }

    /// Files R-000001, customer information for acme-tw, from the command line.
    static func fileInformation(variables: [String: String]) throws {
        let filed = try CLI.spawn(
            [
                "submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao", "--set",
                "company_name=Acme TW", "--set", "industry=machinery", "--set", "contact_name=黃志明", "--set",
                "contact_phone=03-1234567", "--set", "lead_source=website",
            ], in: CLI.repository, variables: variables)
        #expect(filed.status == 0, "\(filed.stderr)")
    }

    /// Every file of a folder and its bytes.
    static func contents(of folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            out[url.path] = try Data(contentsOf: url)
        }
        return out
    }

    @Test func aChineseFormIsFilledWithAnErrorAskedAgainAndAHiddenFieldSkipped() throws {
        let store = Self.newStore()
        let run = try PseudoTerminal.run(
            ["submit", "customer_information", "--customer", "hsinchu-precision", "--as", "lin.hao"],
            variables: Self.variables(store: store, at: "2026-03-02T09:00:00+08:00").merging([
                "FORMWORK_LANG": "zh-Hant"
            ]) {
                _, new in new
            },
            steps: [
                ("公司登記名稱 *", "新竹精密機械股份有限公司"), ("境外公司", ""), ("統一編號", "1234"),
                ("does not\n統一編號\n> ", "24536806"), ("產業別 *", "3"), ("公司規模", ""), ("公司網站", ""),
                ("公司地址", "新竹市東區工業一路 12 號"), ("聯絡人姓名 *", "黃志明"), ("職稱", ""), ("採購決策角色", "1"),
                ("電話", "03-578-1234"), ("電子郵件", ""), ("其他已認識的人員", ""), ("客戶來源 *", "展覽"),
                ("首次接觸日期", ""), ("有興趣的產品", "1 4"), ("備註", ""), ("c cancels > ", "s"),
            ])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.transcript.contains("客戶資訊收集表\n"))
        #expect(run.transcript.contains("> 1234\n  error: 統一編號 must match the pattern ^[0-9]{8}$; '1234' does not\n"))
        // Not a referral: "referred by" is hidden, and so is the overseas billing section.
        #expect(!run.transcript.contains("轉介人"))
        #expect(!run.transcript.contains("境外客戶帳務"))
        #expect(run.transcript.contains("    3  統一編號          24536806\n"))
        #expect(
            run.transcript.contains("filed R-000001 customer_information for hsinchu-precision by lin.hao: pending"))
        let shown = try CLI.spawn(
            ["show", "R-000001"], in: CLI.repository,
            variables: Self.variables(store: store, at: "2026-03-02T09:05:00+08:00"))
        #expect(shown.stdout.contains("24536806"))
        #expect(shown.stdout.contains("trade_show"))
    }

    @Test func anAnswerIsChangedOnTheReviewScreen() throws {
        let store = Self.newStore()
        let run = try PseudoTerminal.run(
            ["submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao"],
            variables: Self.variables(store: store, at: "2026-03-02T09:00:00+08:00"),
            steps: [
                ("Registered company name *", "Acme TW"), ("outside Taiwan", ""), ("Unified business number", ""),
                ("Industry *", "mach"), ("Company size", ""), ("Website", ""), ("Address", ""),
                ("Contact name *", "Wang Da-wei"), ("Job title", ""), ("Role in the purchase", ""), ("Phone", ""),
                ("Email", ""), ("Other people", ""), ("Lead source *", "web"), ("First contact", ""),
                ("Products of interest", ""), ("Notes", ""),
                ("Give at least a phone number or an email address for the contact.\n", "11"),
                ("Phone\n", "03-578-1234"), ("s submits", "s"),
            ])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(
            run.transcript.contains(
                "  error: Phone (11), Email (12): Give at least a phone number or an email address for the contact.\n"
                    + "A number changes that answer, c cancels > 11\n"))
        #expect(run.transcript.contains("   11  Phone                              03-578-1234\n"))
        #expect(run.transcript.contains("filed R-000001 customer_information for acme-tw by lin.hao: pending"))
    }

    @Test func ctrlCHalfWayLeavesTheStoreByteForByteUnchanged() throws {
        let store = Self.newStore()
        let variables = Self.variables(store: store, at: "2026-03-02T09:00:00+08:00")
        try Self.fileInformation(variables: variables)
        let before = try Self.contents(of: store)
        #expect(!before.isEmpty)
        let run = try PseudoTerminal.run(
            ["submit", "customer_information", "--customer", "hsinchu-precision", "--as", "zhang.yating"],
            variables: Self.variables(store: store, at: "2026-03-02T09:30:00+08:00"),
            steps: [
                ("Registered company name *", "Hsinchu Precision"), ("outside Taiwan", ""),
                ("Unified business number", "24536806"), ("Industry *", "\u{3}"),
            ])
        #expect(run.status == 130, "\(run.transcript)")
        #expect(run.transcript.hasSuffix("formwork: interrupted: nothing was saved\n"), "\(run.transcript)")
        #expect(try Self.contents(of: store) == before)
        // Ctrl-D (end of input) ends the same way, and an untouched folder stays absent.
        let fresh = Self.newStore()
        let ended = try PseudoTerminal.run(
            ["submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao"],
            variables: Self.variables(store: fresh, at: "2026-03-02T09:00:00+08:00"),
            steps: [("Registered company name *", "Acme"), ("outside Taiwan", "\u{4}")])
        #expect(ended.status == 130, "\(ended.transcript)")
        #expect(ended.transcript.contains("formwork: interrupted: nothing was saved"))
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
    }

    @Test func anAnswersDirectionOverrideReachesTheTerminalAsText() throws {
        let store = Self.newStore()
        try TerminalOutputTests.fileReversingName(
            variables: Self.variables(store: store, at: "2026-03-02T09:00:00+08:00"))
        let run = try PseudoTerminal.run(
            ["approve", "R-000001", "--as", "chen.mei"],
            variables: Self.variables(store: store, at: "2026-03-02T10:00:00+08:00"),
            steps: [("(several lines; an empty line ends)\n> ", "\u{4}")])
        #expect(run.transcript.contains(#"Acme \u202EWT"#), "\(run.transcript)")
        #expect(!run.transcript.unicodeScalars.contains("\u{202E}"), "\(run.transcript.debugDescription)")
    }

    @Test func aSupervisorIsShownTheReportAndAskedForTheOpinion() throws {
        let store = Self.newStore()
        try Self.fileInformation(variables: Self.variables(store: store, at: "2026-03-02T09:00:00+08:00"))
        let run = try PseudoTerminal.run(
            ["approve", "R-000001", "--as", "chen.mei", "--lang", "zh-Hant"],
            variables: Self.variables(store: store, at: "2026-03-02T10:00:00+08:00"),
            steps: [("(several lines; an empty line ends)\n> ", "好的開始，本週內完成評估。"), ("> ", "")])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.transcript.contains("R-000001: 客戶資訊收集表\n"))
        #expect(run.transcript.contains("  公司登記名稱  Acme TW\n"))
        #expect(run.transcript.contains("lin.hao filed customer_information R-000001"))
        #expect(run.transcript.contains("approved by chen.mei: R-000001"))
        let shown = try CLI.spawn(
            ["show", "R-000001"], in: CLI.repository,
            variables: Self.variables(store: store, at: "2026-03-02T10:05:00+08:00"))
        #expect(shown.stdout.contains("opinion: 好的開始，本週內完成評估。"))
    }

    @Test func aReturnedReportIsRevisedOnTheTerminal() throws {
        let store = Self.newStore()
        try Self.fileInformation(variables: Self.variables(store: store, at: "2026-03-02T09:00:00+08:00"))
        let returned = try CLI.spawn(
            ["return", "R-000001", "--as", "chen.mei", "--opinion", "Add the contact's job title."], in: CLI.repository,
            variables: Self.variables(store: store, at: "2026-03-02T10:00:00+08:00"))
        #expect(returned.status == 0, "\(returned.stderr)")
        let run = try PseudoTerminal.run(
            ["resubmit", "R-000001", "--as", "lin.hao"],
            variables: Self.variables(store: store, at: "2026-03-02T11:00:00+08:00"),
            steps: [("c cancels > ", "9"), ("Job title", "Plant manager"), ("c cancels > ", "s")])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.transcript.contains("returned by 陳美 (chen.mei): Add the contact's job title."))
        #expect(run.transcript.contains("resubmitted: R-000001 customer_information for acme-tw by lin.hao: pending"))
        let shown = try CLI.spawn(
            ["show", "R-000001"], in: CLI.repository,
            variables: Self.variables(store: store, at: "2026-03-02T11:05:00+08:00"))
        #expect(shown.stdout.contains("Plant manager"))
        #expect(shown.stdout.contains("Acme TW"))
        #expect(shown.stdout.contains("answers (revision 2"))
    }

    @Test func noInputNeverPromptsAndListsEveryMissingAnswer() throws {
        let store = Self.newStore()
        let run = try PseudoTerminal.run(
            ["submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao", "--no-input"],
            variables: Self.variables(store: store, at: "2026-03-02T09:00:00+08:00"), steps: [])
        #expect(run.status == 65, "\(run.transcript)")
        #expect(!run.transcript.contains("> "))
        for field in ["company_name", "industry", "contact_name", "lead_source"] {
            #expect(run.transcript.contains("(\(field)): "), "\(field)")
        }
    }
}

/// Runs the built binary in a pseudo-terminal through a small Python driver.
enum PseudoTerminal {
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    struct Run {
        /// Everything the terminal showed (prompts, echoed typing, output), lines ending in `\n`.
        var transcript: String
        var status: Int32
    }

    /// Waits for each step's text to appear after the previous one, and for the prompt that follows
    /// it, then types the step's line
    /// (a line break is added unless the line is a control character: `\u{3}` is Ctrl-C, `\u{4}` Ctrl-D).
    static let driver = #"""
        import json, os, pty, select, signal, sys, time
        steps = json.loads(sys.argv[1])
        argv = sys.argv[2:]
        pid, fd = pty.fork()
        if pid == 0:
            # As a shell starts a command: default signal handling, nothing blocked.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, [])
            os.execv(argv[0], argv)
        out = b""
        def more(deadline):
            global out
            remaining = deadline - time.time()
            if remaining <= 0:
                return False
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                return False
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                return False
            out += chunk
            return True
        position = 0
        for expected, typed in steps:
            wanted = expected.replace("\n", "\r\n").encode()
            deadline = time.time() + 30
            while out.find(wanted, position) < 0:
                if not more(deadline):
                    sys.stdout.buffer.write(out + b"\r\n[driver: never saw " + expected.encode() + b"]\r\n")
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                    sys.exit(99)
            position = out.find(wanted, position) + len(wanted)
            # The program asks, then waits: type only once a prompt ("> ", "[y/N] ") ends the output.
            while not (len(out) >= position and (out.endswith(b"> ") or out.endswith(b"] "))):
                if not more(deadline):
                    sys.stdout.buffer.write(out + b"\r\n[driver: no prompt after " + expected.encode() + b"]\r\n")
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                    sys.exit(99)
            os.write(fd, typed.encode() if typed in ("\x03", "\x04") else (typed + "\n").encode())
            position = len(out)
        deadline = time.time() + 30
        while more(deadline):
            pass
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.time() > deadline:
                sys.stdout.buffer.write(out + b"\r\n[driver: the program did not end]\r\n")
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                sys.exit(98)
            time.sleep(0.05)
        sys.stdout.buffer.write(out)
        sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
        """#

    static func run(_ arguments: [String], variables: [String: String], steps: [(String, String)]) throws -> Run {
        let script = Scratch.folder("driver").appendingPathExtension("py")
        try driver.write(to: script, atomically: true, encoding: .utf8)
        let encoded = try JSONSerialization.data(withJSONObject: steps.map { [$0.0, $0.1] })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(python))
        process.arguments = [script.path, String(decoding: encoded, as: UTF8.self), try CLI.binary.path] + arguments
        process.currentDirectoryURL = CLI.repository
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"].merging(variables) { _, new in new }
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let transcript = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return Run(transcript: transcript, status: process.terminationStatus)
    }
}
