import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Testing

/// Acme's org delegates chen.mei's routine sign-off to wang.li from 3 to 14 August 2026.
@Suite struct DelegationTests {
    @Test func theDelegateSignsActingForTheAbsentApproverWithinTheWindow() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-08-05T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let inbox = funnel.engine.inbox(for: "wang.li", at: at("2026-08-05T10:00:00+08:00"))
        #expect(inbox.map(\.reason) == [.actingFor])
        #expect(inbox.first?.actingFor == "chen.mei")
        try funnel.decide(
            report, .approve, by: "wang.li", at: at("2026-08-05T10:00:00+08:00"), opinion: "Fine, for Mei.")
        let signature = try #require(funnel.engine.report(report)?.decisions.first?.signature)
        #expect(signature.signer == "wang.li")
        #expect(signature.actingFor == "chen.mei")
        #expect(signature.principal == "chen.mei")
    }

    @Test func outsideTheWindowTheDelegateIsNotAnApprover() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-08-17T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let refusal = try funnel.refuse(
            .decide(
                .init(
                    report: report, decision: .approve, opinion: "OK", by: "wang.li",
                    at: at("2026-08-17T10:00:00+08:00"))))
        #expect(refusal.code == .notAnApprover)
        #expect(
            refusal.message.hasSuffix("(the delegation from chen.mei runs 2026-08-03…2026-08-14, not on 2026-08-17)"))
        #expect(funnel.engine.inbox(for: "wang.li", at: at("2026-08-17T10:00:00+08:00")).isEmpty)
    }

    @Test func theAbsentApproverMayStillSignThemselves() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-08-05T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        try funnel.decide(report, .approve, by: "chen.mei", at: at("2026-08-05T10:00:00+08:00"))
        #expect(funnel.engine.report(report)?.decisions.first?.signature.actingFor == nil)
    }

    @Test func delegationNeverCascades() throws {
        var formSet = try #require(Examples.acme)
        var onward = try #require(formSet.org?.delegations.first)
        onward.from = Located("wang.li", at: onward.from.location)
        onward.to = Located("huang.zhiming", at: onward.to.location)
        formSet.org?.delegations.append(onward)
        var funnel = Funnel(formSet: formSet)
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-08-05T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let refusal = try funnel.refuse(
            .decide(
                .init(
                    report: report, decision: .approve, opinion: "OK", by: "huang.zhiming",
                    at: at("2026-08-05T10:00:00+08:00"))))
        #expect(refusal.code == .notAnApprover)
    }

    @Test func nobodyActsForAnApproverOnTheirOwnReport() throws {
        var formSet = try #require(Examples.acme)
        // chen.mei delegates to one of her own reps, who files a report chen.mei must sign.
        let location = try #require(formSet.org?.delegations.first?.to.location)
        formSet.org?.delegations[0].to = Located("zhang.yating", at: location)
        var funnel = Funnel(formSet: formSet)
        let report = try funnel.submit(
            "customer_information", for: "hpm", by: "zhang.yating", at: at("2026-08-05T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let refusal = try funnel.refuse(
            .decide(
                .init(
                    report: report, decision: .approve, opinion: "OK", by: "zhang.yating", actingFor: "chen.mei",
                    at: at("2026-08-05T10:00:00+08:00"))))
        #expect(refusal.code == .selfApproval)
        #expect(funnel.engine.inbox(for: "zhang.yating", at: at("2026-08-05T10:00:00+08:00")).isEmpty)
    }

    @Test func aDelegationLimitedToSomePoliciesDoesNotCoverOthers() throws {
        var funnel = try Funnel()
        try funnel.walkToClose("hpm")
        let deal = try funnel.submit(
            "closed_deal", for: "hpm", at: at("2026-08-05T09:00:00+08:00"),
            answers: Funnel.closedDeal(quantity: 10, unitPrice: "150", signed: "2026-08-04", delivery: "2026-08-20"))
        let refusal = try funnel.refuse(
            .decide(
                .init(
                    report: deal, decision: .approve, opinion: "OK", by: "wang.li", at: at("2026-08-05T10:00:00+08:00"))
            ))
        #expect(refusal.code == .notAnApprover)
        #expect(refusal.message.contains("the delegation from chen.mei does not cover policy deal_signoff"))
    }
}
