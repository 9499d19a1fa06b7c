public import ArgumentParser
import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation

/// `formwork submit FORM --customer C --as PERSON (--set FIELD=VALUE … | --from FILE|-)`; without
/// answers on a terminal, the form is asked question by question (see Prompting/).
public struct SubmitCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "File a report: answers are checked, then routed for sign-off.",
        discussion: """
            Without --set or --from, on a terminal, the form's questions are asked one at a time.
            Exit codes: 0 filed; 1 refused by a rule, or cancelled; 65 invalid answers; 77 not allowed; \
            130 interrupted (nothing saved).
            """)

    @Argument(help: "The form's id.") public var form: String
    @Option(help: "The customer the report is about.") public var customer: String
    @Option(name: .customLong("as"), help: "Who files it (a person id of the org).") public var person: String
    @OptionGroup public var answers: AnswerOptions
    @Option(help: "An idempotency id: the same request sent twice files one report.") public var requestID: String?
    @OptionGroup public var prompt: PromptOptions
    @OptionGroup public var session: SessionOptions

    public init() {}

    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        if answers.isEmpty, let terminal = prompt.terminal(in: environment) {
            return InteractiveSubmit(command: self).run(in: environment, terminal: terminal)
        }
        return file(nil, in: environment)
    }

    /// Files the report with `given` answers (from a conversation), else those of `--set` / `--from`.
    func file(_ given: GivenAnswers?, in environment: CommandEnvironment) -> CommandOutcome {
        let by = PersonID(person)
        return CommandRunner.write(
            session, in: environment, actor: by, requestID: requestID,
            make: { time in
                (given.map { .success($0) } ?? answers.answers(readingStdin: Console.readStandardInput)).map {
                    answers in
                    { engine in
                        let id = ReportID.numbered(engine.state.reportCount + 1)
                        return .submit(
                            .init(
                                report: id, form: FormID(form), customer: CustomerID(customer), answers: answers,
                                by: by, at: time))
                    }
                }
            },
            describe: { session, events in
                // From the events, not the id computed above: a repeated request returns the first one's. The
                // submission's own event, not the first report mentioned: reminders and escalations that fell due
                // come first in the batch and name older reports.
                let filed = events.lazy.compactMap { event -> ReportID? in
                    if case .reportSubmitted(let body) = event { body.report } else { nil }
                }.first
                guard let id = filed, let record = session.engine.report(id) else { return "" }
                var text = "filed " + Render.summary(record)
                for warning in record.revision.warnings {
                    text += "  warning: \(Render.name(of: warning)): \(warning.message)\n"
                }
                for drop in record.revision.dropped { text += "  dropped hidden answer '\(drop.field)'\n" }
                return text
            })
    }
}

/// The options of `approve`, `return` and `reject`.
public struct DecisionOptions: ParsableArguments, Sendable {
    @Argument(help: "The report's id.") public var report: String
    @Option(name: .customLong("as"), help: "Who decides (a person id of the org).") public var person: String
    @Option(help: "The opinion that goes with the signature.") public var opinion: String?
    @Option(help: "Sign for this absent approver (found from the org's delegations when omitted).")
    public var actingFor: String?
    @Option(help: "An idempotency id: the same request sent twice decides once.") public var requestID: String?
    @OptionGroup public var prompt: PromptOptions
    @OptionGroup public var session: SessionOptions

    public init() {}

    func execute(_ decision: Decision, in environment: CommandEnvironment) -> CommandOutcome {
        let by = PersonID(person)
        let id = ReportID(report)
        let opinion: String?
        switch OpinionPrompt(options: self, decision: decision).opinion(in: environment) {
        case .given(let text): opinion = text
        case .stopped(let outcome): return outcome
        }
        return CommandRunner.write(
            session, in: environment, actor: by, requestID: requestID,
            make: { time in
                .success { _ in
                    .decide(
                        .init(
                            report: id, decision: decision, opinion: opinion, by: by,
                            actingFor: actingFor.map { PersonID($0) }, at: time))
                }
            },
            describe: { session, _ in
                guard let record = session.engine.report(id) else { return "" }
                return "\(decision.pastTense) by \(by): " + Render.summary(record)
            })
    }
}

/// `formwork approve REPORT --as PERSON --opinion TEXT`.
public struct ApproveCommand: DecisionCommand {
    public static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Sign a report at its open step, with an opinion.",
        discussion: "Exit codes: 0 signed; 1 refused by a rule; 77 not an approver of this report.")
    @OptionGroup public var options: DecisionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }
    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        options.execute(.approve, in: environment)
    }
}

/// `approve`, `return` and `reject`: one decision on a report, with the same options.
public protocol DecisionCommand: ParsableCommand, EnvironmentCommand {
    var options: DecisionOptions { get set }
    init()
}

