import FormworkLanguage
import Foundation
import PropertyBased
import Testing

@Suite struct LinearPatternTests {
    /// Patterns of every construct supported, each against texts that match and texts that do not.
    static let patterns = [
        "^R-[0-9]{6}$", "^u[0-9]+$", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "^https?://[^ ]+$", "^[A-Z]{3}(-[0-9]{2,4})?$",
        "^(a|aa)*$", "^(?:ab|a)+b?$", "^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$", "colou?r", "^.{2,5}$", "x.y",
        "^\\d+(\\.\\d{1,2})?$", "^\\w+$", "^\\s*$", "^\\S+\\s\\S+$", "^[^\\d]*$", "^(\\D|\\W)+$", "a{0,3}b", "^$",
        "(cat|dog)s?$", "^((a|b)c)*$", "^a*?b+?$", "^[\\-+]?[0-9]+$", "^[\\]\\[]+$", "^\\(\\)\\{\\}\\|\\.\\*$",
        "^(|a)b$", "^[é中]+$", "^公司.*$", "^a\\tb\\n$",
    ]
    static let texts = [
        "", "a", "aa", "aaa", "ab", "abb", "b", "R-000042", "R-00042", "u17", "u", "2026-03-02", "2026-3-2",
        "http://x.y", "https://x y", "ABC", "ABC-12", "ABC-12345", "color", "my colour", "colr", "x.y", "xzy",
        "12", "12.5", "12.555", "abc_9", "abc-9", "   ", " \t", "a b", "a  b", "!!", "a1", "ac", "acbc", "acb",
        "cats", "dog", "the dogs", "bird", "-12", "+7", "7-", "[]]", "(){}|.*", "中é", "公司名", "公", "a\tb\n",
        "jane.doe@example.com", "jane@ex", "é", "e\u{301}",
    ]

    @Test func agreesWithSwiftRegexOnEveryConstruct() throws {
        for source in Self.patterns {
            let pattern = try #require(LinearPattern(source), "\(source)")
            let regex = try Regex(source)
            for text in Self.texts {
                let whole = (try regex.wholeMatch(in: text)) != nil
                let somewhere = (try regex.firstMatch(in: text)) != nil
                #expect(pattern.wholeMatch(text) == whole, "\(source) whole \(text.debugDescription)")
                #expect(pattern.firstMatch(text) == somewhere, "\(source) first \(text.debugDescription)")
            }
        }
    }

    @Test func randomPatternsAgreeWithSwiftRegexOnShortTexts() throws {
        // Small random patterns over a two-letter alphabet, where the two engines must agree exactly.
        var generator = Xoshiro(seed: (7, 11, 13, 17))
        let atoms = ["a", "b", ".", "[ab]", "[^a]", "(a|b)", "(ab|a)", "(a|)", "(?:ba)", "a{2}", "b{1,2}", "(a*)"]
        let quantifiers = ["", "", "*", "+", "?", "{0,2}"]
        var compared = 0
        for _ in 0..<300 {
            var source = Bool.random(using: &generator) ? "^" : ""
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                source += atoms.randomElement(using: &generator)! + quantifiers.randomElement(using: &generator)!
            }
            if Bool.random(using: &generator) { source += "$" }
            // A quantifier on a quantified atom (`b{1,2}+`) is possessive in Swift's syntax, and refused here.
            guard let regex = try? Regex(source), let pattern = LinearPattern(source) else { continue }
            compared += 1
            for length in 0...5 {
                for _ in 0..<4 {
                    let text = String((0..<length).map { _ in Bool.random(using: &generator) ? "a" : "b" })
                    #expect(
                        pattern.wholeMatch(text) == ((try regex.wholeMatch(in: text)) != nil),
                        "\(source) whole \(text)")
                    #expect(
                        pattern.firstMatch(text) == ((try regex.firstMatch(in: text)) != nil),
                        "\(source) first \(text)")
                }
            }
        }
        #expect(compared > 200)
    }

    @Test func patternsThatMakeABacktrackingEngineRunForEverAnswerAtOnce() throws {
        // Each of these takes Swift's Regex longer than anyone waits on 40 characters; here, 20,000.
        let long = String(repeating: "a", count: 20_000) + "!"
        for source in ["^(a|aa)*$", "^(a|a)*$", "^(?:a|a)*b", "^(a|a?)+$", "^([0-9a]+)+$", "(a*)*$", "^a*a*a*a*a*a*$x"]
        {
            let pattern = try #require(LinearPattern(source), "\(source)")
            #expect(!pattern.wholeMatch(long), "\(source)")
        }
        let equals = String(repeating: "x", count: 5_000)
        #expect(LinearPattern(".*.*.*.*.*.*=")?.firstMatch(equals) == false)
        #expect(LinearPattern(".*.*.*.*.*.*=")?.firstMatch(equals + "=") == true)
        #expect(LinearPattern("^(a|aa)*$")?.wholeMatch(String(repeating: "a", count: 20_000)) == true)
    }

    @Test(arguments: [
        ("(?=a)b", "look-around"), ("(?i)abc", "flags"), ("(?<year>[0-9]{4})", "named groups"), ("(a)\\1", "'\\1'"),
        ("\\bword\\b", "'\\b'"), ("\\p{Han}+", "'\\p'"), ("a*+", "possessive"), ("a**", "quantifier after"),
        ("(ab", "never closed"), ("ab)", "unmatched ')'"), ("[ab", "never closed"), ("*a", "nothing before it"),
        ("a{2,1}", "not a count"), ("[z-a]", "range"), ("a]", "unescaped ']'"), ("^*", "repeats nothing"),
        ("[[:alpha:]]", "nested classes"), ("[a--b]", "set operations"), ("abc\\", "lone '\\'"),
        ("(a{100}){100}", "too large"),
    ])
    func whatIsNotSupportedIsNamed(source: String, words: String) {
        guard case .failure(let failure) = LinearPattern.compile(source) else {
            Issue.record("\(source) compiled")
            return
        }
        #expect(failure.message.contains(words), "\(source): \(failure.message)")
    }

    @Test func aWindowsLineBreakIsTwoCharactersAsInEveryOtherEngine() throws {
        // Swift makes "\r\n" one Character; JSON Schema's validators and Python read two.
        for (source, matches) in [
            ("a\\r\\nb", true), ("a\\s\\sb", true), ("a[\\r][\\n]b", true), ("a\\sb", false), ("a[^x]b", false),
            ("a..b", false), ("a\\r?\\nb", true),
        ] {
            let pattern = try #require(LinearPattern(source), "\(source)")
            #expect(pattern.wholeMatch("a\r\nb") == matches, "\(source)")
            #expect(pattern.firstMatch("x a\r\nb y") == matches, "\(source)")
        }
    }

    @Test func deeplyNestedGroupsAreRefusedNotRecursedInto() {
        let deep = String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000)
        guard case .failure(let failure) = LinearPattern.compile(deep) else {
            Issue.record("compiled")
            return
        }
        #expect(failure.message.contains("32 deep"))
    }
}
