import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

/// Large and long numbers are kept exactly or refused for what they are, by text (`--set`) and by JSON (`--from`)
/// alike: never rounded, and never made into NaN, which the journal cannot hold.
@Suite struct LargeNumberAnswerTests {
    /// A visit report's answers with `amount` given as `answer`.
    static func submit(amount answer: Answer) throws -> Result<[Event], Refusal> {
        var answers = texts([
            "report_id": "R-000001", "rep_id": "u0", "customer": "Customer 1", "visit_date": "2026-03-02",
            "stage": "proposal", "currency": "CNY", "products": "P-1", "visit_type": "video",
        ])
        answers["amount"] = answer
        let engine = Engine(formSet: try #require(Examples.visitReport))
        return engine.handle(
            .submit(
                .init(
                    report: "r1", form: "visit_report", customer: "c1", answers: answers, by: "u0",
                    at: at("2026-03-02T09:00:00Z"))))
    }

    static func amountError(_ answer: Answer) throws -> String? {
        guard case .failure(let refusal) = try submit(amount: answer) else { return nil }
        return refusal.fieldErrors.first { $0.field == "amount" }?.message
    }

    @Test(
        "a number beyond 10^127 is read as the number it is: its range refuses it by value, not as NaN",
        arguments: ["1e128", "1e150", "2.5e164"])
    func largeJSONNumbers(_ text: String) throws {
        let number = try JSONValue.parse(Array(text.utf8))
        let message = try #require(try Self.amountError(.json(number)))
        #expect(message.contains("at most 100000000"), "\(message)")
        #expect(!message.contains("NaN"), "\(message)")
    }

    @Test("a NaN handed in through the library's JSON answers is refused, never journaled")
    func notANumber() throws {
        let message = try #require(try Self.amountError(.json(.number(.nan))))
        #expect(message == "Expected amount is not a number that can be kept")
    }

    @Test("a number typed with more than 38 significant digits is refused, not rounded")
    func longTypedNumbers() throws {
        let long = "12345678901234567890123456789012345678901"
        let message = try #require(try Self.amountError(.text(long)))
        #expect(message.contains("more than 38 significant digits"), "\(message)")
        let fraction = "1." + String(repeating: "0", count: 40) + "1"
        let small = try Self.amountError(.text(fraction))
        #expect(small?.contains("more than 38 significant digits") == true, "\(String(describing: small))")
    }

    @Test(
        "typed numbers keep their value: leading zeros, a sign, trailing zeros and 38 digits",
        arguments: [
            ("00012.50", "12.5"), ("+7", "7"), ("-0", "0"), ("0.000", "0"), ("450000", "450000"),
            ("123456.78901234567890123456789012345678", "123456.78901234567890123456789012345678"),
        ])
    func typedNumbersAreExact(_ typed: String, _ kept: String) throws {
        let events = try Self.submit(amount: .text(typed))
        // The range (0 to 100,000,000) refuses none of these, nor asks for a justification (above 500,000); the value kept is exactly the one typed.
        guard case .success(let list) = events,
            case .reportSubmitted(let submitted)? = list.first(where: { $0.kind == "report-submitted" })
        else {
            Issue.record("refused: \(events)")
            return
        }
        let expected = try #require(Decimal(string: kept, locale: Locale(identifier: "en_US_POSIX")))
        #expect(submitted.revision.answers["amount"] == .decimal(expected))
        // And the event reads back from the journal's JSON as it was.
        let event = try #require(list.first { $0.kind == "report-submitted" })
        #expect(Event.fromJournal(event.journalJSON) == event)
    }
}
