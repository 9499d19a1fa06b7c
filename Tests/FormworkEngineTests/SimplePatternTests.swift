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

    /// Answers of 64 bytes or more take the matcher's other path, which must answer the same.
    static let longTexts = [
        "R-" + String(repeating: "0", count: 70), String(repeating: "x", count: 100),
        "u" + String(repeating: "7", count: 80),
        String(repeating: "a", count: 80) + "b" + String(repeating: "c", count: 10),
        String(repeating: "a", count: 80) + "bb" + String(repeating: "c", count: 10),
        String(repeating: "AB123", count: 20), String(repeating: "deadBEEF", count: 9) + "g",
        String(repeating: "1_", count: 40), String(repeating: "x", count: 63) + "@y.com",
        String(repeating: " ", count: 64),
        String(repeating: "-", count: 70) + "z", String(repeating: "9", count: 64) + "x",
    ]
    static let longPatterns =
        patterns + [
            "^[0-9]*[0-9]*x$", "a{3,70}b?c{2,}", "[a-z]{64}", "x{0,99}", "[0-9]+9{60}x", "(?:", "[^x]{10,20}x*",
        ]

    @Test(arguments: longPatterns.filter { SimplePattern($0) != nil })
    func longAnswersMatchAsRegexMatches(_ pattern: String) throws {
        let simple = try #require(SimplePattern(pattern))
        let regex = try Regex(pattern)
        for text in Self.longTexts {
            #expect(simple.wholeMatch(text) == ((try regex.wholeMatch(in: text)) != nil), "\(pattern) on \(text)")
        }
    }

    /// Random sequences of classes and quantifiers against random texts from the same few bytes, long
    /// and short: both of the matcher's paths answer as `Regex` does.
    @Test func randomPatternsMatchAsRegexMatches() throws {
        var random = SplitMix(seed: 20_261_130)
        let pieces = ["a", "b", "[ab]", "[^a]", "\\d", "1", "[0-9a]", "\\s"]
        let quantifiers = ["", "", "?", "*", "+", "{2}", "{1,3}", "{2,}", "{0,40}"]
        let alphabet = Array("ab1a2b")
        for _ in 0..<300 {
            var pattern = ""
            for _ in 0..<(1 + Int(random.next() % 5)) {
                pattern += pieces[Int(random.next() % UInt64(pieces.count))]
                pattern += quantifiers[Int(random.next() % UInt64(quantifiers.count))]
            }
            let simple = try #require(SimplePattern(pattern), "\(pattern)")
            let regex = try Regex(pattern)
            for _ in 0..<6 {
                let length = [0, 3, 20, 63, 64, 90][Int(random.next() % 6)]
                let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
                #expect(simple.wholeMatch(text) == ((try regex.wholeMatch(in: text)) != nil), "\(pattern) on \(text)")
            }
            // Texts the pattern makes (so that many match), some with one byte more or one changed.
            for _ in 0..<6 {
                var bytes: [UInt8] = []
                for item in simple.items {
                    let accepted = (0..<128).filter { item.accepts[$0] }.map(UInt8.init)
                    let most = item.max == Int.max ? item.min + 70 : item.max
                    for _ in 0..<(item.min + Int(random.next() % UInt64(most - item.min + 1))) {
                        bytes.append(accepted[Int(random.next() % UInt64(accepted.count))])
                    }
                }
                switch random.next() % 3 {
                case 0: bytes.append(UInt8(ascii: "a"))
                case 1 where !bytes.isEmpty: bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(ascii: "1")
                default: break
                }
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(simple.wholeMatch(text) == ((try regex.wholeMatch(in: text)) != nil), "\(pattern) on \(text)")
            }
        }
    }

    @Test(arguments: declined)
    func otherPatternsAreLeftToRegex(_ pattern: String) {
        #expect(SimplePattern(pattern) == nil, "\(pattern)")
    }
}
