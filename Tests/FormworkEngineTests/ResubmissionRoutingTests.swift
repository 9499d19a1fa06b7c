import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import Testing

/// A report whose steps switch on and off between revisions (a `when` on a field that is not material), and a
/// form two stages offer: what a resubmission opens, and which stage's entry a submission is judged by. (Found
/// by fuzzing the commands against `explain`.)
enum Switching {
    /// Steps `first` (the manager; `when: FIRST` if given) and `second` (the director; `when: SECOND`), a rep `r`
    /// under supervisor `s` under director `d`; form `a` (amount material, check not), and form `b` offered by
    /// stage one behind a gate on `x` and by stage two without one.
    static func formSet(first: String? = nil, second: String? = nil, selfApproval: Bool = false) -> FormSet? {
        let when = { (condition: String?) in condition.map { "    when: \($0)\n" } ?? "" }
        let result = Examples.inline([
            "formwork.yaml": """
            formwork: 1
            name: T
            locale: en
            calendar: {timezone: UTC, workdays: [mon, tue, wed, thu, fri]}
            include: [org.yaml, p.yaml, q.yaml, a.yaml, b.yaml, x.yaml, w.yaml]
            """,
            "org.yaml": """
            org: t
            name: T
            roles: [{id: rep}, {id: supervisor}, {id: director}]
            people:
              - {id: d, name: D, roles: [\(selfApproval ? "director, rep" : "director")], manager: boss}
              - {id: boss, name: Boss, roles: [supervisor]}
              - {id: s, name: S, roles: [supervisor], manager: d}
              - {id: r, name: R, roles: [rep], manager: s}
            """,
            "p.yaml": """
            policy: p
            title: P
            meaning: signed
            material: [amount]
            self_approval: \(selfApproval)
            opinion_required: []
            steps:
              - id: first
            \(when(first))    approvers: [{manager: 1}]
              - id: second
            \(when(second))    approvers: [{role: director}]
            """,
            "a.yaml": """
            form: a
            title: A
            policy: p
            fields:
              - {id: amount, type: integer, label: Amount, required: true}
              - {id: check, type: boolean, label: Check}
            """,
            "q.yaml": "policy: q\ntitle: Q\nmeaning: seen\nsteps:\n  - {id: sup, approvers: [{manager: 1}]}\n",
            "b.yaml": "form: b\ntitle: B\npolicy: q\nfields:\n  - {id: t, type: text, label: T}\n",
            "x.yaml": "form: x\ntitle: X\npolicy: q\nfields:\n  - {id: t, type: text, label: T}\n",
            "w.yaml": """
            workflow: w
            title: W
            filled_by: [rep]
            stages:
              - id: one
                title: One
                forms:
                  - {form: a, repeatable: true}
                  - {form: x, required: false}
                  - {form: b, required: false, repeatable: true, after: [x]}
                exit_when: has(a)
              - id: two
                title: Two
                forms:
                  - {form: b, repeatable: true}
            """,
        ])
        guard let formSet = result.formSet, formSet.forms.count == 3, formSet.damagedNames.isEmpty,
            !result.diagnostics.contains(where: { $0.severity == .error })
        else {
            Issue.record("the switching form set did not load: \(result.diagnostics.filter { $0.severity == .error })")
            return nil
        }
        return formSet
    }

    /// r files `a` with check on; s signs step first, and d sends it back from step second.
    static func signedThenReturned(_ funnel: inout Funnel) throws -> ReportID {
        let report = try funnel.submit(
            "a", for: "c", by: "r", at: at("2026-03-02T09:00:00Z"), answers: texts(["amount": "1", "check": "true"]))
        try funnel.decide(report, .approve, by: "s", at: at("2026-03-02T09:10:00Z"))
        try funnel.decide(report, .return, by: "d", at: at("2026-03-02T09:20:00Z"), opinion: "no")
        return report
    }

    static func resubmit(_ report: ReportID, check: Bool, by person: PersonID = "r", at time: String) -> Command {
        .resubmit(.init(report: report, changes: ["check": .text(check ? "true" : "false")], by: person, at: at(time)))
    }
}

