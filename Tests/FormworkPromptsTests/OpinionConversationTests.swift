import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkPrompts
import Testing

/// The supervisor's side: the report being signed and the customer's history shown, then the opinion.
@Suite struct OpinionConversationTests {
    @Test func showsTheReportAndTheCustomersHistoryThenAsksUntilAnOpinionIsGiven() throws {
        var acme = try Acme()
        try acme.walkToVisit()
        let report = try acme.submit(
            "customer_qualification", at: at("2026-03-02T09:00:00+08:00"), answers: Acme.qualification)
        let terminal = ScriptedTerminal(["", "Budget is real.", "Visit them this week.", ""])
        let result = OpinionConversation(engine: acme.engine, report: report, decision: .approve, terminal: terminal)
            .run()
        #expect(try result.get() == "Budget is real.\nVisit them this week.")
        let shown = terminal.transcript
        #expect(shown.contains("R-000003: Customer qualification\n"))
        #expect(
            shown.contains("customer acme-tw, filed by lin.hao (林浩) at 2026-03-02T09:00:00+08:00, revision 1, pending"))
        #expect(shown.contains("  Budget" + String(repeating: " ", count: 32) + "Budget approved\n"))
        #expect(shown.contains("Customer acme-tw, recent history (latest 6 of "))
        #expect(shown.contains("lin.hao filed customer_qualification R-000003"))
        #expect(shown.contains("Your opinion, to approve R-000003 (policy standard_signoff requires one)"))
        #expect(shown.contains("> \n  error: an opinion is required to approve this report\n> Budget is real.\n"))
    }

    @Test func earlierOpinionsAreShownAndTextsFollowTheLocale() throws {
        var acme = try Acme()
        let report = try acme.submit(
            "customer_information", at: at("2026-03-02T08:00:00+08:00"), answers: Acme.customerInformation)
        try acme.run(
            .decide(
                .init(
                    report: report, decision: .return, opinion: "Add the tax id.", by: "chen.mei",
                    at: at("2026-03-02T08:30:00+08:00"))))
        let terminal = ScriptedTerminal([], then: .interrupted)
        let result = OpinionConversation(
            engine: acme.speaking("zh-Hant"), report: report, decision: .reject, terminal: terminal
        ).run()
        #expect(throws: ConversationStop.interrupted) { try result.get() }
        #expect(terminal.transcript.contains("R-000001: 客戶資訊收集表"))
        #expect(terminal.transcript.contains("  公司登記名稱  新竹精密機械股份有限公司\n"))
        #expect(terminal.transcript.contains("return by 陳美:\n    Add the tax id.\n"))
    }
}
