import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import FormworkPrompts
import Foundation
import Testing

/// The review at the end: every answer with its number, labels aligned by display width, what is
/// still wrong, and submit / edit answer N / cancel.
@Suite struct ReviewTests {
    /// Customer information with neither phone nor email: the form's own check fails at the review.
    static func withoutPhone() -> [String] {
        var lines = FormConversationTests.customerInformation
        lines[10] = ""
        lines.removeLast()
        return lines
    }

    @Test func aFormCheckFailureIsListedByTheLabelsOfTheAnswersItReadsAndBlocksSubmitting() throws {
        let acme = try Acme()
        let run = Scripted(
            "customer_information", on: acme.engine, typing: Self.withoutPhone() + ["s", "11", "03-578-1234", "s"])
        let answers = try #require(run.answers, "\(run.transcript)")
        #expect(answers["contact_phone"] == .text("03-578-1234"))
        let review = run.after("== Review ==")
        #expect(
            review.contains(
                "  error: Phone (11), Email (12): Give at least a phone number or an email address for the contact.\n"
                    + "A number changes that answer, c cancels > s\n"
                    + "Fix the errors above first: type the number of an answer to change it.\n"
                    + "A number changes that answer, c cancels > 11\n"))
        // After the edit, the review is shown again, now clean.
        let second = try #require(review.dropFirst().range(of: "== Review =="))
        #expect(review[second.lowerBound...].contains("   11  Phone                              03-578-1234\n"))
        #expect(review[second.lowerBound...].contains("s submits, a number changes that answer, c cancels > s\n"))
        try expectFiled(answers, form: "customer_information", on: acme.engine)
    }

    @Test func editingAnAnswerKeepsItWithEnterAndAsksWhatItNewlyShows() throws {
        let acme = try Acme()
        var lines = FormConversationTests.customerInformation
        lines.removeLast()
        lines += ["1", "", "14", "1", "Mr. Chen", "s"]
        let run = Scripted("customer_information", on: acme.engine, typing: lines)
        let answers = try #require(run.answers, "\(run.transcript)")
        #expect(answers["company_name"] == .text("Acme TW"))
        #expect(answers["lead_source"] == .text("referral"))
        #expect(answers["referred_by"] == .text("Mr. Chen"))
        let edits = run.after("c cancels > 1\n")
        #expect(edits.contains("Registered company name *"))
        #expect(edits.contains("[Acme TW] > \n"))
        #expect(edits.contains("[Trade show] > 1\n\n== How we met ==\n\nReferred by *\n"))
        try expectFiled(answers, form: "customer_information", on: acme.engine)
    }

    @Test func cancellingAsksForConfirmation() throws {
        let acme = try Acme()
        var lines = FormConversationTests.customerInformation
        lines.removeLast()
        let run = Scripted("customer_information", on: acme.engine, typing: lines + ["c", "n", "x", "c", "y"])
        #expect(run.cancelled)
        #expect(run.transcript.contains("Cancel this report? Nothing will be saved. [y/N] n\n"))
        #expect(run.transcript.contains("> x\nType s, c, or a number from 1 to 17.\n"))
    }

    @Test func labelsAreAlignedByDisplayWidthWithChineseLabels() throws {
        let acme = try Acme()
        let run = Scripted(
            "customer_information", on: acme.speaking("zh-Hant"), typing: FormConversationTests.customerInformation)
        #expect(run.answers != nil, "\(run.transcript)")
        let review = run.after("== Review ==")
        let values = ["Acme TW", "否", "24536806", "機械設備業", "03-578-1234", "展覽會", "2026-03-02"]
        var columns: Set<Int> = []
        for line in review.split(separator: "\n") {
            guard let value = values.first(where: { line.hasSuffix("  " + $0) }) else { continue }
            columns.insert(DisplayWidth.of(line.dropLast(value.count)))
        }
        #expect(columns.count == 1, "\(review)")
        #expect(review.contains("否\n"))
        #expect(review.contains("    1  公司登記名稱"))
    }
}
