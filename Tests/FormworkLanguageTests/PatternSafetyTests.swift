import FormworkLanguage
import Foundation
import Testing

@Suite struct PatternSafetyTests {
    @Test(
        "a repeated group that itself repeats without bound is found",
        arguments: [
            #"^([0-9]+)+$"#, #"(a*)*"#, #"(\d+)*"#, #"^([a-z]+\s?)+$"#, #"((ab)+)+"#, #"(x{2,})+"#, #"(.*)*"#,
            #"^(?:[A-Z][a-z]*)+$"#, #"(([0-9])+-)+"#, #"([^,]+,?){2,}"#, #"(a+?)+"#,
        ])
    func dangerous(pattern: String) {
        #expect(PatternSafety.nestedRepetition(in: pattern) != nil)
    }

    @Test(
        "bounded counts, single repetition, escapes and classes are left alone",
        arguments: [
            #"^[0-9]{8}$"#, #"^https?://[^ ]+$"#, #"^R-[0-9]{6}$"#, #"^u[0-9]+$"#, #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#,
            #"([0-9]{3}-){2}[0-9]{4}"#, #"^(ab)+$"#, #"[(]+"#, #"\(+"#, #"(a|b)+"#, #"^[A-Z]{3}-\d{4}$"#,
            #"([0-9]+)"#, #"(\+)+"#, #"([+*])+"#, #"([0-9]{1,3}\.){3}[0-9]{1,3}"#, "",
        ])
    func safe(pattern: String) {
        #expect(PatternSafety.nestedRepetition(in: pattern) == nil)
    }

    @Test("matches() with such a pattern is refused when the rule is checked")
    func typeChecked() throws {
        let expression = try #require(Parser.parse("matches(region, '^([0-9]+)+$')").expression)
        let check = TypeChecker.check(expression, in: Fixture.environment)
        let diagnostic = try #require(check.diagnostics.first)
        #expect(diagnostic.message.contains("exponential time"))
        #expect(check.hasErrors)
    }
}
