import FormworkLanguage
import Foundation
import Testing

@Suite("Evaluator")
struct EvaluatorTests {
    static func dec(_ text: String) -> Value { .decimal(Fixture.decimal(text)) }
    static func text(_ text: String) -> Value { .string(text) }
    static func date(_ text: String) -> Value { .date(Fixture.date(text)) }

    @Test(
        "operators",
        arguments: [
            ("1 + 2", Value.int(3)),
            ("2 + 3 * 4", .int(14)),
            ("(2 + 3) * 4", .int(20)),
            ("10 - 4 - 3", .int(3)),
            ("7 / 2", dec("3.5")),
            ("6 / 3", dec("2")),
            ("7 % 3", .int(1)),
            ("-7 % 3", .int(-1)),
            ("quantity * 2", .int(6)),
            ("amount * 2", dec("2501")),
            ("amount + quantity", dec("1253.5")),
            ("-quantity", .int(-3)),
            ("'a' + 'b'", text("ab")),
            ("[1] + [2, 3]", .list([.int(1), .int(2), .int(3)])),
            ("1 == 1.0", .bool(true)),
            ("2.50 == 2.5", .bool(true)),
            ("region == 'north'", .bool(true)),
            ("region != 'north'", .bool(false)),
            ("'abc' < 'abd'", .bool(true)),
            ("'Z' < 'a'", .bool(true)),
            ("'e\\u{301}' == '\\u{E9}'", .bool(false)),
            ("visit_date < today()", .bool(true)),
            ("checked_in < now()", .bool(true)),
            ("tags == ['new', 'priority']", .bool(true)),
            ("tags == ['priority', 'new']", .bool(false)),
            ("'pri' in 'priority'", .bool(true)),
            ("'new' in tags", .bool(true)),
            ("'old' in tags", .bool(false)),
            ("3 in [1, 2, 3.0]", .bool(true)),
            ("approved ? 'yes' : 'no'", text("yes")),
            ("quantity > 2 && region == 'north'", .bool(true)),
            ("quantity > 5 || region == 'south'", .bool(false)),
            ("!approved", .bool(false)),
            ("submitter.region", text("north")),
            ("submitter.region == region", .bool(true)),
            ("items.product", .list([text("pens"), text("paper"), text("ink")])),
        ])
    func operators(source: String, expected: Value) throws {
        #expect(try Fixture.evaluate(source).get() == expected)
    }

    @Test(
        "money is exact decimal arithmetic",
        arguments: [
            ("0.1 + 0.2 == 0.3", Value.bool(true)),
            ("0.1 + 0.2", dec("0.3")),
            ("1.10 * 3", dec("3.3")),
            ("100.00 - 99.99", dec("0.01")),
            ("sum(items.amount)", dec("100.35")),
            ("round(1.005, 2)", dec("1.01")),
            ("round(2.345, 2)", dec("2.35")),
            ("round(2.5)", dec("3")),
            ("round(-2.5)", dec("-3")),
            ("round(amount / 3, 2)", dec("416.83")),
        ])
    func money(source: String, expected: Value) throws {
        #expect(try Fixture.evaluate(source).get() == expected)
    }

    @Test("&& and || short-circuit from left to right")
    func shortCircuit() throws {
        #expect(try Fixture.evaluate("false && 1 / 0 > 0").get() == .bool(false))
        #expect(try Fixture.evaluate("true || 1 / 0 > 0").get() == .bool(true))
        #expect(try Fixture.evaluate("quantity > 0 ? 1 : 1 / 0").get() == .int(1))
        #expect(try Fixture.evaluate("coalesce(quantity, big + 1)").get() == .int(3))
        let failure = try Fixture.evaluate("true && 1 / 0 > 0")
        #expect(throws: EvaluationError.self) { try failure.get() }
    }

