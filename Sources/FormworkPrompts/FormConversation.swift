public import FormworkDefinitions
public import FormworkEngine
public import FormworkLanguage

/// A form turned into a conversation: one question at a time, in the form's order, each answer
/// checked at once by the engine's validator, then a review before anything is submitted.
///
/// The conversation only gathers answers: it returns them (`ConversationOutcome.submit`) for the
/// caller to submit through the same command as answers given on the command line, so that the
/// same validator has the last word. Texts are in the engine's locale.
public struct FormConversation {
    public let engine: Engine
    public let formID: FormID
    public let customer: CustomerID
    public let submitter: PersonID
    public let time: Timestamp
    let prompter: Prompter
    let text: FormText
    /// The form, once the draft has found it can be filed.
    var form: Form?
    var sheet = Sheet()
    /// Top-level fields already asked (or shown, for notes and read-only ones).
    var asked: Set<String> = []
    /// The returned report being revised, when the conversation is a resubmission.
    public private(set) var revising: ReportID?

    /// A conversation filing `form` for `customer` as `submitter` at `time`, through `terminal`.
    public init(
        engine: Engine, form: FormID, customer: CustomerID, submitter: PersonID, at time: Timestamp,
        terminal: any Terminal
    ) {
        self.engine = engine
        formID = form
        self.customer = customer
        self.submitter = submitter
        self.time = time
        prompter = Prompter(terminal: terminal)
        text = FormText(formSet: engine.formSet, locale: engine.locale)
    }

    /// A conversation revising returned report `report` as `submitter` at `time`: it starts from the
    /// report's answers (carried over to the form in force by field id), asks only what is missing
    /// or wrong (a new required field, say), then reviews everything so that any answer can be
    /// changed. It returns the whole answer set.
    public init(
        engine: Engine, revising report: ReportID, by submitter: PersonID, at time: Timestamp, terminal: any Terminal
    ) {
        let record = engine.report(report)
        self.init(
            engine: engine, form: record?.form ?? FormID(""), customer: record?.customer ?? CustomerID(""),
            submitter: submitter, at: time, terminal: terminal)
        revising = report
    }

    /// The answers given so far, as `Command.Submit` takes them.
    public var answers: GivenAnswers {
        form.map { sheet.submission(in: $0) } ?? GivenAnswers()
    }

    /// Runs the conversation to its end: submit, cancel, Ctrl-C or end of input.
    public mutating func run() -> ConversationOutcome {
        let first = check(Sheet())
        if let refusal = first.refusal { return .refused(refusal) }
        guard let found = engine.formSet.form(formID) else {
            return .refused(Refusal(.unknownForm, "there is no form '\(formID)'"))
        }
        form = found
        do throws(ConversationStop) {
            introduce(found)
            if revising != nil { startRevision(found) }
            try walk(found)
            while true {
                switch try review(found) {
                case .submit: return .submit(answers)
                case .cancel: return .cancelled
                case .edit(let field):
                    try edit(field, in: found)
                    try walk(found)
                }
            }
        } catch {
            return .stopped(error)
        }
    }

    /// The draft of the sheet as it would stand with `sheet`.
    func check(_ sheet: Sheet) -> Engine.Draft {
        let answers = form.map { sheet.submission(in: $0) } ?? GivenAnswers()
        if let revising {
            return engine.draft(resubmitting: revising, by: submitter, at: time, answers: answers)
        }
        return engine.draft(form: formID, customer: customer, submitter: submitter, at: time, answers: answers)
    }

