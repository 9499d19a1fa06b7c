import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

@Suite struct SignOffTests {
    /// A customer at the close stage with a closed deal of `quantity` × `price` filed on 16 March;
    /// the deal is filed under `formSet` when given (an org change after the walk).
    private func deal(quantity: Int, price: String = "150", formSet: FormSet? = nil) throws -> (Funnel, ReportID) {
        var funnel = try Funnel()
        try funnel.walkToClose("hpm")
        if let formSet { funnel.engine = Engine(formSet: formSet, state: funnel.engine.state) }
        let deal = try funnel.submit(
            "closed_deal", for: "hpm", at: at("2026-03-16T10:00:00+08:00"),
            answers: Funnel.closedDeal(quantity: quantity, unitPrice: price))
        return (funnel, deal)
    }

    @Test func aDealAboveOneMillionNeedsTheDirectorToo() throws {
        var (funnel, deal) = try self.deal(quantity: 8000)
        let report = try #require(funnel.engine.report(deal))
        #expect(report.revision.answers["deal_value"] == .decimal(1_200_000))
        #expect(report.routing.steps.map(\.skipped) == [false, false])
        #expect(report.routing.steps[1].reason == "`deal_value > 1000000` is true (deal_value = 1200000)")
        #expect(report.routing.steps[1].approvers == ["wang.li"])
        // The first of two required approvals does not release the deal (the ERPNext bug).
        let first = try funnel.decide(deal, .approve, at: at("2026-03-16T11:00:00+08:00"))
        #expect(first.map(\.kind) == ["decision-recorded", "step-completed", "step-opened"])
        #expect(funnel.engine.report(deal)?.status == .pending)
        #expect(funnel.engine.inbox(for: "wang.li").map(\.report) == [deal])
        let second = try funnel.decide(deal, .approve, by: "wang.li", at: at("2026-03-16T14:00:00+08:00"))
        #expect(second.map(\.kind) == ["decision-recorded", "step-completed", "report-approved", "customer-advanced"])
        let approved = try #require(funnel.engine.report(deal))
        #expect(approved.status == .approved)
        #expect(
            approved.decisions.map(\.signature.meaning) == [
                "approve: Supervisor approval of the closed deal and its terms",
                "approve: Director approval of a deal above NT$1,000,000",
            ])
        #expect(funnel.engine.customer("hpm")?.record.positions["b2b_funnel"]?.stage == "service")
    }

    @Test func aSmallDealSkipsTheDirectorStepAndSaysWhy() throws {
        var (funnel, deal) = try self.deal(quantity: 100)
        let report = try #require(funnel.engine.report(deal))
        #expect(report.steps.map(\.status) == [.open, .skipped])
        #expect(report.steps[1].reason == "`deal_value > 1000000` is false (deal_value = 15000)")
        let events = try funnel.decide(deal, .approve, at: at("2026-03-16T11:00:00+08:00"))
        #expect(events.map(\.kind) == ["decision-recorded", "step-completed", "report-approved", "customer-advanced"])
    }

    @Test(
        arguments: [
            ("lin.hao", Refusal.Code.selfApproval), ("huang.zhiming", .notAnApprover), ("zhang.yating", .notAnApprover),
            ("wang.li", .notAnApprover), ("ghost", .unknownPerson),
        ] as [(PersonID, Refusal.Code)])
    func onlyAnEligibleApproverOtherThanTheSubmitterDecides(_ person: PersonID, _ code: Refusal.Code) throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        for decision in Decision.allCases {
            let refusal = try funnel.refuse(
                .decide(
                    .init(
                        report: report, decision: decision, opinion: "Fine.", by: person,
                        at: at("2026-03-02T10:00:00+08:00"))))
            #expect(refusal.code == code)
            #expect(refusal.category == .notAuthorised)
        }
    }

    @Test func notAnApproverSaysWhoIs() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let refusal = try funnel.refuse(
            .decide(
                .init(
                    report: report, decision: .approve, opinion: "OK", by: "huang.zhiming",
                    at: at("2026-03-02T10:00:00+08:00"))))
        #expect(
            refusal.message
                == "huang.zhiming is not an approver of step supervisor of report \(report); its approvers are chen.mei"
        )
    }

    @Test(arguments: [nil, "", "   "] as [String?])
    func everyDecisionNeedsAnOpinion(_ opinion: String?) throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        for decision in Decision.allCases {
            let refusal = try funnel.refuse(
                .decide(
                    .init(
                        report: report, decision: decision, opinion: opinion, by: "chen.mei",
                        at: at("2026-03-02T10:00:00+08:00"))))
            #expect(refusal.code == .opinionRequired)
        }
    }

    @Test func aStepOffersOnlyItsDecisions() throws {
        var funnel = Funnel(formSet: try #require(Examples.visitReport))
        var answers = texts([
            "report_id": "R-000001", "rep_id": "u0", "customer": "Acme Trading", "visit_date": "2026-03-02",
            "stage": "lead", "amount": "1000", "currency": "CNY", "products": "P-100", "visit_type": "phone",
        ])
        answers["discount_rate"] = nil
        let report = try funnel.submit(
            "visit_report", for: "acme", by: "u0", at: at("2026-03-02T09:00:00Z"), answers: answers)
        let refusal = try funnel.refuse(
            .decide(
                .init(
                    report: report, decision: .return, opinion: "Add details", by: "u1000",
                    at: at("2026-03-02T10:00:00Z"))))
        #expect(refusal.code == .decisionNotAllowed)
        #expect(refusal.message == "step supervisor does not offer return; it offers approve, reject")
    }

    @Test func finalReportsTakeNoMoreDecisions() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        try funnel.decide(report, .reject, at: at("2026-03-02T10:00:00+08:00"), opinion: "Not a real company.")
        let refusal = try funnel.refuse(
            .decide(
                .init(
                    report: report, decision: .approve, opinion: "Oops", by: "chen.mei",
                    at: at("2026-03-02T11:00:00+08:00"))))
        #expect(refusal.code == .alreadyDecided)
        #expect(funnel.engine.report(report)?.status == .rejected)
    }

    @Test func nobodyApprovesTwiceInOneReport() throws {
        var formSet = try #require(Examples.acme)
        // lin.hao now reports to the director, who is also the director step's only approver.
        let index = try #require(formSet.org?.people.firstIndex { $0.id.value == "lin.hao" })
        let location = try #require(formSet.org?.people[index].id.location)
        formSet.org?.people[index].manager = Located("wang.li", at: location)
        var (funnel, deal) = try self.deal(quantity: 8000, formSet: formSet)
        // Approving at the supervisor step would leave the director step with nobody who may sign it: refused up
        // front, instead of a report that can then never be approved.
        let stranding = try funnel.refuse(
            .decide(
                .init(
                    report: deal, decision: .approve, opinion: "Fine", by: "wang.li",
                    at: at("2026-03-16T11:00:00+08:00"))))
        #expect(stranding.code == .quorumUnreachable)
        #expect(
            stranding.message
                == "approving here would leave step director without enough people who may sign it (it needs 1): "
                + "wang.li would have signed or filed this report already, and one person signs one step; let "
                + "another approver of step supervisor sign, or have an admin add approvers to step director")
        let explanation = funnel.engine.explain(
            report: deal, person: "wang.li", action: .approve, at: at("2026-03-16T11:00:00+08:00"))
        #expect(!explanation.allowed)
        #expect(explanation.lines.contains { $0.code == .quorumUnreachable })
        #expect(funnel.engine.report(deal)?.status == .pending)
    }

    /// The supervisor step of a big deal is escalated to the director (manager 2 levels up), who is also the
    /// director step's only approver: the director may not sign for the supervisor (the report could then never
    /// be approved), the supervisor still may, and the director then signs the director step.
    @Test func anEscalatedDirectorDoesNotSignTheStepThatWouldStrandTheReport() throws {
        var (funnel, deal) = try self.deal(quantity: 8000)
        let escalated = try funnel.run(.advanceTime(to: at("2026-03-20T09:00:00+08:00")))
        #expect(
            escalated.contains { if case .stepEscalated(let body) = $0 { body.added == ["wang.li"] } else { false } })
        let refusal = try funnel.refuse(
            .decide(
                .init(
                    report: deal, decision: .approve, opinion: "Go ahead", by: "wang.li",
                    at: at("2026-03-20T10:00:00+08:00"))))
        #expect(refusal.code == .quorumUnreachable)
        #expect(refusal.message.hasPrefix("approving here would leave step director without enough people"))
        // The director's inbox says what is left to do there: return or reject, and why not approve.
        let inbox = funnel.engine.inbox(for: "wang.li", at: at("2026-03-20T10:00:00+08:00"))
        let item = try #require(inbox.first { $0.report == deal })
        #expect(item.reason == .decide)
        #expect(item.approvalRefused == refusal)
        let supervisor = try #require(
            funnel.engine.inbox(for: "chen.mei", at: at("2026-03-20T10:00:00+08:00")).first { $0.report == deal })
        #expect(supervisor.approvalRefused == nil)
        try funnel.decide(deal, .approve, by: "chen.mei", at: at("2026-03-20T11:00:00+08:00"))
        let directorStep = try #require(
            funnel.engine.inbox(for: "wang.li", at: at("2026-03-20T11:30:00+08:00")).first { $0.report == deal })
        #expect(directorStep.step == "director")
        #expect(directorStep.approvalRefused == nil)
        try funnel.decide(deal, .approve, by: "wang.li", at: at("2026-03-20T12:00:00+08:00"))
        #expect(funnel.engine.report(deal)?.status == .approved)
    }

    @Test func theRevisionSignedMustBeTheCurrentOne() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let refusal = try funnel.refuse(
            .decide(
                .init(
                    report: report, decision: .approve, opinion: "OK", by: "chen.mei", revision: 2,
                    at: at("2026-03-02T10:00:00+08:00"))))
        #expect(refusal.code == .staleRevision)
    }

    @Test func anOrgChangeMidFlightDoesNotStrandTheReport() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        var formSet = try #require(Examples.acme)
        let index = try #require(formSet.org?.people.firstIndex { $0.id.value == "lin.hao" })
        let location = try #require(formSet.org?.people[index].id.location)
        formSet.org?.people[index].manager = Located("huang.zhiming", at: location)
        var moved = Engine(formSet: formSet, state: funnel.engine.state)
        guard
            case .failure(let refusal) = moved.handle(
                .decide(
                    .init(
                        report: report, decision: .approve, opinion: "OK", by: "huang.zhiming",
                        at: at("2026-03-02T10:00:00+08:00"))))
        else {
            Issue.record("the new manager decided on a report routed before the move")
            return
        }
        #expect(refusal.code == .notAnApprover)
        let result = moved.execute(
            .decide(
                .init(
                    report: report, decision: .approve, opinion: "OK", by: "chen.mei",
                    at: at("2026-03-02T10:00:00+08:00"))))
        #expect((try? result.get())?.map(\.kind).contains("report-approved") == true)
    }

    // MARK: - Return and resubmit

    @Test func aNonMaterialEditKeepsEarlierApprovals() throws {
        var (funnel, deal) = try self.deal(quantity: 8000)
        try funnel.decide(deal, .approve, at: at("2026-03-16T11:00:00+08:00"))
        let returned = try funnel.decide(
            deal, .return, by: "wang.li", at: at("2026-03-16T12:00:00+08:00"), opinion: "Add the buyer's note.")
        #expect(returned.map(\.kind) == ["decision-recorded", "report-returned"])
        #expect(funnel.engine.inbox(for: "lin.hao").map(\.reason) == [.revise])
        let decideNow = try funnel.refuse(
            .decide(
                .init(
                    report: deal, decision: .approve, opinion: "x", by: "wang.li", at: at("2026-03-16T12:30:00+08:00")))
        )
        #expect(decideNow.code == .wrongState)
        let events = try funnel.run(
            .resubmit(
                .init(
                    report: deal, changes: ["notes": .text("Buyer confirmed the volume by phone.")], by: "lin.hao",
                    at: at("2026-03-16T13:00:00+08:00"))))
        #expect(events.map(\.kind) == ["report-resubmitted", "step-opened"])
        guard case .reportResubmitted(let body) = events[0], case .stepOpened(let opened) = events[1] else { return }
        #expect(body.changed == ["notes"])
        #expect(body.materialChanged.isEmpty)
        #expect(body.revision.number == 2)
        #expect(opened.step == "director")
        let report = try #require(funnel.engine.report(deal))
        #expect(report.decisions.filter(\.isStandingApproval).map(\.signature.signer) == ["chen.mei"])
        #expect(report.revisions.map(\.hash).count == 2 && report.revisions[0].hash != report.revisions[1].hash)
        // Answers carried over keep their provenance.
        #expect(report.revisions[1].prefilled.map(\.field) == ["company_name", "tax_id", "delivery_address"])
        let final = try funnel.decide(deal, .approve, by: "wang.li", at: at("2026-03-16T14:00:00+08:00"))
        #expect(final.map(\.kind).contains("report-approved"))
        #expect(funnel.engine.report(deal)?.decisions.last?.signature.revision == 2)
    }

    @Test func aMaterialEditVoidsEarlierApprovals() throws {
        var (funnel, deal) = try self.deal(quantity: 8000)
        try funnel.decide(deal, .approve, at: at("2026-03-16T11:00:00+08:00"))
        try funnel.decide(
            deal, .return, by: "wang.li", at: at("2026-03-16T12:00:00+08:00"), opinion: "Discount too low?")
        let events = try funnel.run(
            .resubmit(
                .init(
                    report: deal, changes: ["discount_percent": .text("5")], by: "lin.hao",
                    at: at("2026-03-16T13:00:00+08:00"))))
        #expect(events.map(\.kind) == ["report-resubmitted", "approvals-voided", "step-opened"])
        guard case .reportResubmitted(let body) = events[0], case .approvalsVoided(let voided) = events[1],
            case .stepOpened(let opened) = events[2]
        else { return }
        #expect(body.changed == ["deal_value", "discount_percent", "gross_profit"])
        #expect(body.materialChanged == ["deal_value", "discount_percent"])
        #expect(
            voided.approvals == [VoidedApproval(step: "supervisor", signer: "chen.mei", actingFor: nil, revision: 1)])
        #expect(opened.step == "supervisor")
        // The supervisor signs again, now revision 2.
        try funnel.decide(deal, .approve, at: at("2026-03-16T14:00:00+08:00"))
        try funnel.decide(deal, .approve, by: "wang.li", at: at("2026-03-16T15:00:00+08:00"))
        let report = try #require(funnel.engine.report(deal))
        #expect(report.status == .approved)
        #expect(report.decisions.filter(\.isStandingApproval).map(\.signature.revision) == [2, 2])
    }

    @Test func aResubmissionReEvaluatesStepConditions() throws {
        var (funnel, deal) = try self.deal(quantity: 8000)
        try funnel.decide(deal, .return, at: at("2026-03-16T11:00:00+08:00"), opinion: "Split the order.")
        var changes = Funnel.closedDeal(quantity: 5000, unitPrice: "150")
        changes = ["products": changes["products"] ?? .text("")]
        let events = try funnel.run(
            .resubmit(.init(report: deal, changes: changes, by: "lin.hao", at: at("2026-03-16T12:00:00+08:00"))))
        guard case .reportResubmitted(let body) = events[0] else { return }
        #expect(body.steps.map(\.skipped) == [false, true])
        #expect(body.steps[1].reason == "`deal_value > 1000000` is false (deal_value = 750000)")
        let approved = try funnel.decide(deal, .approve, at: at("2026-03-16T13:00:00+08:00"))
        #expect(approved.map(\.kind).contains("report-approved"))
    }

    @Test func theOverviewSaysWhoActsNext() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        #expect(
            funnel.engine.overview(of: report)?.next == [
                "step supervisor waits for chen.mei (0 of 1 approvals); due 2026-03-04T23:59:59+08:00"
            ])
        try funnel.decide(report, .return, at: at("2026-03-02T10:00:00+08:00"), opinion: "Which plant?")
        #expect(funnel.engine.overview(of: report)?.next == ["lin.hao revises and resubmits the report"])
        #expect(funnel.engine.inbox(for: "lin.hao").map(\.reason) == [.revise])
        #expect(
            funnel.engine.report(report)?.history.map(\.kind) == [
                "report-submitted", "step-opened", "decision-recorded", "report-returned",
            ])
    }

    @Test func onlyTheSubmitterResubmitsAReturnedReport() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let early = try funnel.refuse(
            .resubmit(.init(report: report, changes: [:], by: "lin.hao", at: at("2026-03-02T09:30:00+08:00"))))
        #expect(early.code == .wrongState)
        try funnel.decide(report, .return, at: at("2026-03-02T10:00:00+08:00"), opinion: "Which plant?")
        let other = try funnel.refuse(
            .resubmit(.init(report: report, changes: [:], by: "zhang.yating", at: at("2026-03-02T11:00:00+08:00"))))
        #expect(other.code == .notTheSubmitter)
        let bad = try funnel.refuse(
            .resubmit(
                .init(
                    report: report, changes: ["tax_id": .text("12")], by: "lin.hao", at: at("2026-03-02T11:00:00+08:00")
                )))
        #expect(bad.code == .invalidAnswers)
        #expect(bad.fieldErrors.map(\.field) == ["tax_id"])
    }

    // MARK: - Recall

    @Test func theSubmitterRecallsUntilTheFirstDecision() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let other = try funnel.refuse(
            .recall(.init(report: report, by: "chen.mei", at: at("2026-03-02T09:10:00+08:00"))))
        #expect(other.code == .notTheSubmitter)
        let events = try funnel.run(.recall(.init(report: report, by: "lin.hao", at: at("2026-03-02T09:15:00+08:00"))))
        #expect(events.map(\.kind) == ["report-recalled"])
        #expect(funnel.engine.report(report)?.status == .recalled)
        #expect(funnel.engine.inbox(for: "chen.mei").isEmpty)
        // A recalled report does not count against the non-repeatable form.
        try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:20:00+08:00"),
            answers: Funnel.customerInformation())
    }

    @Test func recallAfterTheFirstDecisionIsRefused() throws {
        var (funnel, deal) = try self.deal(quantity: 8000)
        try funnel.decide(deal, .approve, at: at("2026-03-16T11:00:00+08:00"))
        let refusal = try funnel.refuse(
            .recall(.init(report: deal, by: "lin.hao", at: at("2026-03-16T11:30:00+08:00"))))
        #expect(refusal.code == .recallTooLate)
        #expect(refusal.message.hasSuffix("chen.mei already chose approve at 2026-03-16T11:00:00+08:00"))
    }
}
