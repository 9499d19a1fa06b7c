import FormworkLanguage
import Foundation
import PropertyBased

/// Random syntax trees and random texts for the property tests.
enum ExpressionGenerator {
    static let names = ["a", "b", "amount", "items", "x_1", "_hidden", "Region", "value", "inside", "nullable"]
    static let functions = ["has", "size", "sum", "f", "coalesce", "today"]
    static let members = ["amount", "region", "b", "z9"]

    /// Trees up to `depth` levels deep, with every kind of node and literal.
    static func expressions(
        depth: Int = 5
    ) -> Generator<FormworkLanguage.Expression, Shrink.None<FormworkLanguage.Expression>> {
        Generator { rng in expression(depth: depth, using: &rng) }
    }

    static func expression(depth: Int, using rng: inout any SeededRandomNumberGenerator) -> FormworkLanguage.Expression
    {
        let none = SourceSpan.unknown
        let leafOnly = depth <= 1
        switch Int.random(in: 0..<(leafOnly ? 2 : 9), using: &rng) {
        case 0:
            return .literal(literal(using: &rng), span: none)
        case 1:
            return .name(names.randomElement(using: &rng) ?? "a", span: none)
        case 2:
            let base = expression(depth: depth - 1, using: &rng)
            return .member(base, name: members.randomElement(using: &rng) ?? "b", span: none)
        case 3:
            let op = UnaryOperator.allCases.randomElement(using: &rng) ?? .not
            return .unary(op, expression(depth: depth - 1, using: &rng), span: none)
        case 4, 5:
            let op = BinaryOperator.allCases.randomElement(using: &rng) ?? .add
            let left = expression(depth: depth - 1, using: &rng)
            let right = expression(depth: depth - 1, using: &rng)
            return .binary(op, left, right, span: none)
        case 6:
            return .conditional(
                expression(depth: depth - 1, using: &rng), expression(depth: depth - 1, using: &rng),
                expression(depth: depth - 1, using: &rng), span: none)
        case 7:
            let count = Int.random(in: 0...3, using: &rng)
            let arguments = (0..<count).map { _ in expression(depth: depth - 1, using: &rng) }
            return .call(functions.randomElement(using: &rng) ?? "f", arguments: arguments, span: none)
        default:
            let count = Int.random(in: 0...3, using: &rng)
            return .list((0..<count).map { _ in expression(depth: depth - 1, using: &rng) }, span: none)
        }
    }

    static func literal(using rng: inout any SeededRandomNumberGenerator) -> Literal {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .int(Int.random(in: 0...Int.max, using: &rng))
        case 3: return .int(Int.random(in: 0...100, using: &rng))
        case 4:
            let whole = Int.random(in: 0...999_999_999, using: &rng)
            let fraction = Int.random(in: 0...999_999, using: &rng)
            let text = "\(whole).\(String(fraction).reversed())"
            return .decimal(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0)
        default:
            return .string(text(length: Int.random(in: 0...8, using: &rng), using: &rng))
        }
    }

    /// Characters worth throwing at a lexer: quotes, escapes, operators, control characters, CJK, emoji.
    static let awkwardScalars: [Unicode.Scalar] = Array(
        "'\"\\\n\t\r{}u()[].,?:!<>=&|+-*/% 0123456789aZ_ inxé金額あ😀\u{0}\u{7}\u{7F}\u{85}\u{2028}\u{301}\u{FEFF}\u{201C}≤"
            .unicodeScalars)

    static func text(length: Int, using rng: inout any SeededRandomNumberGenerator) -> String {
        var result = ""
        for _ in 0..<length {
            if Bool.random(using: &rng), let scalar = awkwardScalars.randomElement(using: &rng) {
                result.unicodeScalars.append(scalar)
            } else if let scalar = Unicode.Scalar(UInt32.random(in: 0...0x2FFFF, using: &rng)) {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Texts made of fragments of the language, so that some parse and exercise the checker and evaluator.
    static let fragments = [
        "amount", "quantity", "region", "tags", "items", "items.amount", "submitter.region", "notes", "discount",
        "visit_date", "checked_in", "approved", "big", "null", "true", "false", "0", "1", "2.5", "-", "+", "*", "/",
        "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "in", "?", ":", "(", ")", "[", "]", ",", ".",
        "'north'", "\"x\"", "'", "\"", "\\", "size(", "sum(", "has(", "matches(", "'[a-'", "'^n'", "date(",
        "'2024-02-29'", "'2026-02-30'", "today()", "now()", "daysBetween(", "addDays(", "min(", "max(", "count(",
        "round(", "abs(", "coalesce(", "contains(", "lower(", "year(", "金", "😀", " ", "  ",
    ]

    static func fragmentTexts() -> Generator<String, Shrink.None<String>> {
        Generator { rng in
            let count = Int.random(in: 0...14, using: &rng)
            return (0..<count).map { _ in fragments.randomElement(using: &rng) ?? "" }.joined(separator: " ")
        }
    }

    static func randomTexts() -> Generator<String, Shrink.None<String>> {
        Generator { rng in text(length: Int.random(in: 0...40, using: &rng), using: &rng) }
    }
}