    /// Seeds the sheet with the returned report's answers, says why it came back and what the form
    /// in force dropped, and counts as asked every field whose answer stands.
    private mutating func startRevision(_ form: Form) {
        guard let revising, let record = engine.report(revising) else { return }
        let start = engine.resubmissionStart(of: revising)
        for (id, value) in start.answers {
            if case .list(let items) = value, form.field(FieldID(id))?.type.value == .group {
                sheet.rows[id] = items.map { item in
                    guard case .record(let row) = item else { return [:] }
                    return Dictionary(row.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
                }
            } else {
                sheet.answers[id] = .value(value)
            }
        }
        if let returned = record.decisions.last(where: { $0.decision == .return }) {
            let opinion = returned.opinion.map { ": \($0)" } ?? ""
            prompter.say("returned by \(returned.signature.name) (\(returned.signature.signer))\(opinion)")
        }
        if record.revision.formVersion != form.version {
            prompter.say(prompter.paint("The form has changed since this report was filed.", .yellow))
        }
        for drop in start.dropped {
            prompter.say(prompter.paint("dropped \(drop.field) (\(drop.value.plainText)): \(drop.reason)", .yellow))
        }
        let draft = check(sheet)
        for field in form.fields where draft.errors(at: field.id.value.rawValue, rows: true).isEmpty {
            asked.insert(field.id.value.rawValue)
        }
    }

    private func introduce(_ form: Form) {
        prompter.say(prompter.paint(text.text(form.title) ?? form.id.value.rawValue, .bold))
        if let description = text.text(form.description) {
            prompter.say(prompter.paint(description, .dim))
        }
        let name = engine.formSet.org?.people.first { $0.id.value == submitter }?.name
        prompter.say("customer \(customer), filed by \(submitter)" + (name.map { " (\($0))" } ?? ""))
        prompter.say(
            prompter.paint(
                "* marks a required answer. Enter keeps the value in [brackets]. Ctrl-C stops; nothing is saved.",
                .dim))
    }

    /// Asks, in form order, every visible field not asked yet; answers of fields that became hidden
    /// are removed (and asked again should they show again).
    mutating func walk(_ form: Form) throws(ConversationStop) {
        var announced: Int?
        for (sectionIndex, section) in form.sections.enumerated() {
            for field in section.fields {
                let id = field.id.value.rawValue
                let draft = check(sheet)
                forgetHidden(form, draft: draft)
                guard draft.visible.contains(id), !asked.contains(id), field.compute == nil else { continue }
                if announced != sectionIndex {
                    announced = sectionIndex
                    if let title = text.text(section.title) {
                        prompter.say()
                        prompter.say(prompter.paint("== \(title) ==", .bold))
                    }
                }
                prompter.say()
                try ask(field, draft: draft)
                asked.insert(id)
            }
        }
    }

    /// Removes the answers of fields the form hides now.
    mutating func forgetHidden(_ form: Form, draft: Engine.Draft) {
        for field in form.fields where !draft.visible.contains(field.id.value.rawValue) {
            let id = field.id.value.rawValue
            asked.remove(id)
            if sheet.has(.field(id)) { sheet.remove(id) }
        }
    }

    /// Asks one top-level field, whatever its kind.
    mutating func ask(_ field: Field, draft: Engine.Draft) throws(ConversationStop) {
        let id = field.id.value.rawValue
        switch field.type.value {
        case .note:
            prompter.say(prompter.paint(text.label(field), .cyan))
        case .group:
            try askGroup(field)
        default:
            if draft.readOnly.contains(id), let value = draft.offered[id] {
                let source = draft.prefilled[field.id.value].map { ", from report \($0.report)" } ?? ""
                prompter.say(
                    prompter.paint(text.label(field), .bold) + ": " + text.display(value, of: field)
                        + prompter.paint(" (cannot be changed here\(source))", .dim))
                return
            }
            try askValue(field, slot: .field(id), indent: "")
        }
    }

    /// Asks a top-level field again from the review, with its answer as the one Enter keeps.
    mutating func edit(_ id: FieldID, in form: Form) throws(ConversationStop) {
        guard let field = form.field(id) else { return }
        prompter.say()
        try ask(field, draft: check(sheet))
        asked.insert(id.rawValue)
    }
}
