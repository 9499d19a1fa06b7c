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

    @Test(arguments: [
        "2026-Q5", "2026-Q0", "2026-13", "2026-00", "+202", "26", "2026-3", "2026-q1", "２０２６", "", "2026-",
        "2026-Q", "2026-Q1x", "2026-1Q", "2026 Q1", "2026-0\u{301}3", "2026-٠٣", "202٦", "2026-Q+1", "2026-+3",
        "2026--3", "2026-Q٣",
    ])
    func malformedPeriodsAreRefused(_ text: String) {
        #expect(Period(parsing: text) == nil)
    }

    /// The parser reads bytes; the definition it keeps is the one over `Character`s it replaced (split at
    /// dashes, four ASCII digits, then `Q` and a quarter or two digits of a month), compared on texts made of
    /// digits, dashes, `Q`s and characters that look like them.
    @Test func periodsParseAsTheCharacterDefinitionDoes() {
        func reference(_ text: String) -> (year: Int, kind: Period.Kind)? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard let first = parts.first, first.count == 4, first.allSatisfy({ $0.isASCII && $0.isNumber }),
                let year = Int(first)
            else { return nil }
            let kind: Period.Kind
            if parts.count == 1 {
                kind = .year
            } else if parts.count == 2, parts[1].count == 2, parts[1].first == "Q",
                let q = Int(parts[1].dropFirst()), (1...4).contains(q)
            {
                kind = .quarter(q)
            } else if parts.count == 2, parts[1].count == 2, parts[1].allSatisfy(\.isNumber), let m = Int(parts[1]),
                (1...12).contains(m)
            {
                kind = .month(m)
            } else {
                return nil
            }
            return (year, kind)
        }
        // Every text of a prefix and up to three more characters of the alphabet: each shape a period takes, and
        // its near misses, exhaustively.
        let alphabet: [String] = ["0", "1", "2", "4", "9", "-", "Q", "q", "٣", "\u{301}", "+", " ", "Ｑ"]
        var suffixes = [""]
        var longest = [""]
        for _ in 0..<3 {
            longest = longest.flatMap { suffix in alphabet.map { suffix + $0 } }
            suffixes += longest
        }
        for prefix in ["2026", "2026-", "2026-Q", "0026", "20", "202٦", ""] {
            for suffix in suffixes {
                let text = prefix + suffix
                let parsed = Period(parsing: text)
                let expected = reference(text)
                #expect(parsed?.year == expected?.year && parsed?.kind == expected?.kind, "\(text)")
            }
        }
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