    @Test(
        "null rules",
        arguments: [
            // `discount` is an empty decimal, `comment` is empty text, `due` is an empty date.
            ("discount == null", [:], Value.bool(true)),
            ("null == null", [:], .bool(true)),
            ("amount == null", [:], .bool(false)),
            ("discount == 0", [:], .bool(false)),
            ("discount != 0", [:], .bool(true)),
            ("discount == discount", [:], .bool(true)),
            ("discount > 0", [:], .bool(false)),
            ("discount < 0", [:], .bool(false)),
            ("discount <= 0", [:], .bool(false)),
            ("discount >= 0", [:], .bool(false)),
            ("due < today()", [:], .bool(false)),
            ("discount + 1", [:], .null),
            ("discount * 2", [:], .null),
            ("1 - discount", [:], .null),
            ("-discount", [:], .null),
            ("discount / 0", [:], .null),
            ("!approved", ["approved": .null], .bool(true)),
            ("approved && true", ["approved": .null], .bool(false)),
            ("approved || true", ["approved": .null], .bool(true)),
            ("approved ? 1 : 2", ["approved": .null], .int(2)),
            ("region in tags", ["tags": .null], .bool(false)),
            ("region in notes", ["notes": .null], .bool(false)),
            ("discount in [1, 2]", [:], .bool(false)),
            ("size(notes)", ["notes": .null], .int(0)),
            ("size(tags)", ["tags": .null], .int(0)),
            ("size(comment)", [:], .int(0)),
            ("has(discount)", [:], .bool(false)),
            ("has(comment)", [:], .bool(false)),
            ("has(tags)", ["tags": .list([])], .bool(false)),
            ("has(notes)", [:], .bool(true)),
            ("has(quantity)", ["quantity": .int(0)], .bool(true)),
            ("contains(notes, 'x')", ["notes": .null], .bool(false)),
            ("startsWith(notes, 'M')", ["notes": .null], .bool(false)),
            ("matches(notes, 'M')", ["notes": .null], .bool(false)),
            ("lower(notes)", ["notes": .null], .null),
            ("daysBetween(due, today())", [:], .null),
            ("addDays(due, 1)", [:], .null),
            ("year(due)", [:], .null),
            ("sum(items.amount)", ["items": .null], .int(0)),
            ("count(items)", ["items": .null], .int(0)),
            ("max(items.amount)", ["items": .null], .null),
            ("items.amount", ["items": .null], .null),
            ("submitter.region", ["submitter": .null], .null),
            ("abs(discount)", [:], .null),
            ("round(discount, 2)", [:], .null),
            ("coalesce(discount, 0)", [:], .int(0)),
            ("coalesce(comment, notes)", [:], text("Met the buyer; follow up in April")),
            ("coalesce(comment, '')", [:], text("")),
            ("coalesce(discount, discount)", [:], .null),
            ("min(discount, 5, 3)", [:], .int(3)),
        ] as [(String, [String: Value], Value)])
    func nullRules(source: String, overrides: [String: Value], expected: Value) throws {
        #expect(try Fixture.evaluate(source, overrides).get() == expected)
    }

    @Test("an empty condition counts as false")
    func emptyConditionIsFalse() throws {
        let expression = try #require(Parser.parse("approved").expression)
        let result = Evaluator.evaluateCondition(expression, in: Fixture.context(["approved": .null]))
        #expect(try result.get() == false)
        let comparison = try #require(Parser.parse("discount > 0").expression)
        #expect(try Evaluator.evaluateCondition(comparison, in: Fixture.context()).get() == false)
    }

