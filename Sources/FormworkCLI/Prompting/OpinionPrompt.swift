import FormworkDefinitions
import FormworkEngine
import FormworkPrompts

/// `approve`, `return` or `reject` on a terminal without `--opinion`, when the policy wants one:
/// the report is shown with the customer's recent history, and the opinion is asked for.
struct OpinionPrompt {
    let options: DecisionOptions
    let decision: Decision

    enum Reply {
        /// The opinion to decide with (nil: none, as before).
        case given(String?)
        /// The signer stopped (Ctrl-C, end of input), or the prompts cannot start: the command's outcome.
        case stopped(CommandOutcome)
    }

    /// The opinion: `--opinion`, else asked on the terminal when one is needed and nothing else
    /// refuses the decision (a refused decision is left to the command, which says why).
    func opinion(in environment: CommandEnvironment) -> Reply {
        guard options.opinion == nil, let terminal = options.prompt.terminal(in: environment) else {
            return .given(options.opinion)
        }
        defer { (terminal as? PosixTerminal)?.release() }
        let id = ReportID(options.report)
        let person = PersonID(options.person)
        var reply = Reply.given(nil)
        _ = CommandRunner.read(options.session, in: environment) { session, time in
            guard let record = session.engine.report(id), record.routing.opinionRequired.contains(decision),
                let action = ReportAction(rawValue: decision.rawValue)
            else { return CommandOutcome() }
            if options.actingFor == nil,
                !session.engine.explain(report: id, person: person, action: action, at: time).allowed
            {
                return CommandOutcome()
            }
            let engine: Engine
            switch options.prompt.engine(of: session, in: environment) {
            case .success(let found): engine = found
            case .failure(let failure):
                reply = .stopped(failure.outcome)
                return CommandOutcome()
            }
            switch OpinionConversation(engine: engine, report: id, decision: decision, terminal: terminal).run() {
            case .success(let text): reply = .given(text)
            case .failure:
                reply = .stopped(
                    CommandOutcome(stderr: "formwork: interrupted: nothing was saved\n", exitCode: .interrupted))
            }
            return CommandOutcome()
        }
        return reply
    }
}
