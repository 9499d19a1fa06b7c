import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkPrompts
import Foundation
import Testing

/// Revising a returned report on the terminal: the conversation starts from the returned answers,
/// says why it came back, asks only what is missing (a field the new form version requires), and
/// what it submits is accepted by `resubmit`.
@Suite struct RevisionConversationTests {
    /// Acme with one returned customer-information report (with a website), as `R-000001`.
    static func returned() throws -> Acme {
        var acme = try Acme()
        var answers = Acme.customerInformation
        answers["website"] = .text("https://hpm.com.tw")
        let id = try acme.submit("customer_information", at: at("2026-03-02T08:00:00+08:00"), answers: answers)
        try acme.run(
            .decide(
                .init(
                    report: id, decision: .return, opinion: "請補上聯絡人職稱。", by: "chen.mei",
                    at: at("2026-03-02T08:30:00+08:00"))))
        return acme
    }

    static func revise(_ engine: Engine, typing lines: [String]) -> (ConversationOutcome, ScriptedTerminal) {
        let terminal = ScriptedTerminal(lines, then: .endOfInput, supportsColor: false)
        var conversation = FormConversation(
            engine: engine, revising: "R-000001", by: "lin.hao", at: monday, terminal: terminal)
        return (conversation.run(), terminal)
    }

    static func resubmit(_ answers: GivenAnswers, on engine: Engine) -> Result<[Event], Refusal> {
        var engine = engine
        return engine.execute(.resubmit(.init(report: "R-000001", changes: answers, by: "lin.hao", at: monday)))
    }

    @Test func aRevisionStartsFromTheReturnedAnswersAndSaysWhy() throws {
        let acme = try Self.returned()
        // Nothing is missing: straight to the review, where answer 9 (the job title) is added.
        let (outcome, terminal) = Self.revise(acme.engine, typing: ["9", "採購經理", "s"])
        guard case .submit(let answers) = outcome else {
            Issue.record("not submitted: \(outcome)\n\(terminal.transcript)")
            return
        }
        #expect(terminal.transcript.contains("returned by 陳美 (chen.mei): 請補上聯絡人職稱。"))
        #expect(!terminal.transcript.contains("The form has changed"))
        #expect(answers["company_name"] == .value(.string("新竹精密機械股份有限公司")))
        #expect(answers["contact_title"] == .text("採購經理"))
        let result = Self.resubmit(answers, on: acme.engine)
        #expect((try? result.get()) != nil, "\(result)")
    }

    @Test func aNewRequiredFieldIsAskedAndADroppedAnswerShown() throws {
        let acme = try Self.returned()
        let engine = Engine(formSet: try Self.acmeWithEmployees(), state: acme.engine.state)
        let (outcome, terminal) = Self.revise(engine, typing: ["85", "s"])
        guard case .submit(let answers) = outcome else {
            Issue.record("not submitted: \(outcome)\n\(terminal.transcript)")
            return
        }
        let transcript = terminal.transcript
        #expect(transcript.contains("The form has changed since this report was filed."))
        #expect(transcript.contains("dropped website (https://hpm.com.tw): 'website' is no longer in form version"))
        #expect(transcript.contains("Employees *"))
        // Only the new field was asked before the review.
        let beforeReview = transcript.components(separatedBy: "== Review ==")[0]
        #expect(!beforeReview.contains("Registered company name"))
        #expect(answers["employees"] == .text("85"))
        #expect(answers["website"] == nil)
        let result = Self.resubmit(answers, on: engine)
        #expect((try? result.get()) != nil, "\(result)")
    }

    @Test func revisingSomeoneElsesReportIsRefusedBeforeAnything() throws {
        let acme = try Self.returned()
        let terminal = ScriptedTerminal([], then: .endOfInput, supportsColor: false)
        var conversation = FormConversation(
            engine: acme.engine, revising: "R-000001", by: "zhang.yating", at: monday, terminal: terminal)
        guard case .refused(let refusal) = conversation.run() else {
            Issue.record("someone else's report was revised")
            return
        }
        #expect(refusal.code == .notTheSubmitter)
        #expect(terminal.transcript.isEmpty)
    }

    /// Acme with `customer_information` changed: `website` removed, `employees` required.
    static func acmeWithEmployees() throws -> FormSet {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formwork-rev-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in ["forms", "workflows", "examples/acme-industrial"] {
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Examples.root.appendingPathComponent(path), to: target)
        }
        let form = folder.appendingPathComponent("forms/customer-information.yaml")
        var text = try String(contentsOf: form, encoding: .utf8)
        let website = try #require(text.range(of: "      - id: website\n"))
        let address = try #require(text.range(of: "      - id: address\n"))
        text.replaceSubrange(
            website.lowerBound..<address.lowerBound,
            with: "      - id: employees\n        type: integer\n        label: Employees\n        required: true\n")
        try text.write(to: form, atomically: true, encoding: .utf8)
        return try #require(
            FormSetLoader().load(folder.appendingPathComponent("examples/acme-industrial").path).formSet)
    }
}
