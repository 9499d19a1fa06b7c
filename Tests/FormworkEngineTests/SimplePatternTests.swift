import Testing

@testable import FormworkEngine

/// The matcher for simple field patterns answers as `Regex.wholeMatch` does, and declines the rest.
@Suite struct SimplePatternTests {
    static let patterns = [
        "^R-[0-9]{6}$", "^u[0-9]+$", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "[A-Z]{2}\\d{3,5}", "a*b?c+", "^$", "",
        "[^0-9 ]+", "\\w+@\\w+\\.com", "x{2,}", "[a-]z", "[-a]z", "\\s?\\-\\.", "[0-9a-fA-F]{8}", "[\\d_]{1,3}",
        "P-[1-8]00", "[^^]", "a\\$", "[a\\]]",
    ]
    static let declined = [
        "(ab)+", "a|b", "a.c", "a+?", "a++", "[a--b]", "[[a]]", "\\bx", "[a&&b]", "\\p{L}", "(?i)a", "a{,3}",
        "é+", "\\D", "[z-a]",
    ]
    static let texts = [
        "", "R-000042", "R-00042", "R-0000420", "u17", "u", "2026-03-01", "2026-3-01", "AB123", "AB12", "AB123456",
        "abbc", "ac", "abc", "c", "12 34", "x@y.com", "xx", "x", "xxx", "-z", "az", "z", " -.", "-.", "deadBEEF",
        "1_", "P-300", "P-900", "^", "a", "a$", "]", "R-00004²", "u1\u{301}", "tab\tx",
    ]

    @Test(arguments: patterns)
    func simplePatternsMatchAsRegexMatches(_ pattern: String) throws {
        let simple = try #require(SimplePattern(pattern), "\(pattern) is compiled")
        let regex = try Regex(pattern)
        for text in Self.texts {
            let expected = (try regex.wholeMatch(in: text)) != nil
            if let matched = simple.wholeMatch(text) {
                #expect(matched == expected, "\(pattern) on \(text)")
            } else {
                #expect(text.utf8.contains { $0 < 0x20 || $0 >= 0x7f }, "only non-ASCII text is declined")
            }
        }
    }

    @Test(arguments: declined)
    func otherPatternsAreLeftToRegex(_ pattern: String) {
        #expect(SimplePattern(pattern) == nil, "\(pattern)")
    }
}
