import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Testing

@Suite struct ExplainTests {
    private func pending() throws -> (Funnel, ReportID) {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        return (funnel, report)
    }

    @Test func theSupervisorMayApproveAndIsToldAnOpinionIsNeeded() throws {
        let (funnel, report) = try pending()
        let explanation = funnel.engine.explain(
            report: report, person: "chen.mei", action: .approve, at: at("2026-03-02T10:00:00+08:00"))
        #expect(explanation.allowed)
        #expect(
            explanation.lines.map(\.text) == [
                "report \(report) is a customer_information for customer hpm, filed by lin.hao",
                "chen.mei (陳美) is an active person in the org",
                "report \(report) waits at step supervisor (revision 1); quorum any: 0 of 1 approval so far",
                "step supervisor offers approve",
                "chen.mei neither filed nor edited the report",
                "approvers of step supervisor: chen.mei",
                "resolver: manager 1 level up: chen.mei",
                "chen.mei is an approver of step supervisor",
                "chen.mei has not approved this report before",
                "an opinion is required with approve",
            ])
        #expect(
            explanation.lines.map(\.status) == [.pass, .pass, .pass, .pass, .pass, .info, .info, .pass, .pass, .info])
    }

    @Test(
        arguments: [
            ("lin.hao", ReportAction.approve, Refusal.Code.selfApproval),
            ("huang.zhiming", .reject, .notAnApprover),
            ("chen.mei", .resubmit, .notTheSubmitter),
            ("lin.hao", .resubmit, .wrongState),
        ] as [(PersonID, ReportAction, Refusal.Code)])
    func everyFailingGuardIsListed(_ person: PersonID, _ action: ReportAction, _ code: Refusal.Code) throws {
        let (funnel, report) = try pending()
        let explanation = funnel.engine.explain(
            report: report, person: person, action: action, at: at("2026-03-02T10:00:00+08:00"))
        #expect(!explanation.allowed)
        #expect(explanation.lines.contains { $0.status == .fail && $0.code == code })
        // The explanation agrees with what handle would do.
        if [.approve, .return, .reject].contains(action) {
            let decision: Decision = action == .approve ? .approve : action == .return ? .return : .reject
            let result = funnel.engine.handle(
                .decide(
                    .init(
                        report: report, decision: decision, opinion: "x", by: person,
                        at: at("2026-03-02T10:00:00+08:00"))))
            guard case .failure(let refusal) = result else {
                Issue.record("handle accepted what explain refused")
                return
            }
            #expect(refusal.code == code)
        }
    }

    @Test func recallIsExplainedBeforeAndAfterTheFirstDecision() throws {
        var (funnel, report) = try pending()
        #expect(
            funnel.engine.explain(
                report: report, person: "lin.hao", action: .recall, at: at("2026-03-02T09:30:00+08:00")
            ).allowed)
        try funnel.decide(report, .return, at: at("2026-03-02T10:00:00+08:00"), opinion: "Which plant?")
        let after = funnel.engine.explain(
            report: report, person: "lin.hao", action: .recall, at: at("2026-03-02T10:30:00+08:00"))
        #expect(after.lines.filter { $0.status == .fail }.compactMap(\.code) == [.wrongState, .recallTooLate])
    }

    @Test func filingIsExplainedGateByGate() throws {
        var funnel = try Funnel()
        try funnel.walkToVisit("hpm")
        let explanation = funnel.engine.explainSubmission(
            form: "visit_record", customer: "hpm", person: "lin.hao", at: at("2026-03-03T09:00:00+08:00"))
        #expect(!explanation.allowed)
        #expect(
            explanation.lines.map(\.text).contains(
                "visit_record can be filed for customer hpm only once its visit_plan is approved; none is filed"))
        #expect(
            explanation.lines.contains {
                $0.text == "customer hpm is at stage visit of b2b_funnel; stage visit offers visit_record"
                    && $0.status == .pass
            })
        let plan = funnel.engine.explainSubmission(
            form: "visit_plan", customer: "hpm", person: "lin.hao", at: at("2026-03-03T09:00:00+08:00"))
        #expect(plan.allowed)
    }

    @Test func unknownReportsAreExplainedToo() throws {
        let (funnel, _) = try pending()
        let explanation = funnel.engine.explain(
            report: "nope", person: "chen.mei", action: .approve, at: at("2026-03-02T10:00:00+08:00"))
        #expect(explanation.lines.map(\.code) == [.unknownReport])
    }
}
