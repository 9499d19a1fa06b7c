import FormworkDefinitions
import FormworkEngine
import FormworkPrompts

/// `formwork resubmit` on a terminal without answers: the returned report is revised as a
/// conversation, then its answers go through the same path as `--set` changes.
struct InteractiveResubmit {
    let command: ResubmitCommand

    func run(in environment: CommandEnvironment, terminal: any Terminal) -> CommandOutcome {
        var ending: ConversationOutcome?
        var previous: Set<String> = []
        let opened = CommandRunner.read(command.session, in: environment) { session, time in
            let engine: Engine
            switch command.prompt.engine(of: session, in: environment) {
            case .success(let found): engine = found
            case .failure(let failure): return failure.outcome
            }
            // The answers a person can clear: those of fields the form in force still asks.
            if let record = engine.report(ReportID(command.report)), let form = engine.formSet.form(record.form) {
                previous = Set(
                    record.revision.answers.fields.filter { id in
                        form.field(id).map { $0.compute == nil && $0.type.value != .note } ?? false
                    }.map(\.rawValue))
            }
            var conversation = FormConversation(
                engine: engine, revising: ReportID(command.report), by: PersonID(command.person), at: time,
                terminal: terminal)
            ending = conversation.run()
            return CommandOutcome()
        }
        (terminal as? PosixTerminal)?.release()
        return InteractiveSubmit.finish(ending, opened: opened) { answers in
            // The whole answer set: answers the person cleared are cleared explicitly (empty text).
            var changes = answers
            if !answers.isEmpty {
                for field in previous where changes[field] == nil { changes[field] = .text("") }
            }
            return command.file(changes, in: environment)
        }
    }
}
