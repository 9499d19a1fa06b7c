public import ArgumentParser
import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import Foundation

/// `formwork audit [DIR]`: too few forms, too many, unsuitable content, from the definitions and
/// from how the forms are used in the store.
public struct AuditCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a form set: too few forms, too many, unsuitable content, and how they are used.",
        discussion: """
            Judges DIR's definitions (stages nobody records, questions asked twice, the weekly burden \
            against the manifest's 'audit: budget:') and, with a store, how the forms are used \
            (reports nobody reviews, placeholder answers, returns). Each finding says where, why, what \
            to do, and the figures behind it. The store is --store, else $FORMWORK_STORE, else \
            DIR/.formwork-store when it exists. See docs/audit.md.

            Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 64 usage; \
            65 the form set has errors (run 'formwork check') or the store cannot be read; 66 no \
            manifest, or no store at --store.
            """)

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json, markdown
    }

    public enum FailOn: String, ExpressibleByArgument, CaseIterable, Sendable {
        case warning, error
    }

    @Argument(help: "The form set folder, or its manifest file.")
    public var directory: String = "."

    @Option(help: "The store to read usage from (default: $FORMWORK_STORE, else DIR/.formwork-store if present).")
    public var store: String?

    @Option(help: "Only reports submitted in this period: 2026, 2026-Q1, 2026-03 or 2026-01-05..2026-03-27.")
    public var period: String?

    @Option(help: "Output format: text (compiler-style), json (stable, versioned) or markdown.")
    public var format: Format = .text

    @Option(help: "Exit 1 when a finding is at least this severe: warning or error.")
    public var failOn: FailOn = .error

    @Option(
        help: ArgumentHelp(
            "Audit simulated usage instead of a store: this many weeks from the period's start, seed 1.",
            visibility: .hidden))
    public var simulateWeeks: Int?

    @Flag(help: "Never colour the output (NO_COLOR=1 does the same).")
    public var noColor = false

    public init() {}

    public func validate() throws {
        if let period, AuditPeriod(parsing: period) == nil {
            throw ValidationError(
                "--period must be like 2026, 2026-Q1, 2026-03 or 2026-01-05..2026-03-27, not '\(period)'")
        }
        if simulateWeeks != nil && period == nil {
            throw ValidationError("--simulate-weeks needs --period (the simulation starts on its first day)")
        }
        if let weeks = simulateWeeks, !(1...104).contains(weeks) {
            throw ValidationError("--simulate-weeks must be from 1 to 104")
        }
    }

    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        let config = environment.displayPath(directory)
        let formSet: FormSet
        let loaded: FormSetLoader.Result
        switch Session.loadFormSet(config, in: environment) {
        case .success(let result): (formSet, loaded) = result
        case .failure(let failure): return failure.outcome
        }
        let period = self.period.flatMap { AuditPeriod(parsing: $0) }
        var usage: UsageSource?
        var stderr = ""
        if let weeks = simulateWeeks, let period {
            let result = UsageGenerator(
                formSet: formSet, scenario: UsageScenario(seed: 1, start: period.start, weeks: weeks)
            ).run()
            usage = UsageSource(reports: result.engine.state.reports.values, period: period, asOf: result.end)
        } else {
            switch readUsage(config: config, formSet: formSet, in: environment) {
            case .success(let read?):
                usage = UsageSource(reports: read.reports, period: period, asOf: read.clock)
                stderr = read.warnings.joinedLines
            case .success(nil): break
            case .failure(let failure): return failure.outcome
            }
        }
        let report = Audit().run(formSet, usage: usage)
        let threshold: Severity = failOn == .warning ? .warning : .error
        let exit: FormworkExit = report.findings.contains { $0.severity >= threshold } ? .failed : .ok
        let color = environment.allowsColor(onTerminal: environment.stdoutIsTerminal, noColorFlag: noColor)
        let renderer = AuditRenderer(sources: loaded.sources, useColor: color && format == .text)
        switch format {
        case .text:
            return CommandOutcome(
                stdout: renderer.text(report), stderr: stderr, exitCode: exit, styled: renderer.useColor)
        case .markdown: return CommandOutcome(stdout: renderer.markdown(report), stderr: stderr, exitCode: exit)
        case .json:
            do {
                return CommandOutcome(stdout: try renderer.json(report), stderr: stderr, exitCode: exit)
            } catch {
                return CommandOutcome(stderr: "formwork: cannot encode the audit: \(error)\n", exitCode: .ioError)
            }
        }
    }

    /// The store's reports, or nil when no store is given and none is at the default place.
    private func readUsage(
        config: String, formSet: FormSet, in environment: CommandEnvironment
    ) -> Result<(reports: [ReportRecord], clock: Timestamp?, warnings: [String])?, SessionFailure> {
        var options = SessionOptions()
        options.config = config
        let explicit = store ?? environment.variables["FORMWORK_STORE"]
        options.store = explicit.map { environment.displayPath($0) }
        let path = options.storePath(in: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            guard let explicit else { return .success(nil) }
            return .failure(SessionFailure(.missingFile, "formwork: no store at '\(explicit)'"))
        }
        switch Session.open(options, in: environment, createStore: false, formSet: formSet) {
        case .success(var session):
            var (reports, clock) = Self.allReports(of: session)
            // Reports read through a damaged snapshot value may be missing: read again, from the journal.
            do {
                if try session.rebuiltAfterFaultyRead() { (reports, clock) = Self.allReports(of: session) }
            } catch {
                return .failure(SessionFailure(error))
            }
            return .success((reports, clock, session.warnings))
        case .failure(let failure):
            return .failure(failure)
        }
    }

    /// Every report of the session's store and the time of its latest event: the one place the
    /// audit reads a session, so that a change in how sessions expose reports stays here.
    static func allReports(of session: Session) -> (reports: [ReportRecord], clock: Timestamp?) {
        (session.engine.state.reports.values(progress: nil, keeping: UsageSource.keep), session.engine.state.clock)
    }
}
