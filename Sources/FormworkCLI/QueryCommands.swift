public import ArgumentParser
import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkStore
import Foundation

/// `formwork inbox --as PERSON`: the reports waiting for a person.
public struct InboxCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "inbox", abstract: "List the reports waiting for a person: to sign, or returned to revise.")
    @Option(name: .customLong("as"), help: "Whose inbox.") public var person: String
    @OptionGroup public var session: SessionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        CommandRunner.read(session, in: environment) { session, time in
            let id = PersonID(person)
            let items = session.engine.inbox(for: id, at: time)
            if self.session.json { return CommandOutcome(stdout: JSONOutput.encode(Versioned(inbox: items))) }
            return CommandOutcome(stdout: Render.inbox(items, for: id))
        }
    }

    struct Versioned: Encodable {
        var version = 1
        var inbox: [InboxItem]
    }
}

/// `formwork show REPORT`: the report's answers, signatures with opinions, and history.
public struct ShowCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a report: answers, every signature and opinion, and its timeline.")
    @Argument(help: "The report's id.") public var report: String
    @OptionGroup public var session: SessionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        CommandRunner.read(session, in: environment) { session, _ in
            guard let overview = session.engine.overview(of: ReportID(report)) else {
                return CommandOutcome(stderr: "formwork: no report '\(report)'\n", exitCode: .invalidData)
            }
            if self.session.json { return CommandOutcome(stdout: JSONOutput.encode(Versioned(report: overview))) }
            let store = self.session.storePath(in: environment)
            let pinned = session.form(of: overview.record, store: store, in: environment)
            return CommandOutcome(
                stdout: Render.timeline(
                    overview, form: pinned.form, formSet: pinned.formSet ?? session.formSet,
                    locale: session.engine.locale, current: session.formSet.form(overview.record.form)?.version))
        }
    }

    struct Versioned: Encodable {
        var version = 1
        var report: ReportOverview
    }
}

/// `formwork customer C`: stage, history, what can be filed and what blocks the next step.
public struct CustomerCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "customer", abstract: "Show a customer: funnel stage, history, what comes next and what blocks it."
    )
    @Argument(help: "The customer's id.") public var customer: String
    @Option(
        help: ArgumentHelp(
            "How many of the latest history lines (and reports, with --json) to show: a number, or all.",
            discussion: "Default: the latest \(CustomerCommand.defaultHistory) lines; with --json, all.",
            valueName: "N|all"))
    public var history: String?
    @OptionGroup public var session: SessionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    /// The history lines the text shows when `--history` is not given: a key account's whole history would bury
    /// what a supervisor looks for.
    static let defaultHistory = 30

    public func validate() throws {
        if let history, history != "all", Int(history).map({ $0 < 0 }) ?? true {
            throw ValidationError("--history must be a number of lines (0 or more) or all, not '\(history)'")
        }
    }

    /// The number of latest lines and reports to show, nil for all.
    var latest: Int? {
        switch history {
        case "all"?: nil
        case let text?: Int(text)
        case nil: session.json ? nil : Self.defaultHistory
        }
    }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        CommandRunner.read(session, in: environment) { session, _ in
            guard let overview = session.engine.customer(CustomerID(customer), latest: latest) else {
                return CommandOutcome(
                    stderr: "formwork: no reports yet for customer '\(customer)'\n", exitCode: .invalidData)
            }
            if self.session.json { return CommandOutcome(stdout: JSONOutput.encode(Versioned(customer: overview))) }
            return CommandOutcome(stdout: Render.customer(overview))
        }
    }

    struct Versioned: Encodable {
        var version = 1
        var customer: CustomerOverview
    }
}

/// `formwork explain`: why an action by a person is allowed or refused, guard by guard.
public struct ExplainCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why a person may or may not act on a report, or file a form for a customer.",
        discussion: """
            formwork explain R-000001 --as chen.mei --action approve
            formwork explain --form visit_record --customer acme-tw --as lin.hao
            """)
    @Argument(help: "The report's id (omit with --form).") public var report: String?
    @Option(name: .customLong("as"), help: "Who would act.") public var person: String
    @Option(help: "approve, return, reject, resubmit, recall or publish.") public var action: String = "approve"
    @Option(help: "Explain filing this form instead.") public var form: String?
    @Option(help: "The customer, with --form.") public var customer: String?
    @OptionGroup public var session: SessionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    public func validate() throws {
        if report == nil && (form == nil || customer == nil) {
            throw ValidationError("give a report id, or --form and --customer")
        }
        if ReportAction(rawValue: action) == nil {
            throw ValidationError("--action must be approve, return, reject, resubmit, recall or publish")
        }
    }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        CommandRunner.read(session, in: environment) { session, time in
            let explanation: Explanation
            if let report {
                explanation = session.engine.explain(
                    report: ReportID(report), person: PersonID(person),
                    action: ReportAction(rawValue: action) ?? .approve, at: time)
            } else {
                explanation = session.engine.explainSubmission(
                    form: FormID(form ?? ""), customer: CustomerID(customer ?? ""), person: PersonID(person), at: time)
            }
            if self.session.json {
                return CommandOutcome(stdout: JSONOutput.encode(Versioned(explanation: explanation)))
            }
            return CommandOutcome(stdout: Render.explanation(explanation))
        }
    }

    struct Versioned: Encodable {
        var version = 1
        var explanation: Explanation
    }
}