@Suite struct ResubmissionRoutingTests {
    @Test func aResubmissionThatSwitchesOffTheStepThatReturnedItIsSignedAgainNotApprovedByItself() throws {
        var funnel = Funnel(formSet: try #require(Switching.formSet(second: "check")))
        let report = try Switching.signedThenReturned(&funnel)
        let events = try funnel.run(Switching.resubmit(report, check: false, at: "2026-03-02T09:30:00Z"))
        #expect(events.map(\.kind) == ["report-resubmitted", "approvals-voided", "step-opened"])
        let record = try #require(funnel.engine.report(report))
        #expect(record.status == .pending)
        #expect(record.waitingFor == ["s"])
        #expect(record.history.contains { $0.text.contains("no step was left to sign it") })
        // s signs revision 2, and only then is the report approved.
        let signed = try funnel.decide(report, .approve, by: "s", at: at("2026-03-02T09:40:00Z"))
        #expect(signed.map(\.kind).contains("report-approved"))
        #expect(funnel.engine.report(report)?.decisions.last?.signature.revision == 2)
    }

    @Test func aResubmissionThatSwitchesOffEveryStepGoesToTheStepThatReturnedIt() throws {
        var funnel = Funnel(formSet: try #require(Switching.formSet(first: "check", second: "check")))
        let report = try funnel.submit(
            "a", for: "c", by: "r", at: at("2026-03-02T09:00:00Z"), answers: texts(["amount": "1", "check": "true"]))
        try funnel.decide(report, .return, by: "s", at: at("2026-03-02T09:10:00Z"), opinion: "no")
        // No step applies to revision 2; the one that returned it signs it all the same.
        let events = try funnel.run(Switching.resubmit(report, check: false, at: "2026-03-02T09:20:00Z"))
        #expect(events.map(\.kind) == ["report-resubmitted", "step-opened"])
        #expect(funnel.engine.report(report)?.waitingFor == ["s"])
        let signed = try funnel.decide(report, .approve, by: "s", at: at("2026-03-02T09:30:00Z"))
        #expect(signed.map(\.kind).contains("report-approved"))
        #expect(funnel.engine.report(report)?.decisions.last?.signature.revision == 2)
    }

    @Test func aStepSignedBeforeARevisionSkippedItCountsItsApprovalsWhenItAppliesAgain() throws {
        var funnel = Funnel(formSet: try #require(Switching.formSet(first: "check")))
        let report = try Switching.signedThenReturned(&funnel)
        try funnel.run(Switching.resubmit(report, check: false, at: "2026-03-02T09:30:00Z"))
        try funnel.decide(report, .return, by: "d", at: at("2026-03-02T09:40:00Z"), opinion: "again")
        let events = try funnel.run(Switching.resubmit(report, check: true, at: "2026-03-02T09:50:00Z"))
        // Step first applies again with s's approval standing: it is complete, and the director's step opens.
        #expect(events.map(\.kind) == ["report-resubmitted", "step-completed", "step-opened"])
        #expect(funnel.engine.report(report)?.waitingFor == ["d"])
        let signed = try funnel.decide(report, .approve, by: "d", at: at("2026-03-02T10:00:00Z"))
        #expect(signed.map(\.kind).contains("report-approved"))
    }

    @Test func withSelfApprovalTheSubmitterStillCountsAsALaterStepsSigner() throws {
        // d (a director who also files) files; step first is d's manager boss, step second the director role, which
        // is d alone: allowed to sign their own report here, so boss's approval leaves step second a signer.
        var funnel = Funnel(formSet: try #require(Switching.formSet(selfApproval: true)))
        let report = try funnel.submit(
            "a", for: "c", by: "d", at: at("2026-03-02T09:00:00Z"), answers: texts(["amount": "1"]))
        let first = try funnel.decide(report, .approve, by: "boss", at: at("2026-03-02T09:10:00Z"))
        #expect(first.map(\.kind) == ["decision-recorded", "step-completed", "step-opened"])
        let second = try funnel.decide(report, .approve, by: "d", at: at("2026-03-02T09:20:00Z"))
        #expect(second.map(\.kind).contains("report-approved"))
    }

    @Test func aFormTwoStagesOfferIsJudgedByTheCurrentStagesEntry() throws {
        var funnel = Funnel(formSet: try #require(Switching.formSet()))
        let report = try funnel.submit(
            "a", for: "c", by: "r", at: at("2026-03-02T09:00:00Z"), answers: texts(["amount": "1"]))
        // At stage one, b is behind the gate on x.
        let gated = try funnel.refuse(
            .submit(
                .init(report: "b-1", form: "b", customer: "c", answers: [:], by: "r", at: at("2026-03-02T09:05:00Z"))))
        #expect(gated.code == .gateClosed)
        try funnel.decide(report, .approve, by: "s", at: at("2026-03-02T09:10:00Z"))
        try funnel.decide(report, .approve, by: "d", at: at("2026-03-02T09:20:00Z"))
        #expect(funnel.engine.state.customers["c"]?.positions["w"]?.stage == "two")
        // At stage two, its own entry (no gate) decides, in `customer` as in the submission.
        let offered = try #require(funnel.engine.customer("c")?.forms.first { $0.form == "b" && $0.stage == "two" })
        #expect(offered.available, "\(offered.blockers)")
        try funnel.submit("b", for: "c", by: "r", at: at("2026-03-02T09:30:00Z"), answers: [:])
    }
}