    @Test(
        "functions",
        arguments: [
            ("size('h\\u{E9}llo')", Value.int(5)),
            ("size(tags)", .int(2)),
            ("size(items)", .int(3)),
            ("contains(notes, 'buyer')", .bool(true)),
            ("contains(notes, 'Buyer')", .bool(false)),
            ("contains(tags, 'new')", .bool(true)),
            ("contains(tags, 'ne')", .bool(false)),
            ("startsWith(notes, 'Met')", .bool(true)),
            ("startsWith(notes, 'met')", .bool(false)),
            ("endsWith(notes, 'April')", .bool(true)),
            ("endsWith(comment, '')", .bool(true)),
            ("lower('\\u{C0}B')", text("\u{E0}b")),
            ("upper('stra\\u{DF}e')", text("STRASSE")),
            ("trim('  a b \\n')", text("a b")),
            ("matches(region, '^no')", .bool(true)),
            ("matches(region, '^orth')", .bool(false)),
            ("matches(notes, '[0-9]')", .bool(false)),
            ("matches('AB-123', '^[A-Z]{2}-[0-9]{3}$')", .bool(true)),
            ("today()", date("2026-03-15")),
            ("now() == datetime('2026-03-15T02:00:00Z')", .bool(true)),
            ("date('2024-02-29')", date("2024-02-29")),
            ("datetime('2026-03-01T09:30:00+08:00') == datetime('2026-03-01T01:30:00Z')", .bool(true)),
            ("daysBetween(visit_date, today())", .int(5)),
            ("daysBetween(today(), visit_date)", .int(-5)),
            ("daysBetween(date('2024-02-28'), date('2024-03-01'))", .int(2)),
            ("daysBetween(date('2023-02-28'), date('2023-03-01'))", .int(1)),
            ("daysBetween(checked_in, now())", .int(5)),
            ("daysBetween(now(), checked_in)", .int(-5)),
            ("addDays(visit_date, 30)", date("2026-04-09")),
            ("addDays(date('2024-02-28'), 1)", date("2024-02-29")),
            ("addDays(date('2024-03-01'), -1)", date("2024-02-29")),
            ("addDays(checked_in, 1) == datetime('2026-03-11T01:30:00Z')", .bool(true)),
            ("year(visit_date)", .int(2026)),
            ("month(visit_date)", .int(3)),
            ("day(visit_date)", .int(10)),
            ("weekday(today())", .int(7)),
            ("weekday(date('2026-03-16'))", .int(1)),
            ("year(datetime('2026-12-31T23:30:00-05:00'))", .int(2026)),
            ("day(datetime('2026-12-31T23:30:00-05:00'))", .int(31)),
            ("min(3, 1, 2)", .int(1)),
            ("max(1, 2.5)", dec("2.5")),
            ("min(items.quantity)", .int(2)),
            ("max(items.amount)", dec("100.25")),
            ("max(tags)", text("priority")),
            ("min(visit_date, today())", date("2026-03-10")),
            ("min([])", .null),
            ("sum([1, 2, 3])", .int(6)),
            ("sum([1, 2.5])", dec("3.5")),
            ("sum([])", .int(0)),
            ("count([1, null, 3])", .int(2)),
            ("count(['a', '', null])", .int(1)),
            ("min(['', 'b', 'a'])", text("a")),
            ("count(items.amount)", .int(2)),
            ("abs(-3)", .int(3)),
            ("abs(-2.5)", dec("2.5")),
            ("abs(quantity)", .int(3)),
            ("coalesce(discount, amount, 0)", dec("1250.5")),
        ])
    func functions(source: String, expected: Value) throws {
        #expect(try Fixture.evaluate(source).get() == expected)
    }

    @Test(
        "failures are reported with the failing node, never trapped",
        arguments: [
            ("big + 1", EvaluationError.Code.integerOverflow, 0),
            ("big * 2", .integerOverflow, 0),
            ("-big - 2", .integerOverflow, 0),
            ("quantity + -big - 5", .integerOverflow, 0),
            ("abs(-big - 1)", .integerOverflow, 0),
            ("sum([big, 1])", .integerOverflow, 0),
            ("quantity + big", .integerOverflow, 0),
            ("quantity / 0", .divisionByZero, 0),
            ("1 + quantity % 0", .divisionByZero, 4),
            ("amount / 0.0", .divisionByZero, 0),
            ("amount / (quantity - 3)", .divisionByZero, 0),
            ("addDays(date('9999-12-31'), 1)", .dateOutOfRange, 0),
            ("addDays(visit_date, big)", .dateOutOfRange, 0),
            ("addDays(checked_in, big)", .dateOutOfRange, 0),
            ("round(amount, 21)", .invalidArgument, 14),
            ("round(amount, -1)", .invalidArgument, 14),
            (
                "amount * \(String(repeating: "9", count: 38)).0 * 1\(String(repeating: "0", count: 130)).0",
                .decimalOverflow, 0
            ),
        ])
    func failures(source: String, code: EvaluationError.Code, start: Int) throws {
        let result = try Fixture.evaluate(source)
        let error = try #require(throws: EvaluationError.self) { try result.get() }
        #expect(error.code == code)
        #expect(error.span.start == start)
    }

