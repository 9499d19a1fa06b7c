import FormworkCLI
import FormworkLanguage
import Foundation
import Synchronization
import Testing

/// `formwork demo-data` and `formwork report`, run in-process on a small generated store.
@Suite(.scratch) struct ManagementReportCommandTests {
    static func generate(seed: Int = 3) throws -> URL {
        let folder = Scratch.folder("demo-data")
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

    @Test("a report of a store that is not there is refused, not printed as zeros")
    func noStore() throws {
        let folder = try Self.generate()
        let mistyped = folder.appendingPathComponent(".formwork-stor").path
        let outcome = try CLI.run(["report", "activity", "--config", folder.path, "--store", mistyped])
        #expect(outcome.exitCode == .missingFile)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("no store at '\(mistyped)'"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: mistyped))
        let found = try CLI.run(["report", "activity", "--config", folder.path])
        #expect(found.exitCode == .ok)
    }

    @Test func usageErrors() throws {
        #expect(throws: (any Error).self) { try CLI.run(["report", "meeting-pack"]) }
        #expect(throws: (any Error).self) { try CLI.run(["report", "sales"]) }
        #expect(throws: (any Error).self) { try CLI.run(["report", "funnel", "--period", "2026-13"]) }
        #expect(throws: (any Error).self) {
            try CLI.run(["report", "funnel", "--period", "2026-01", "--from", "2026-01-01"])
        }
        #expect(throws: (any Error).self) { try CLI.run(["demo-data", "--reps", "0"]) }
        // Years of four digits only (the org's periods are written 2026-Q1), and every simulated day a date.
        #expect(throws: (any Error).self) { try CLI.run(["demo-data", "--start", "0999-04-01"]) }
        #expect(throws: (any Error).self) { try CLI.run(["demo-data", "--start", "9998-12-25", "--days", "30"]) }
        #expect(throws: (any Error).self) { try CLI.run(["demo-data", "--start", "9999-12-25", "--days", "30"]) }
    }

    @Test func demoDataRefusesAFolderInUse() throws {
        let folder = try Self.generate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let again = try CLI.run([
            "demo-data", "--reps", "2", "--days", "2", "--form-set", CLI.repository.path, "--config", folder.path,
        ])
        // A usage error, as for `formwork init`: nothing was written and another folder is the remedy.
        #expect(again.exitCode == .usage)
        #expect(again.stderr.contains("is not empty"))
    }

    /// `init` then `demo-data` works on every template: every file the form set loads is copied (its change
    /// control too), its own org replaced by the invented one, at the pace of its own `volumes`.
    @Test(arguments: ["b2b", "retail-distribution", "project-sales"])
    func demoDataRunsOnEveryTemplate(_ template: String) throws {
        let folder = Scratch.folder("template")
        let made = try CLI.run(["init", folder.appendingPathComponent("set").path, "--template", template])
        #expect(made.exitCode == .ok, "\(made.stderr)")
        let config = folder.appendingPathComponent("demo")
        let demo = try CLI.run([
            "demo-data", "--reps", "3", "--days", "10", "--seed", "5", "--form-set",
            folder.appendingPathComponent("set").path, "--config", config.path,
        ])
        #expect(demo.exitCode == .ok, "\(demo.stderr)")
        #expect(demo.stdout.hasPrefix("wrote "))
        #expect(!demo.stdout.hasPrefix("wrote 0 reports"))
        let reviews = try CLI.run(["report", "activity", "--config", config.path, "--format", "csv"])
        #expect(reviews.exitCode == .ok, "\(reviews.stderr)")
    }

    /// A demo-data run that fails leaves nothing of what it made.
    @Test func aFailedDemoDataRunLeavesNothingBehind() throws {
        let folder = Scratch.folder("failing")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let blocker = folder.appendingPathComponent("a-file")
        try Data().write(to: blocker)
        let failed = try CLI.run([
            "demo-data", "--reps", "2", "--days", "2", "--form-set", CLI.repository.path, "--config",
            folder.appendingPathComponent("demo").path, "--store", blocker.appendingPathComponent("store").path,
        ])
        #expect(failed.exitCode == .ioError, "\(failed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a-file"])
    }
}

/// `--format html`, and the progress line of a long read.
@Suite(.scratch) struct ManagementReportHTMLTests {
    @Test func htmlGoesToTheFileGiven() throws {
        let folder = try ManagementReportCommandTests.generate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("funnel.html")
        let written = try CLI.run([
            "report", "funnel", "--config", folder.path, "--period", "2026-01", "--format", "html", "--out", out.path,
        ])
        #expect(written.exitCode == .ok, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(written.stderr == "wrote funnel report to \(out.path)\n")
        let page = try String(contentsOf: out, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<title>Funnel · period 2026-01 (2026-01-01..2026-01-31)"))
        #expect(page.contains("<svg class=\"chart\""))
        #expect(page.hasSuffix("</html>\n"))
        // Without --out the page goes to standard output.
        let printed = try CLI.run(["report", "reviews", "--config", folder.path, "--format", "html"])
        #expect(printed.exitCode == .ok)
        #expect(printed.stdout.contains("<h1>Reviews</h1>"))
        #expect(printed.stderr.isEmpty)
        #expect(throws: (any Error).self) {
            try CLI.run(["report", "funnel", "--config", folder.path, "--format", "html", "--table", "stages"])
        }
    }

