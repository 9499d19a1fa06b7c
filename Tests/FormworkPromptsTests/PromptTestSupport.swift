import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkPrompts
import Foundation
import Testing

/// The shipped form sets, loaded once.
enum Examples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The standard B2B set with Acme's organisation (the shipped set at the root has no org).
    static let acme: FormSet? = FormSetLoader().load(root.appendingPathComponent("examples/acme-industrial").path)
        .formSet

    /// A form set written inline, loaded from memory.
    static func inline(_ files: [String: String]) -> FormSet? {
        FormSetLoader(fileSystem: InMemoryFileSystem(files: files)).load(".").formSet
    }
}

/// An RFC 3339 instant; a typo gives the epoch, which every test would notice.
func at(_ text: String) -> Timestamp {
    Timestamp(text) ?? Timestamp(secondsSinceEpoch: 0)
}

/// Monday 2 March 2026, 09:00 in Taipei: the time of most conversations here.
let monday = at("2026-03-02T09:00:00+08:00")

/// Text answers, as `--set` flags give them.
func texts(_ pairs: KeyValuePairs<String, String>) -> GivenAnswers {
    var answers = GivenAnswers()
    for (field, text) in pairs { answers[field] = .text(text) }
    return answers
}

/// The Acme engine, with customers walked through the funnel by commands that must succeed.
struct Acme {
    var engine: Engine
    private var counter = 0

    init(locale: String? = nil) throws {
        engine = Engine(formSet: try #require(Examples.acme), locale: locale)
    }

    /// The same state, texts in another locale.
    func speaking(_ locale: String) -> Engine {
        Engine(formSet: engine.formSet, state: engine.state, locale: locale)
    }

    @discardableResult
    mutating func run(_ command: Command, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Event] {
        switch engine.execute(command) {
        case .success(let events): return events
        case .failure(let refusal):
            Issue.record("refused: \(refusal)", sourceLocation: sourceLocation)
            throw refusal
        }
    }

    @discardableResult
    mutating func submit(
        _ form: FormID, for customer: CustomerID = "acme-tw", by person: PersonID = "lin.hao", at time: Timestamp,
        answers: GivenAnswers
    ) throws -> ReportID {
        counter += 1
        let id = ReportID(String(format: "R-%06d", counter))
        try run(.submit(.init(report: id, form: form, customer: customer, answers: answers, by: person, at: time)))
        return id
    }

    mutating func approve(_ report: ReportID, at time: Timestamp) throws {
        try run(
            .decide(
                .init(report: report, decision: .approve, opinion: "Read and discussed.", by: "chen.mei", at: time)))
    }

    static let customerInformation = texts([
        "company_name": "新竹精密機械股份有限公司", "tax_id": "24536806", "industry": "machinery",
        "address": "新竹市東區工業一路 12 號", "contact_name": "黃志明", "contact_role": "decision_maker",
        "contact_email": "zhiming@hpm.com.tw", "lead_source": "trade_show",
        "products_of_interest": "bearing_6204, grease_ep2",
    ])

    static let qualification = texts([
        "budget_status": "approved", "budget_amount": "1200000", "need_level": "urgent",
        "pain_points": "Bearing failures on line 3", "purchase_timeline": "within_month",
    ])

    /// Customer information and a qualification filed and approved on Monday morning: the customer
    /// is at the visit stage.
    mutating func walkToVisit(_ customer: CustomerID = "acme-tw") throws {
        let info = try submit(
            "customer_information", for: customer, at: at("2026-03-02T08:00:00+08:00"),
            answers: Self.customerInformation)
        try approve(info, at: at("2026-03-02T08:10:00+08:00"))
        let qualification = try submit(
            "customer_qualification", for: customer, at: at("2026-03-02T08:20:00+08:00"),
            answers: Self.qualification)
        try approve(qualification, at: at("2026-03-02T08:30:00+08:00"))
    }
}

/// A conversation through a scripted terminal: its outcome and the terminal, for the transcript.
struct Scripted {
    var outcome: ConversationOutcome
    var terminal: ScriptedTerminal
    /// The answers given when the conversation ended, whatever the ending.
    var partial: GivenAnswers

    var transcript: String { terminal.transcript }

    /// The submitted answers; nil when the conversation ended otherwise.
    var answers: GivenAnswers? {
        if case .submit(let answers) = outcome { return answers }
        return nil
    }

    var stop: ConversationStop? {
        if case .stopped(let stop) = outcome { return stop }
        return nil
    }

    var cancelled: Bool {
        if case .cancelled = outcome { return true }
        return false
    }

    /// Runs `form` for `customer` as `person` on `engine`, typing `lines`, then `ending`.
    init(
        _ form: FormID, on engine: Engine, customer: CustomerID = "acme-tw", by person: PersonID = "lin.hao",
        at time: Timestamp = monday, typing lines: [String], then ending: TerminalInput = .endOfInput,
        color: Bool = false
    ) {
        terminal = ScriptedTerminal(lines, then: ending, supportsColor: color)
        var conversation = FormConversation(
            engine: engine, form: form, customer: customer, submitter: person, at: time, terminal: terminal)
        outcome = conversation.run()
        partial = conversation.answers
    }

    /// The lines of the transcript from the first one containing `marker` (inclusive), for focused checks.
    func after(_ marker: String) -> String {
        guard let range = transcript.range(of: marker) else { return "" }
        return String(transcript[range.lowerBound...])
    }
}

/// The submission of `answers` for `form` must be accepted by the engine: the same validator decides.
@discardableResult
func expectFiled(
    _ answers: GivenAnswers?, form: FormID, on engine: Engine, customer: CustomerID = "acme-tw",
    by person: PersonID = "lin.hao", at time: Timestamp = monday, sourceLocation: SourceLocation = #_sourceLocation
) throws -> Revision? {
    let answers = try #require(answers, "the conversation did not submit", sourceLocation: sourceLocation)
    var engine = engine
    let result = engine.execute(
        .submit(.init(report: "R-999999", form: form, customer: customer, answers: answers, by: person, at: time)))
    switch result {
    case .success: return engine.report("R-999999")?.revision
    case .failure(let refusal):
        Issue.record("the engine refused what the conversation accepted: \(refusal)", sourceLocation: sourceLocation)
        return nil
    }
}
