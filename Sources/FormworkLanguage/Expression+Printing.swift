import Foundation

extension Expression: CustomStringConvertible {
    /// The expression as canonical source text, with only the parentheses its structure needs.
    ///
    /// Parsing the printed text gives back the same tree (spans aside): a property the tests check.
    public var description: String {
        var output = ""
        print(into: &output)
        return output
    }

    /// How tightly the node binds, to decide where parentheses are needed.
    var precedence: Int {
        switch self {
        case .literal, .name, .member, .call, .list: BinaryOperator.postfixPrecedence
        case .unary: BinaryOperator.prefixPrecedence
        case .binary(let op, _, _, _): op.precedence
        case .conditional: BinaryOperator.conditionalPrecedence
        }
    }

    private func print(into output: inout String) {
        switch self {
        case .literal(let literal, _):
            output += Expression.source(of: literal)
        case .name(let name, _):
            output += name
        case .member(let base, let name, _):
            base.print(into: &output, parenthesized: base.precedence < BinaryOperator.postfixPrecedence)
            output += "." + name
        case .unary(let op, let operand, _):
            output += op.symbol
            operand.print(into: &output, parenthesized: operand.precedence < BinaryOperator.prefixPrecedence)
        case .binary(let op, let left, let right, _):
            let leftNeedsParentheses =
                left.precedence < op.precedence
                || (op.isComparison && left.precedence == op.precedence)
            left.print(into: &output, parenthesized: leftNeedsParentheses)
            output += " " + op.symbol + " "
            right.print(into: &output, parenthesized: right.precedence <= op.precedence)
        case .conditional(let condition, let then, let otherwise, _):
            condition.print(into: &output, parenthesized: condition.precedence <= BinaryOperator.conditionalPrecedence)
            output += " ? "
            then.print(into: &output)
            output += " : "
            otherwise.print(into: &output)
        case .call(let name, let arguments, _):
            output += name + "("
            Expression.printList(arguments, into: &output)
            output += ")"
        case .list(let elements, _):
            output += "["
            Expression.printList(elements, into: &output)
            output += "]"
        }
    }

    private func print(into output: inout String, parenthesized: Bool) {
        if parenthesized { output += "(" }
        print(into: &output)
        if parenthesized { output += ")" }
    }

    private static func printList(_ expressions: [Expression], into output: inout String) {
        for (index, expression) in expressions.enumerated() {
            if index > 0 { output += ", " }
            expression.print(into: &output)
        }
    }

    /// A literal as source text; decimals always keep a decimal point so that they parse back as decimals.
    static func source(of literal: Literal) -> String {
        switch literal {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .decimal(let number):
            let text = number.description
            return text.contains(".") ? text : text + ".0"
        case .string(let text): return TextLiteral.quoted(text)
        }
    }
}