    /// `--out` replaces a file whole, but writes through what is not one: a link to a file stays a link, a
    /// named pipe's reader gets the report, and nothing that was there is replaced by a file.
    @Test func outWritesThroughLinksAndPipes() throws {
        let folder = try ManagementReportCommandTests.generate()
        let command = ["report", "activity", "--config", folder.path, "--format", "csv"]
        let expected = try CLI.run(command).stdout
        let target = folder.appendingPathComponent("target.csv")
        try "old".write(to: target, atomically: true, encoding: .utf8)
        let link = folder.appendingPathComponent("link.csv")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try CLI.run(command + ["--out", link.path]).exitCode == .ok)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == expected)

        let pipe = folder.appendingPathComponent("pipe.csv")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        let received = Mutex(Data())
        let reader = Thread {
            guard let handle = FileHandle(forReadingAtPath: pipe.path) else { return }
            let data = handle.readDataToEndOfFile()
            received.withLock { $0 = data }
        }
        reader.start()
        #expect(try CLI.run(command + ["--out", pipe.path]).exitCode == .ok)
        for _ in 0..<500 where received.withLock({ $0.isEmpty }) { usleep(10_000) }
        #expect(String(decoding: received.withLock { $0 }, as: UTF8.self) == expected)
        var status = stat()
        #expect(stat(pipe.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)

        // A link to a file not made yet makes it where the link points; a loop of links is an I/O error.
        let dangling = folder.appendingPathComponent("dangling.csv")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "made.csv")
        #expect(try CLI.run(command + ["--out", dangling.path]).exitCode == .ok)
        #expect(try String(contentsOf: folder.appendingPathComponent("made.csv"), encoding: .utf8) == expected)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dangling.path) == "made.csv")
        let loop = folder.appendingPathComponent("loop.csv")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: "loop.csv")
        let looped = try CLI.run(command + ["--out", loop.path])
        #expect(looped.exitCode == .ioError)
        #expect(looped.stderr.hasSuffix(": Too many levels of symbolic links\n"), "\(looped.stderr)")
        // '-' is standard output; an empty name is a usage error.
        #expect(try CLI.run(command + ["--out", "-"]).stdout == expected)
        #expect(try CLI.run(command + ["--out", ""]).exitCode == .usage)
    }

    /// Without `--now` a report is as of the store's latest event, not of the clock: the same store reports the
    /// same on any day, though its open steps fall overdue as the clock runs on (as they do with a later `--now`).
    @Test func withoutNowAReportIsAsOfTheLatestEventWhateverTheClock() throws {
        let folder = try ManagementReportCommandTests.generate()
        defer { try? FileManager.default.removeItem(at: folder) }
        func report(_ kind: String, clock: String, now: String? = nil) throws -> CommandOutcome {
            let time = try #require(Timestamp(clock))
            let environment = CommandEnvironment(clock: { time })
            let arguments = ["report", kind, "--config", folder.path] + (now.map { ["--now", $0] } ?? [])
            return try CLI.run(arguments, environment: environment)
        }
        for kind in ["reviews", "funnel"] {
            let soon = try report(kind, clock: "2031-01-01T00:00:00Z")
            let later = try report(kind, clock: "2032-06-01T00:00:00Z")
            #expect(soon.exitCode == .ok, "\(soon.stderr)")
            #expect(soon.stdout == later.stdout)
            #expect(!soon.stdout.contains("2031") && !soon.stdout.contains("2032"))
            // Given as the clock reads it, the time makes a different report: open steps are overdue by then.
            #expect(try report(kind, clock: "2026-01-01T00:00:00Z", now: "2031-01-01T00:00:00Z").stdout != soon.stdout)
        }
    }

    @Test func progressIsShownOnATerminalOnly() throws {
        let folder = try ManagementReportCommandTests.generate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = Written()
        // At a fixed time: the report says "as of" it, and two runs on the clock could straddle a second.
        // The funnel reads the customers too (the other kinds read the reports only).
        let arguments = ["report", "funnel", "--config", folder.path, "--now", "2030-01-01T00:00:00Z"]
        var environment = CommandEnvironment(liveStderr: { text in written.text.withLock { $0 += text } })
        environment.progressThreshold = 0
        // Not a terminal: nothing, however large the store.
        let piped = try CLI.run(arguments, environment: environment)
        #expect(piped.exitCode == .ok)
        #expect(written.text.withLock { $0 }.isEmpty)
        // A terminal: the line counts up in place and is erased before the output.
        environment.stderrIsTerminal = true
        let shown = try CLI.run(arguments, environment: environment)
        #expect(shown.stdout == piped.stdout)
        #expect(shown.stderr.isEmpty)
        let line = written.text.withLock { $0 }
        #expect(line.hasPrefix("\rreading reports "))
        #expect(line.contains("\rreading customers "))
        #expect(line.hasSuffix("\r\u{1B}[K"))
        #expect(!line.contains("\n"))
        // A small store on a terminal with the usual threshold: nothing.
        written.text.withLock { $0 = "" }
        environment.progressThreshold = 2_000
        _ = try CLI.run(arguments, environment: environment)
        #expect(written.text.withLock { $0 }.isEmpty)
    }

    @Test func progressLineCountsInPlaceAndErasesItself() {
        let written = Written()
        let line = ProgressLine("reading reports", threshold: 2_000) { text in
            written.lines.withLock { $0.append(text) }
        }
        line.update(1_500, 1_500)
        line.finish()
        #expect(written.lines.withLock { $0 }.isEmpty)
        line.update(12_000, 100_000)
        line.update(100_000, 100_000)
        line.finish()
        #expect(
            written.lines.withLock { $0 } == [
                "\rreading reports 12,000/100,000", "\rreading reports 100,000/100,000", "\r\u{1B}[K",
            ])
    }

    @Test func theBinaryWritesNoProgressIntoAPipe() throws {
        let folder = try ManagementReportCommandTests.generate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.spawn(["report", "activity", "--config", folder.path, "--format", "html"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
    }
}

/// What a command wrote to its live standard error.
final class Written: Sendable {
    let text = Mutex("")
    let lines = Mutex([String]())
}
