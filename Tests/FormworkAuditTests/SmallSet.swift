import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

/// A small, sound form set written inline: two stages, two forms, one policy, a supervisor and two
/// reps. Tests replace or add files to give it exactly the flaw a finding is about.
enum SmallSet {
    static let base: [String: String] = [
        "formwork.yaml": """
        formwork: 1
        name: Small
        locale: en
        audit:
          budget: {rep: 600, supervisor: 600}
        include: [forms/, workflows/, org.yaml]
        """,
        "org.yaml": """
        org: small
        roles: [{id: rep}, {id: supervisor}]
        people:
          - {id: boss, name: Boss, roles: [supervisor]}
          - {id: rep1, name: Rep One, roles: [rep], manager: boss}
          - {id: rep2, name: Rep Two, roles: [rep], manager: boss}
        volumes:
          - {form: f1, per_week: 2}
          - {form: f2, per_week: 1}
        """,
        "workflows/funnel.yaml": """
        workflow: funnel
        filled_by: [rep]
        stages:
          - id: a
            forms: [{form: f1, repeatable: true}]
            exit_when: has(f1)
          - id: b
            forms: [{form: f2, repeatable: true}]
        """,
        "workflows/policy.yaml": """
        policy: p
        steps:
          - id: supervisor
            approvers: [{manager: 1}]
            sla: {days: 2}
        """,
        "forms/f1.yaml": """
        form: f1
        title: First form
        policy: p
        fields:
          - {id: contact_name, type: text, label: Contact name, hint: Who we met., required: true}
          - {id: region_note, type: text, label: Region note, hint: Anything about the region.}
          - id: channel
            type: choice
            label: Channel
            hint: How they reached us.
            default: phone
            choices: [phone, email, visit]
          - {id: remarks, type: long_text, label: Remarks, hint: Anything else.}
          - {id: kind, type: text, label: Kind, hint: What kind of customer.}
        """,
        "forms/f2.yaml": """
        form: f2
        title: Second form
        policy: p
        fields:
          - {id: contact, type: text, label: Contact, hint: Prefilled., prefill: f1.contact_name}
          - {id: summary, type: text, label: Summary, hint: One line., required: true}
        """,
    ]

    /// The base set with `changes` applied (a nil value removes a file).
    static func files(_ changes: [String: String?] = [:]) -> [String: String] {
        var files = base
        for (path, text) in changes { files[path] = text }
        return files
    }

    static func set(
        _ changes: [String: String?] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation
    )
        throws -> FormSet
    {
        try Sets.inline(files(changes), sourceLocation: sourceLocation)
    }

    /// The set loaded even when it has errors (for findings about sets `formwork check` refuses).
    static func loose(_ changes: [String: String?]) throws -> FormSet {
        try #require(FormSetLoader(fileSystem: InMemoryFileSystem(files: files(changes))).load(".").formSet)
    }

    /// The definitions-only audit of the base set with `changes`.
    static func audit(
        _ changes: [String: String?] = [:], options: AuditOptions = AuditOptions(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> AuditReport {
        Audit(options: options).run(try set(changes, sourceLocation: sourceLocation))
    }
}

/// Usage of a small set made through the real engine, command by command, a few minutes apart.
struct EngineUsage {
    var engine: Engine
    var time: Timestamp
    private var counter = 0

    init(_ formSet: FormSet, start: String = "2026-03-02T09:00:00Z") {
        engine = Engine(formSet: formSet)
        time = Timestamp(start) ?? Timestamp(secondsSinceEpoch: 0)
    }

    mutating func later(hours: Int = 0, minutes: Int = 5) {
        time = time.adding(seconds: Int64(hours * 3600 + minutes * 60)) ?? time
    }

    @discardableResult
    mutating func submit(
        _ form: FormID, customer: String, by person: PersonID = "rep1", answers: [String: String],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ReportID {
        counter += 1
        later()
        let id = ReportID("R-\(counter)")
        let command = Command.submit(
            .init(
                report: id, form: form, customer: CustomerID(customer),
                answers: GivenAnswers(answers.mapValues { Answer.text($0) }), by: person, at: time))
        if case .failure(let refusal) = engine.execute(command) {
            Issue.record("refused: \(refusal)", sourceLocation: sourceLocation)
            throw refusal
        }
        return id
    }

    mutating func decide(
        _ report: ReportID, _ decision: Decision = .approve, by person: PersonID = "boss",
        opinion: String = "Good notes; follow up on the samples next week.", afterHours hours: Int = 1,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        later(hours: hours)
        let command = Command.decide(.init(report: report, decision: decision, opinion: opinion, by: person, at: time))
        if case .failure(let refusal) = engine.execute(command) {
            Issue.record("refused: \(refusal)", sourceLocation: sourceLocation)
            throw refusal
        }
    }

    /// The audit of everything filed so far, judged now.
    func audit(_ options: AuditOptions = .small) -> AuditReport {
        Audit(options: options).run(
            engine.formSet, usage: UsageSource(reports: engine.state.reports.values, asOf: time))
    }
}

extension AuditOptions {
    /// Thresholds for a handful of reports.
    static var small: AuditOptions {
        var options = AuditOptions()
        options.minimumSample = 4
        options.fewDistinctSample = 6
        options.fewDistinctAnswers = 2
        return options
    }
}
