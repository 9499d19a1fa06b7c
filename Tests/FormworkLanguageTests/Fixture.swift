import FormworkLanguage
import Foundation
import Testing

/// A small sales-visit form used across the tests: its environment, its answers and a fixed clock.
enum Fixture {
    static let submitter = RecordType(name: "submitter", ["name": .string, "region": .string, "level": .int])
    static let itemRow = RecordType(name: "items", ["product": .string, "amount": .decimal, "quantity": .int])

    static let types: [String: ValueType] = [
        "amount": .decimal,
        "quantity": .int,
        "big": .int,
        "region": .string,
        "notes": .string,
        "visit_date": .date,
        "checked_in": .datetime,
        "approved": .bool,
        "tags": .list(.string),
        "items": .list(.record(itemRow)),
        "submitter": .record(submitter),
        "discount": .decimal,
        "comment": .string,
        "due": .date,
    ]

    static let environment = TypeEnvironment(types)

    static let today = date("2026-03-15")
    static let now = timestamp("2026-03-15T10:00:00+08:00")

    static let bindings: [String: Value] = [
        "amount": .decimal(decimal("1250.50")),
        "quantity": .int(3),
        "big": .int(Int.max),
        "region": .string("north"),
        "notes": .string("Met the buyer; follow up in April"),
        "visit_date": .date(date("2026-03-10")),
        "checked_in": .datetime(timestamp("2026-03-10T09:30:00+08:00")),
        "approved": .bool(true),
        "tags": .list([.string("new"), .string("priority")]),
        "items": .list([
            row("pens", "100.25", 2),
            row("paper", "0.10", 10),
            .record(Record(name: "items", ["product": .string("ink"), "amount": .null, "quantity": .null])),
        ]),
        "submitter": .record(
            Record(name: "submitter", ["name": .string("Ana"), "region": .string("north"), "level": .int(2)])),
        "discount": .null,
        "comment": .string(""),
        "due": .null,
    ]

    static func row(_ product: String, _ amount: String, _ quantity: Int) -> Value {
        .record(
            Record(
                name: "items",
                ["product": .string(product), "amount": .decimal(decimal(amount)), "quantity": .int(quantity)]))
    }

    static func context(_ overrides: [String: Value] = [:]) -> EvaluationContext {
        EvaluationContext(bindings: bindings.merging(overrides) { $1 }, today: today, now: now)
    }

    static func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    static func date(_ text: String) -> LocalDate {
        LocalDate(text) ?? .minimum
    }

    static func timestamp(_ text: String) -> Timestamp {
        Timestamp(text) ?? Timestamp(secondsSinceEpoch: 0)
    }

    /// Parses, type checks (no errors allowed) and evaluates `source` in the fixture.
    static func evaluate(_ source: String, _ overrides: [String: Value] = [:]) throws -> Result<Value, EvaluationError>
    {
        let expression = try #require(Parser.parse(source).expression, "\(Parser.parse(source).diagnostics)")
        let check = TypeChecker.check(expression, in: environment)
        try #require(!check.hasErrors, "\(source): \(check.diagnostics)")
        return Evaluator.evaluate(expression, in: context(overrides))
    }
}