    @Test("a decimal product or quotient below 10^-128 is an error that says so, never a trap")
    func decimalUnderflow() throws {
        let tiny = "0." + String(repeating: "0", count: 120) + "1"
        for source in [
            "amount / 1250.5 * \(tiny) * 0.00000001", "\(tiny) * 0.0000001 * (amount / 1250.5) * 0.001",
            "-amount * \(tiny) * \(tiny)", "amount / 1250.5 * \(tiny) / 1" + String(repeating: "0", count: 20) + ".0",
        ] {
            let error = try #require(throws: EvaluationError.self, "\(source)") { try Fixture.evaluate(source).get() }
            #expect(error.code == .decimalOverflow)
            #expect(error.message.contains("too small"), "\(source): \(error.message)")
        }
        // The nearest decimal when the exact product has digits below 10^-128: 1250.5 × 10^-129 is 1.25 × 10^-126.
        let nearest = try #require(Decimal(string: "0." + String(repeating: "0", count: 125) + "125"))
        #expect(try Fixture.evaluate("amount * 0.00000001 * \(tiny)").get() == .decimal(nearest))
        #expect(try Fixture.evaluate("amount * \(tiny) * 0.00000001").get() == .decimal(nearest))
        // A product that is representable once the digits below 10^-128 are rounded off is computed.
        let long = "(amount / 1250.5 + 0.2345678901234567890123456789012345678)"
        let small = "0." + String(repeating: "0", count: 97) + "1"
        let expected = try #require(
            Decimal(string: "0." + String(repeating: "0", count: 97) + "1234567890123456789012345678901"))
        #expect(try Fixture.evaluate("\(long) * \(small)").get() == .decimal(expected))
        #expect(try Fixture.evaluate("\(small) * \(long)").get() == .decimal(expected))
        // Both operands give up digits when neither has enough to spare alone.
        let split = try Fixture.evaluate(
            "(amount / 1250.5 * 0.123) * 0." + String(repeating: "0", count: 67) + "1 * 0."
                + String(repeating: "0", count: 58)
                + "456"
        ).get()
        guard case .decimal(let value) = split else {
            Issue.record("expected a decimal, got \(split)")
            return
        }
        #expect(value > 0 && value < Decimal(string: "1e-120")!)
    }

    @Test("the remainder of the smallest integer by -1 is 0, not an overflow")
    func remainderByMinusOne() throws {
        #expect(try Fixture.evaluate("(-big - 1) % -1").get() == .int(0))
    }

    @Test("matches refuses text longer than the bound")
    func matchBound() throws {
        let expression = try #require(Parser.parse("matches(notes, 'x')").expression)
        var context = Fixture.context(["notes": .string(String(repeating: "a", count: 5000))])
        let error = try #require(throws: EvaluationError.self) {
            try Evaluator.evaluate(expression, in: context).get()
        }
        #expect(error.code == .inputTooLong)
        #expect(error.span == SourceSpan(start: 8, end: 13))
        context.maximumMatchInputLength = 10_000
        #expect(try Evaluator.evaluate(expression, in: context).get() == .bool(false))
    }

    @Test("unchecked expressions fail cleanly on type errors")
    func uncheckedTypeErrors() throws {
        for source in ["region * 2", "!amount", "region < 5", "5 in 6", "amount.x", "size(1)", "nope(1)", "missing"] {
            let expression = try #require(Parser.parse(source).expression)
            #expect(throws: EvaluationError.self, "\(source)") {
                try Evaluator.evaluate(expression, in: Fixture.context()).get()
            }
        }
    }

    @Test("trees deeper than the evaluator's bound are refused")
    func deepTreesRefused() throws {
        var expression = FormworkLanguage.Expression.literal(.bool(true), span: .unknown)
        for _ in 0..<1000 { expression = .unary(.not, expression, span: .unknown) }
        let error = try #require(throws: EvaluationError.self) {
            try Evaluator.evaluate(expression, in: Fixture.context()).get()
        }
        #expect(error.code == .tooDeep)
        let check = TypeChecker.check(expression, in: Fixture.environment)
        #expect(check.diagnostics.map(\.id) == ["expression-too-deep"])
    }
}