extension DecisionCommand {
    /// The command with `options` (what `FastCommandLine` makes from a plain line).
    init(options: DecisionOptions) {
        self.init()
        self.options = options
    }
}

/// `formwork return REPORT --as PERSON --opinion TEXT`.
public struct ReturnCommand: DecisionCommand {
    public static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Send a report back to its submitter for revision, saying why.",
        discussion: "Exit codes: 0 returned; 1 refused by a rule; 77 not an approver of this report.")
    @OptionGroup public var options: DecisionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }
    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        options.execute(.return, in: environment)
    }
}

/// `formwork reject REPORT --as PERSON --opinion TEXT`.
public struct RejectCommand: DecisionCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Reject a report for good, saying why.",
        discussion: "Exit codes: 0 rejected; 1 refused by a rule; 77 not an approver of this report.")
    @OptionGroup public var options: DecisionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }
    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        options.execute(.reject, in: environment)
    }
}

/// `formwork recall REPORT --as PERSON`.
public struct RecallCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "recall", abstract: "Withdraw your own report before anyone has decided on it.")
    @Argument(help: "The report's id.") public var report: String
    @Option(name: .customLong("as"), help: "Who recalls it (its submitter).") public var person: String
    @Option(help: "An idempotency id.") public var requestID: String?
    @OptionGroup public var session: SessionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        let id = ReportID(report)
        let by = PersonID(person)
        return CommandRunner.write(
            session, in: environment, actor: by, requestID: requestID,
            make: { time in .success { _ in .recall(.init(report: id, by: by, at: time)) } },
            describe: { session, _ in session.engine.report(id).map { "recalled: " + Render.summary($0) } ?? "" })
    }
}

/// `formwork resubmit REPORT --as PERSON (--set … | --from …)`.
public struct ResubmitCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "resubmit", abstract: "File a new revision of a returned report; only the answers given change.",
        discussion: """
            Without --set or --from, on a terminal, the report is revised as a conversation: it starts \
            from the returned answers (carried over to the form in force), asks what is missing or \
            wrong, and reviews every answer so that any can be changed. Answers the form in force no \
            longer takes are dropped and listed. Exit codes: 0 resubmitted; 1 refused by a rule, or \
            cancelled; 65 invalid answers; 77 not allowed; 130 interrupted (nothing saved).
            """)
    @Argument(help: "The report's id.") public var report: String
    @Option(name: .customLong("as"), help: "Who resubmits it (its submitter).") public var person: String
    @OptionGroup public var answers: AnswerOptions
    @Option(help: "An idempotency id.") public var requestID: String?
    @OptionGroup public var prompt: PromptOptions
    @OptionGroup public var session: SessionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        if answers.isEmpty, let terminal = prompt.terminal(in: environment) {
            return InteractiveResubmit(command: self).run(in: environment, terminal: terminal)
        }
        return file(nil, in: environment)
    }

    /// Files the new revision with `given` changes (from a conversation), else `--set` / `--from`.
    func file(_ given: GivenAnswers?, in environment: CommandEnvironment) -> CommandOutcome {
        let id = ReportID(report)
        let by = PersonID(person)
        return CommandRunner.write(
            session, in: environment, actor: by, requestID: requestID,
            make: { time in
                (given.map { .success($0) } ?? answers.answers(readingStdin: Console.readStandardInput)).map {
                    changes in
                    { _ in .resubmit(.init(report: id, changes: changes, by: by, at: time)) }
                }
            },
            describe: { session, events in
                guard let record = session.engine.report(id) else { return "" }
                let voided = events.contains { $0.kind == "approvals-voided" }
                var text = "resubmitted: " + Render.summary(record)
                text += voided ? "  a material field changed: earlier approvals are void\n" : ""
                for drop in record.revision.dropped { text += "  dropped '\(drop.field)': \(drop.reason)\n" }
                return text
            })
    }
}

/// `formwork tick`: advance time, emitting the reminders and escalations that have fallen due.
public struct TickCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tick", abstract: "Advance time: send due reminders and escalate overdue steps.")
    @OptionGroup public var session: SessionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        CommandRunner.write(
            session, in: environment, actor: nil, requestID: nil,
            make: { time in .success { _ in .advanceTime(to: time) } },
            describe: { _, events in
                let reminders = events.count { $0.kind == "reminder-sent" }
                let escalations = events.count { $0.kind == "step-escalated" }
                return
                    "\(reminders) reminder\(reminders == 1 ? "" : "s"), \(escalations) escalation\(escalations == 1 ? "" : "s")\n"
            })
    }
}

extension Decision {
    var pastTense: String {
        switch self {
        case .approve: "approved"
        case .return: "returned"
        case .reject: "rejected"
        }
    }
}
