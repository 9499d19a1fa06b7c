import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

/// Answers come from people and files (`--set`, `--from`, prompts, later the HTTP API): every answer to every
/// field of the shipped forms, however hostile, is judged, never trapped on, and a refusal names the field.
@Suite struct HostileAnswerTests {
    /// Texts a person or a script might type: numbers beyond every type's range, impossible dates, control and
    /// direction characters, list and row syntax cut short, very long and very nested input.
    static let texts: [String] = [
        "", " ", "\t", "\u{0}", "\r", "a\rb", "a\r\nb", "\u{1B}[31mred", "\u{202E}evil", "\u{FEFF}x", "\u{200B}",
        "e\u{301}", "\u{1F600}", "𠀀", String(repeating: "9", count: 400), "1e400", "-1e400", "1e-400", "-0", "0.0",
        "NaN", "Infinity", "-Infinity", "0x10", "1_000", "1,000", "12.5%", "%", "-%", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "79228162514264337593543950336", ".5", "5.", "+5", "--5",
        "0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01", "2026-02-29", "2026-02-30", "2026-13-01",
        "2026-03-02T25:00:00+08:00", "2026-03-02T09:00:00+24:00", "2026-03-02T09:00:00", "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00+23:59", "true", "yes", "no", "TRUE", "[", "[{", "]", "{}", "[{}]", "[{\"x\": 1}]",
        "[" + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_001), ",", "\\,", ",,,,", "a\\",
        "a\\,b,c", "R-999999", "../../etc/passwd", "%s%n", String(repeating: "x", count: 200_000),
        String(repeating: "長", count: 5_000), String(repeating: "a,", count: 20_000),
    ]

    /// Values a JSON answers file might hold.
    static let json: [JSONValue] = {
        var nested = JSONValue.array([])
        for _ in 0..<300 { nested = .array([nested]) }
        var values: [JSONValue] = [
            .null, .bool(true), .bool(false), .string(""), .string("\u{0}"),
            .string(String(repeating: "x", count: 100_000)),
            .array([]), .array([.null]), .array(Array(repeating: .string("a"), count: 20_000)), .object([:]),
            .object(["x": .number(1)]), nested, .array([.object(["": .null])]),
        ]
        for text in ["0", "-0", "1e120", "-1e120", "1e-120", "3.14159265358979323846264338327950288419", "12.5"] {
            if let number = Decimal(string: text) { values.append(.number(number)) }
        }
        return values
    }()

    static var answers: [Answer] { texts.map(Answer.text) + json.map(Answer.json) }

    @Test("every field of every shipped form judges hostile answers, alone and in a draft, refusing them by field")
    func hostileAnswersAreJudged() throws {
        var funnel = try Funnel()
        try funnel.walkToClose("hpm")
        let engine = funnel.engine
        let time = at("2026-03-20T09:00:00+08:00")
        var (parsed, refused, drafts) = (0, 0, 0)
        for form in engine.formSet.forms {
            let ids = Set(form.fields.map(\.id.value.rawValue))
            for field in form.fields {
                var answers = Self.answers
                // A group's rows, each sub-field holding a hostile answer.
                for sub in field.fields {
                    answers += Self.json.map { Answer.json(.array([.object([sub.id.value.rawValue: $0])])) }
                }
                for answer in answers {
                    switch engine.parse(answer, for: field) {
                    case .success: parsed += 1
                    case .failure(let refusal):
                        refused += 1
                        #expect(!refusal.message.isEmpty)
                    }
                    let draft = engine.draft(
                        form: form.id.value, customer: "hpm", submitter: "lin.hao", at: time,
                        answers: [field.id.value.rawValue: answer])
                    guard draft.refusal == nil else { continue }
                    drafts += 1
                    for error in draft.errors {
                        // A field's finding names a field of the form (or a row of one); the form's own checks none.
                        if let path = error.field {
                            let top = String(path.prefix { $0 != "[" && $0 != "." })
                            #expect(ids.contains(top), "\(form.id.value): a finding on '\(path)'")
                        }
                        #expect(!error.message.isEmpty)
                    }
                }
            }
        }
        #expect(parsed > 500 && refused > 500)
        // Every form could be drafted for the customer at the close stage but the ones its stage does not offer.
        #expect(drafts > 2_000)
    }

    @Test("an answers file damaged byte by byte is refused or judged, never trapped on")
    func damagedAnswersFile() throws {
        var funnel = try Funnel()
        try funnel.walkToVisit("hpm")
        let engine = funnel.engine
        let valid = Array(
            """
            {"visit_date": "2026-03-06", "visit_type": "onsite", "objective": "demonstration",
             "objective_detail": "Show the sealed 6204 bearing on their spindle test rig.",
             "customer_attendees": ["Wang Da-wei (plant manager)", "Chen Li"], "expected_outcome": "A trial order.",
             "supervisor_joins": true, "estimated_value": 1250000.50}
            """.utf8)
        var generator = SplitMix(seed: 0xA5_5E75)
        var (read, refused) = (0, 0)
        for _ in 0..<3_000 {
            var bytes = valid
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let index = Int(generator.next() % UInt64(bytes.count))
                let byte = UInt8(truncatingIfNeeded: generator.next())
                switch generator.next() % 3 {
                case 0: bytes[index] = byte
                case 1: bytes.insert(byte, at: index)
                default: if bytes.count > 1 { bytes.remove(at: index) }
                }
            }
            guard let value = try? JSONValue.parse(bytes) else {
                refused += 1
                continue
            }
            read += 1
            guard case .object(let members) = value else { continue }
            let draft = engine.draft(
                form: "visit_plan", customer: "hpm", submitter: "lin.hao", at: at("2026-03-03T09:00:00+08:00"),
                answers: GivenAnswers(members.mapValues(Answer.json)))
            #expect(draft.refusal == nil)
        }
        #expect(read > 100 && refused > 1_000)
        // Nesting deeper than any form goes is refused, not recursed into without end.
        let deep =
            Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }
}
