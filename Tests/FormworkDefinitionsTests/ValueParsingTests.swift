import FormworkDefinitions
import Testing

@Suite struct ValueParsingTests {
    @Test(arguments: [
        ("2026", "2026"), ("2026-Q1", "2026-Q1"), ("2026-Q4", "2026-Q4"), ("2026-03", "2026-03"),
        ("2026-12", "2026-12"),
    ])
    func periodsParseAndPrint(_ text: String, _ printed: String) throws {
        #expect(try #require(Period(parsing: text)).description == printed)
    }

    @Test(arguments: ["2026-Q5", "2026-Q0", "2026-13", "2026-00", "+202", "26", "2026-3", "2026-q1", "２０２６", ""])
    func malformedPeriodsAreRefused(_ text: String) {
        #expect(Period(parsing: text) == nil)
    }

    @Test(
        arguments: [
            ("requried", ["required", "repeatable"], "required"),
            ("visit_pln", ["visit_plan", "visit_record"], "visit_plan"),
            ("sales_rep", ["rep", "supervisor"], "rep"),
            ("zzz", ["rep", "supervisor"], nil),
            ("Required", ["required"], "required"),
        ] as [(String, [String], String?)])
    func didYouMean(_ word: String, _ candidates: [String], _ expected: String?) {
        #expect(Suggestion.closest(to: word, in: candidates) == expected)
    }
}
