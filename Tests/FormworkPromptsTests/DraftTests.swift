import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkPrompts
import Foundation
import Testing

/// `Engine.draft`: what a report being filled in shows, fills in by itself and gets wrong so far.
@Suite struct DraftTests {
    @Test func visibilityFollowsShowIfOfFieldsAndSections() throws {
        let engine = try Acme().engine
        let empty = engine.draft(
            form: "customer_information", customer: "acme-tw", submitter: "lin.hao", at: monday, answers: [:])
        #expect(empty.refusal == nil)
        #expect(empty.visible.contains("tax_id"))
        #expect(!empty.visible.contains("country"))
        #expect(!empty.visible.contains("referred_by"))
        let overseas = engine.draft(
            form: "customer_information", customer: "acme-tw", submitter: "lin.hao", at: monday,
            answers: texts(["overseas": "yes", "lead_source": "referral"]))
        #expect(!overseas.visible.contains("tax_id"))
        #expect(overseas.visible.contains("country"))
        #expect(overseas.visible.contains("referred_by"))
        #expect(overseas.offered["billing_currency"] == .string("USD"))
        #expect(overseas.offered["first_contact_date"] == .date(LocalDate(year: 2026, month: 3, day: 2) ?? .minimum))
    }

    @Test func findingsAreTheSubmissionsOwnAndFormChecksNameTheirFields() throws {
        let engine = try Acme().engine
        let answers = texts(["company_name": "A", "tax_id": "12", "industry": "machinery", "lead_source": "website"])
        let draft = engine.draft(
            form: "customer_information", customer: "acme-tw", submitter: "lin.hao", at: monday, answers: answers)
        let refusal = engine.handle(
            .submit(
                .init(
                    report: "R-1", form: "customer_information", customer: "acme-tw", answers: answers,
                    by: "lin.hao", at: monday)))
        guard case .failure(let refused) = refusal else {
            Issue.record("expected a refusal")
            return
        }
        #expect(draft.errors == refused.fieldErrors)
        #expect(
            draft.errors(at: "tax_id").map(\.message) == [
                "Unified business number must match the pattern ^[0-9]{8}$; '12' does not"
            ])
        #expect(draft.errors(at: "contact_name").map(\.message) == ["Contact name is required"])
        #expect(
            draft.formFindings == [
                .init(
                    message: "Give at least a phone number or an email address for the contact.", isWarning: false,
                    fields: ["contact_phone", "contact_email"])
            ])
    }

    @Test func prefillIsOfferedWithItsSourceAndARefusedFilingSaysWhy() throws {
        var acme = try Acme()
        try acme.walkToVisit()
        let draft = acme.engine.draft(
            form: "visit_plan", customer: "acme-tw", submitter: "lin.hao", at: monday, answers: [:])
        #expect(draft.offered["company_name"] == .string("新竹精密機械股份有限公司"))
        #expect(draft.prefilled["company_name"]?.report == "R-000001")
        #expect(draft.offered["visit_type"] == .string("onsite"))
        let given = acme.engine.draft(
            form: "visit_plan", customer: "acme-tw", submitter: "lin.hao", at: monday,
            answers: texts(["company_name": "HPM"]))
        #expect(given.offered["company_name"] == nil)
        #expect(given.values["company_name"] == .string("HPM"))
        let gated = acme.engine.draft(
            form: "visit_record", customer: "acme-tw", submitter: "lin.hao", at: monday, answers: [:])
        #expect(gated.refusal?.code == .gateClosed)
        let stranger = acme.engine.draft(
            form: "visit_plan", customer: "acme-tw", submitter: "nobody", at: monday, answers: [:])
        #expect(stranger.refusal?.code == .unknownPerson)
        let unknown = acme.engine.draft(
            form: "visit_plna", customer: "acme-tw", submitter: "lin.hao", at: monday, answers: [:])
        #expect(unknown.refusal?.code == .unknownForm)
    }

    @Test func rowsHaveTheirOwnVisibilityDefaultsAndErrors() throws {
        let engine = try GroupConversationTests.engine()
        let rows: Value = .list([
            .record(Record(name: "row", ["product": .string("pens"), "quantity": .string("0")])),
            .record(Record(name: "row", ["product": .string("paper"), "gift": .string("yes")])),
        ])
        let draft = engine.draft(
            form: "order", customer: "carl", submitter: "ann", at: monday,
            answers: ["lines": .value(rows), "fixed": .text("yes")])
        #expect(!draft.visible.contains("lines[1].gift_note"))
        #expect(draft.visible.contains("lines[2].gift_note"))
        #expect(draft.offered["lines[1].gift"] == .bool(false))
        #expect(draft.errors(at: "lines[1].quantity").map(\.message) == ["Quantity must be at least 1; it is 0"])
        #expect(draft.errors(at: "lines[2].quantity").map(\.message) == ["Quantity is required"])
        #expect(draft.errors(at: "lines").isEmpty)
        #expect(draft.errors(at: "lines", rows: true).count == 2)
        #expect(draft.readOnly == ["price"])
        #expect(draft.offered["price"] == .decimal(100))
    }
}
