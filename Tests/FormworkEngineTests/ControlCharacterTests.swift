import FormworkDefinitions
import FormworkLanguage
import Foundation
import Testing

@testable import FormworkEngine

/// What a rep types reaches a supervisor's screen: answers, customer ids and opinions that carry terminal control
/// characters (an escape sequence clears, recolours or retitles that screen) are refused; line breaks where a text
/// takes several lines, and tabs, are fine. Customer ids are bounded, since they key the store's snapshot.
@Suite struct ControlCharacterTests {
    static let time = at("2026-03-02T09:00:00+08:00")

    func submitInformation(
        _ funnel: inout Funnel, customer: CustomerID = "hpm", changes: GivenAnswers = [:]
    ) throws -> Refusal {
        var answers = Funnel.customerInformation()
        answers.merge(changes)
        return try funnel.refuse(
            .submit(
                .init(
                    report: "r-1", form: "customer_information", customer: customer, answers: answers,
                    by: "lin.hao", at: Self.time)))
    }

    @Test func answersWithControlCharactersAreRefusedNamingTheCharacter() throws {
        var funnel = try Funnel()
        for (typed, name) in [("Acme\u{1B}[2J", "U+001B"), ("Ac\u{7}me", "U+0007"), ("Acme\u{9B}31m", "U+009B")] {
            let refusal = try submitInformation(&funnel, changes: ["company_name": .text(typed)])
            #expect(refusal.code == .invalidAnswers)
            #expect(
                refusal.fieldErrors.map(\.message) == [
                    "Registered company name holds the control character \(name), which would garble the screen of "
                        + "whoever reads the report; remove it"
                ])
        }
        // A carriage return alone is not a line break: on a terminal what follows it hides what came before it.
        for typed in ["Visited.\rAll fine", "Visited.\r", "\r\rtwo", "a\r\nb\rc"] {
            let refusal = try submitInformation(&funnel, changes: ["notes": .text(typed)])
            #expect(refusal.code == .invalidAnswers, "\(typed.debugDescription)")
            #expect(refusal.fieldErrors.first?.message.contains("holds the control character U+000D") == true)
        }
        // Line breaks in a long text (a line feed, or a carriage return and a line feed) and a tab anywhere are
        // text, not control.
        try funnel.submit(
            "customer_information", for: "hpm", at: Self.time,
            answers: Funnel.customerInformation().merging([
                "notes": .text("First line\nsecond line\twith a tab\r\nthird"), "company_name": .text("Acme\tTW"),
            ]))
    }

    @Test func customerIDsWithControlCharactersOrTooLongAreRefused() throws {
        var funnel = try Funnel()
        let escaped = try submitInformation(&funnel, customer: "acme\u{1B}]0;owned\u{7}")
        #expect(escaped.code == .invalidCustomer)
        #expect(
            escaped.message == "the customer id holds the control character U+001B; use letters, digits and punctuation"
        )
        let long = CustomerID(String(repeating: "客", count: 86))
        let tooLong = try submitInformation(&funnel, customer: long)
        #expect(tooLong.code == .invalidCustomer)
        #expect(
            tooLong.message
                == "the customer id is 258 bytes long (UTF-8); at most 256 (256 Latin letters, about 85 Chinese characters)"
        )
        try funnel.submit(
            "customer_information", for: CustomerID(String(repeating: "客", count: 85)), at: Self.time,
            answers: Funnel.customerInformation())
    }

    @Test func opinionsWithControlCharactersAreRefused() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: Self.time, answers: Funnel.customerInformation())
        let refusal = try funnel.refuse(
            .decide(
                .init(
                    report: report, decision: .approve, opinion: "Fine.\u{1B}[8m hidden", by: "chen.mei",
                    at: at("2026-03-02T10:00:00+08:00"))))
        #expect(refusal.code == .invalidOpinion)
        #expect(refusal.category == .invalidData)
        #expect(refusal.message.hasPrefix("the opinion holds the control character U+001B"))
        try funnel.decide(report, .approve, at: at("2026-03-02T10:00:00+08:00"), opinion: "Good.\nSecond line.")
    }

    /// Every character up to U+00FF and a few wider ones, alone, inside a text and at its end, with and without
    /// line breaks allowed: the scan over bytes (and its printable-ASCII shortcut) finds what the definition over
    /// scalars finds.
    @Test func theByteScanAgreesWithTheDefinitionOverScalars() {
        func expected(_ text: String, allowingLineBreaks: Bool) -> Unicode.Scalar? {
            let scalars = Array(text.unicodeScalars)
            for (index, scalar) in scalars.enumerated() {
                switch scalar.value {
                case 0x09: continue
                case 0x0A where allowingLineBreaks: continue
                case 0x0D where allowingLineBreaks && index + 1 < scalars.count && scalars[index + 1] == "\n": continue
                case 0x00..<0x20, 0x7F, 0x80...0x9F: return scalar
                default: continue
                }
            }
            return nil
        }
        var characters = (0...0xFF).compactMap(Unicode.Scalar.init).map { String(Character($0)) }
        characters += ["\r\n", "\n\r", "\r\r", "é", "中", "😀", "\u{2028}", "\u{A0}", "\u{FFFD}"]
        for character in characters {
            for text in [character, "ab" + character + "cd", "Customer Holdings " + character, character + "x"] {
                for allowing in [false, true] {
                    #expect(
                        ControlCharacters.first(in: text, allowingLineBreaks: allowing)
                            == expected(text, allowingLineBreaks: allowing),
                        "\(text.unicodeScalars.map { String($0.value, radix: 16) }) allowing line breaks: \(allowing)")
                }
            }
        }
    }
}
