import FormworkDefinitions
import FormworkEngine
import FormworkPrompts

/// `formwork submit` on a terminal without answers: the form is asked as a conversation, then the
/// answers go through the same path as `--set` answers, so that the same validator decides.
struct InteractiveSubmit {
    let command: SubmitCommand

    func run(in environment: CommandEnvironment, terminal: any Terminal) -> CommandOutcome {
        var ending: ConversationOutcome?
        let opened = CommandRunner.read(command.session, in: environment) { session, time in
            let engine: Engine
            switch command.prompt.engine(of: session, in: environment) {
            case .success(let found): engine = found
            case .failure(let failure): return failure.outcome
            }
            var conversation = FormConversation(
                engine: engine, form: FormID(command.form), customer: CustomerID(command.customer),
                submitter: PersonID(command.person), at: time, terminal: terminal)
            ending = conversation.run()
            return CommandOutcome()
        }
        (terminal as? PosixTerminal)?.release()
        return Self.finish(ending, opened: opened) { command.file($0, in: environment) }
    }

    /// The command's outcome once a conversation ended: its answers filed through `file` (the same
    /// path as answers from the command line), or why nothing was saved.
    static func finish(
        _ ending: ConversationOutcome?, opened: CommandOutcome, file: (GivenAnswers) -> CommandOutcome
    ) -> CommandOutcome {
        switch ending {
        case nil:
            return opened
        case .submit(let answers)?:
            return file(answers)
        case .refused?:
            // Nothing was asked: the same command without answers gives the same refusal, worded and
            // coded as for answers from the command line.
            return file([:])
        case .cancelled?:
            return CommandOutcome(stderr: opened.stderr + "formwork: cancelled: nothing was saved\n", exitCode: .failed)
        case .stopped?:
            return CommandOutcome(
                stderr: opened.stderr + "formwork: interrupted: nothing was saved\n", exitCode: .interrupted)
        }
    }
}
