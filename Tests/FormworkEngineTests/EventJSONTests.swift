import FormworkDefinitions
import FormworkLanguage
import Foundation
import PropertyBased
import Testing

@testable import FormworkEngine

/// The hand-written journal encoding (docs/design/event-json.md) writes exactly the bytes
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes, so the journal stays the same.
@Suite struct EventJSONTests {
    static func foundation(_ event: Event) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(event))
    }

    /// Texts that exercise every escape and none: quotes, backslashes, slashes, every control
    /// character, DEL, non-ASCII and astral scalars, combining marks.
    static let texts: [String] = [
        "", "plain", "a \"quoted\" \\ back/slash", "tab\there\nnew\rline", "\u{8}\u{c}\u{0}\u{1f}\u{7f}",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }), "客戶拜訪報告", "e\u{301}", "😀 x",
        "</script>", "\u{2028}\u{2029}",
    ]

    static let values: [Value] = [
        .null, .bool(true), .bool(false), .int(0), .int(-7), .int(Int.max), .int(Int.min),
        .decimal(Decimal(string: "1200.50") ?? 0), .decimal(Decimal(string: "-0.001") ?? 0), .decimal(0),
        .decimal(Decimal(string: "123456789012345678901234567890") ?? 0), .string("x/y\"z\n"),
        .date(LocalDate("2026-03-02") ?? .minimum), .datetime(at("2026-03-02T09:30:00+08:00")),
        .datetime(at("2026-03-02T09:30:00Z")), .list([]), .list([.string("a"), .int(1), .null]),
        .record(Record(name: "row", ["product": .string("b/6204"), "quantity": .int(2), "total": .null])),
    ]

    static func events(text: String, value: Value) -> [Event] {
        let time = at("2026-03-02T09:00:00+08:00")
        let later = at("2026-03-04T23:59:59-05:30")
        let answers = Answers([
            "amount": value, FieldID(text.isEmpty ? "k" : text): .string(text), "Z_9": .int(1), "a10": .null,
        ])
        let revision = Revision(
            number: 3, at: time, by: PersonID(text), formVersion: "abc", answers: answers, hash: "sha256:00",
            dropped: [DroppedAnswer(field: text, value: value, reason: text)],
            prefilled: [PrefilledAnswer(field: FieldID(text), source: "f.g", report: "r-0")], defaulted: [text, "b"],
            warnings: [
                FieldFinding(field: nil, label: nil, message: text),
                FieldFinding(field: "f", label: text, message: "m"),
            ])
        let sla = StepSLA(days: 2, remindAfter: 1, escalateTo: ["d1", PersonID(text)], trace: [text])
        let routing = Routing(
            policy: "p", policyVersion: text, meaning: text, selfApproval: true, recall: "never", delegation: false,
            material: ["amount", FieldID(text)], opinionRequired: [.approve, .reject],
            steps: [
                RoutedStep(
                    id: "s1", meaning: text, when: "amount > 1", skipped: false, reason: text, approvers: ["u1", "u2"],
                    trace: [text, "t"], quorum: "any", required: 1, decisions: Decision.allCases, sla: sla),
                RoutedStep(
                    id: StepID(text), meaning: "m", when: nil, skipped: true, reason: nil, approvers: [], trace: [],
                    quorum: "2", required: 2, decisions: [.approve],
                    sla: StepSLA(
                        days: 1, remindAfter: nil, escalateTo: [], trace: [])),
            ])
        let signature = Signature(
            signer: "u1", name: text, actingFor: PersonID(text), meaning: text, revision: 1, revisionHash: "h",
            at: later)
        return [
            .customerOpened(CustomerOpened(customer: CustomerID(text), workflow: "w", stage: "s", at: time)),
            .reportSubmitted(
                ReportSubmitted(
                    report: ReportID(text), form: "f", customer: "c", workflow: "w", stage: StageID(text),
                    submitter: "u",
                    at: time, revision: revision, routing: routing)),
            .stepOpened(StepOpened(report: "r", step: "s", at: time, remindAt: later, dueAt: later)),
            .stepOpened(StepOpened(report: "r", step: "s", at: time, remindAt: nil, dueAt: nil)),
            .decisionRecorded(
                DecisionRecorded(report: "r", step: "s", decision: .return, opinion: text, signature: signature)),
            .decisionRecorded(
                DecisionRecorded(
                    report: "r", step: "s", decision: .approve, opinion: nil,
                    signature: Signature(
                        signer: "u1", name: "n", actingFor: nil, meaning: "m", revision: 2, revisionHash: text, at: time
                    )
                )),
            .stepCompleted(StepCompleted(report: "r", step: "s", at: time, approvers: ["u1", PersonID(text)])),
            .reportApproved(ReportOutcome(report: "r", at: time, by: nil, step: nil)),
            .reportReturned(ReportOutcome(report: "r", at: time, by: PersonID(text), step: "s")),
            .reportRejected(ReportOutcome(report: "r", at: time, by: "u1", step: StepID(text))),
            .reportRecalled(ReportOutcome(report: "r", at: time, by: "u1", step: nil)),
            .reportResubmitted(
                ReportResubmitted(
                    report: "r", at: time, by: "u", revision: revision, changed: ["a", FieldID(text)],
                    materialChanged: [],
                    steps: [
                        StepCondition(step: "s", skipped: true, reason: text),
                        StepCondition(step: "t", skipped: false, reason: nil),
                    ])),
            .approvalsVoided(
                ApprovalsVoided(
                    report: "r", at: time, revision: 2, fields: [FieldID(text)],
                    approvals: [
                        VoidedApproval(step: "s", signer: "u1", actingFor: nil, revision: 1),
                        VoidedApproval(step: "s", signer: "u2", actingFor: PersonID(text), revision: 1),
                    ])),
            .reminderSent(ReminderSent(report: "r", step: "s", at: later, remindAt: time, to: ["u1", PersonID(text)])),
            .stepEscalated(StepEscalated(report: "r", step: "s", at: later, dueAt: time, added: [], trace: [text])),
            .customerAdvanced(
                CustomerAdvanced(
                    customer: "c", workflow: "w", from: "a", to: "b", at: time, report: ReportID(text), reason: text)),
            .formSetPublished(
                FormSetPublished(number: 2, version: text, replaces: text, proposal: "r", by: PersonID(text), at: time)),
            .formSetPublished(
                FormSetPublished(number: 1, version: "v", replaces: nil, proposal: "r", by: "u1", at: time)),
        ]
    }

    @Test(arguments: texts)
    func everyKindIsWrittenAsJSONEncoderWritesIt(_ text: String) throws {
        for value in Self.values {
            let events = Self.events(text: text, value: value)
            #expect(Set(events.map(\.kind)) == Set(Event.kinds))
            for event in events {
                let written = try #require(event.handWrittenJSON, "\(event.kind) has a hand-written encoding")
                let expected = try Self.foundation(event)
                #expect(
                    written == expected,
                    "\(event.kind): \(String(decoding: written, as: UTF8.self)) != \(String(decoding: expected, as: UTF8.self))"
                )
                #expect(event.journalJSON == expected)
            }
        }
    }

    @Test("the events of random command sequences are written as JSONEncoder writes them")
    func simulatedJournalsAreWrittenAsJSONEncoderWritesThem() async throws {
        let simulations = [
            Simulation.committee(formSet: try #require(Committee.formSet())),
            Simulation.acme(formSet: try #require(Examples.acme)),
        ]
        await propertyCheck(count: 60, input: EnginePropertyTests.numbers) { numbers in
            for start in simulations {
                var simulation = start
                simulation.run(numbers)
                for event in simulation.journal {
                    #expect(event.handWrittenJSON == (try? Self.foundation(event)))
                }
            }
        }
    }

    @Test func decimalsReadFromTheirFieldsMatchTheirDescription() {
        #expect(DecimalText.layoutVerified)
        let texts = [
            "0", "1", "-1", "0.5", "0.50", "1200.50", "1e5", "-3.000", "0.000001", "123456789.987654321",
            "18446744073709551615", "18446744073709551616", "99999999999999999999999999999999999999", "-0",
            "0.1", "100", "2.5e-10", "7e20",
        ]
        for text in texts {
            guard let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { continue }
            #expect(CanonicalText.decimal(number) == DecimalText.slowCanonical(number), "\(text)")
            #expect(DecimalText.description(number) == number.description, "\(text)")
        }
        var number = Decimal(string: "0.37") ?? 0
        for _ in 0..<200 {
            #expect(CanonicalText.decimal(number) == DecimalText.slowCanonical(number), "\(number)")
            #expect(DecimalText.description(number) == number.description)
            number *= Decimal(string: "-1.7") ?? 0
            number = number / 3
        }
        for integer in [0, 1, 9, 10, 500_000, 1_000_000, Int.max, -42] {
            #expect(CanonicalText.decimal(Decimal(integer)) == DecimalText.slowCanonical(Decimal(integer)))
            #expect(DecimalText.description(Decimal(integer)) == Decimal(integer).description)
        }
    }

    @Test func decimalsComparedOnTheirFieldsMatchFoundation() {
        let texts = [
            "0", "1", "-1", "0.5", "0.50", "-0.5", "0.1", "0.10", "0.11", "1200.50", "1200.5", "1e5", "100000",
            "-3.000", "-3", "0.000001", "1e-6", "123456789.987654321", "18446744073709551615", "18446744073709551616",
            "1844674407370955161.5", "99999999999999999999999999999999999999", "500000", "500000.0001", "499999.9999",
            "100000000", "1e8", "2.5e-10", "7e20", "7e-20", "-7e20", "1e127", "1e-127", "-0.0001", "3", "30e-1",
        ]
        let numbers = texts.compactMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
        #expect(numbers.count == texts.count)
        for var left in numbers {
            for var right in numbers {
                let foundation: Int =
                    switch NSDecimalCompare(&left, &right) {
                    case .orderedSame: 0
                    case .orderedAscending: -1
                    case .orderedDescending: 1
                    }
                if let order = DecimalText.compare(left, right) { #expect(order == foundation, "\(left) vs \(right)") }
            }
        }
        #expect(DecimalText.compare(Decimal(500_000), Decimal(string: "500000.5") ?? 0) == -1)
        #expect(DecimalText.compare(Decimal(0), Decimal(string: "-0.5") ?? 0) == 1)
        #expect(DecimalText.compare(Decimal.nan, Decimal(1)) == nil)
    }

    @Test func decimalsReadFromTheirFieldsMatchFoundationOnRandomNumbers() {
        // Mantissas of every width up to 64 bits and past it, exponents that align within 64 bits and beyond,
        // both signs, zeros and equal pairs: every order and every text the fields give is Foundation's.
        var generator = SplitMix(seed: 0xDEC1_4A1)
        func number() -> Decimal {
            let bits = Int(generator.next() % 66)
            let mantissa = bits == 0 ? 0 : generator.next() >> UInt64(64 - min(bits, 64))
            let exponent = Int(generator.next() % 41) - 20
            let sign: FloatingPointSign = generator.next() % 2 == 0 ? .plus : .minus
            var value = Decimal(sign: sign, exponent: exponent, significand: Decimal(mantissa))
            if bits == 65 { value *= 10_000_000_000 }
            return value
        }
        var answered = 0
        for _ in 0..<20_000 {
            var left = number()
            var right = generator.next() % 4 == 0 ? left : number()
            let foundation: Int =
                switch NSDecimalCompare(&left, &right) {
                case .orderedSame: 0
                case .orderedAscending: -1
                case .orderedDescending: 1
                }
            if let order = DecimalText.compare(left, right) {
                answered += 1
                #expect(order == foundation, "\(left) vs \(right)")
            }
            // The text written from the fields is Foundation's too.
            #expect(DecimalText.description(left) == left.description)
            #expect(CanonicalText.decimal(left) == DecimalText.slowCanonical(left), "\(left)")
        }
        // Most pairs are answered on the fields; otherwise this would check little.
        #expect(answered > 10_000)
    }

    /// The locale-free reading of decimals (form-set bounds, journal values, JSON and typed answers) gives
    /// Foundation's bits, not only an equal value: a decimal's text is written from its fields.
    @Test func decimalsReadWithoutALocaleAreFoundationsBitForBit() {
        func bits(_ number: Decimal?) -> [UInt8]? { number.map { value in withUnsafeBytes(of: value) { Array($0) } } }
        let posix = Locale(identifier: "en_US_POSIX")
        var texts = [
            "0", "-0", "0.00", "-0.0", "00", "007", "0.5", "-0.50", "1200", "1200.50", "500000", "0.0001",
            "9999999999999999999", "18446744073709551615", "18446744073709551616", "12345678901234567890.5",
            "99999999999999999999999999999999999999", "1e3", "-42e-3", "+5", "5.", ".5", "1.2.3", "-", "", "1,5",
            "1 000", "0x10", "１２", "0." + String(repeating: "0", count: 99) + "1",
            "0." + String(repeating: "0", count: 130) + "1", "1" + String(repeating: "0", count: 127),
        ]
        var generator = SplitMix(seed: 0xDEC_7E47)
        for _ in 0..<20_000 {
            let digits = (0..<Int(1 + generator.next() % 24)).map { _ in String(generator.next() % 10) }.joined()
            let point = Int(generator.next() % UInt64(digits.count + 1))
            var text = point == 0 ? digits : String(digits.prefix(point)) + "." + digits.dropFirst(point)
            if point == digits.count { text = digits }
            texts.append(generator.next() % 3 == 0 ? "-" + text : text)
        }
        var fast = 0
        for text in texts {
            #expect(bits(DecimalText.parse(text)) == bits(Decimal(string: text, locale: posix)), "\(text)")
            if let plain = DecimalText.plain(text) {
                fast += 1
                #expect(bits(plain) == bits(Decimal(string: text, locale: posix)), "\(text)")
            }
        }
        // Most texts take the path without a locale; otherwise this would check little.
        #expect(fast > 15_000)
        // Digits and an exponent, as the JSON reader hands them over.
        for _ in 0..<5_000 {
            let count = Int(1 + generator.next() % 38)
            var digits = (0..<count).map { _ in String(generator.next() % 10) }.joined()
            digits = String(digits.drop { $0 == "0" })
            while digits.last == "0" { digits.removeLast() }
            guard !digits.isEmpty else { continue }
            let exponent = Int(generator.next() % 255) - 128
            let negative = generator.next() % 2 == 0
            let foundation = Decimal(string: (negative ? "-" : "") + digits + "e" + String(exponent), locale: posix)
            #expect(
                bits(DecimalText.value(negative: negative, digits: Substring(digits), exponent: exponent))
                    == bits(foundation), "\(digits)e\(exponent)")
        }
    }

    @Test func trimmingWithoutFoundationTrimsAsFoundationDoes() {
        let texts = [
            "", " ", "a", " a", "a ", "\ta\n", "a\u{a0}", "\u{2028}x", "x\u{3000}", "\u{85}", "é", "a b", "\u{b}z",
            "z\u{c}", "\u{1c}q\u{1f}", "~", "!x!", "e\u{301}",
        ]
        for text in texts {
            #expect(text.trimmedOfSpacesAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(text.trimmedOfSpaces == text.trimmingCharacters(in: .whitespaces))
        }
    }
    @Test func keysAreOrderedByTheirUTF8Bytes() {
        let keys = [
            "", "a", "b", "ab", "a_b", "a0", "A", "Z", "_", "amount", "amount_total", "é", "e\u{301}", "z",
            "日本", "日", "🧾", "\u{7F}", "\u{80}", "ß", "ss", "\u{FFFF}", "\u{10000}",
        ]
        for left in keys {
            for right in keys {
                let bytes = Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8))
                #expect(JSONBuffer.utf8Precedes(left, right) == bytes, "\(left) < \(right)")
            }
        }
    }

    @Test("an event is as wide as its small kinds: a submission, a resubmission and a decision are boxed")
    func eventWidth() {
        // Every command's events are built, applied and handed back in arrays: an inline submission (its revision
        // and routing) made each of them 344 bytes, copied at every step.
        #expect(MemoryLayout<Event>.stride <= 128)
    }
}
