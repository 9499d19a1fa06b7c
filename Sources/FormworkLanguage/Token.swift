import Foundation

/// One lexical token of an expression.
struct Token: Hashable, Sendable {
    /// What a token is.
    enum Kind: Hashable, Sendable {
        case identifier(String)
        case int(Int)
        case decimal(Decimal)
        case string(String)
        case null
        case `true`
        case `false`
        case `in`
        case leftParenthesis
        case rightParenthesis
        case leftBracket
        case rightBracket
        case comma
        case dot
        case question
        case colon
        case bang
        case plus
        case minus
        case star
        case slash
        case percent
        case and
        case or
        case equal
        case notEqual
        case less
        case lessOrEqual
        case greater
        case greaterOrEqual
        /// Text the lexer could not read; the lexer has already reported it.
        case invalid
        /// The end of the text.
        case end
    }

    var kind: Kind
    var span: SourceSpan
    /// The token's source text, for messages.
    var text: String

    /// The binary operator this token stands for, if any.
    var binaryOperator: BinaryOperator? {
        switch kind {
        case .or: .or
        case .and: .and
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        case .in: .in
        case .plus: .add
        case .minus: .subtract
        case .star: .multiply
        case .slash: .divide
        case .percent: .remainder
        default: nil
        }
    }

    /// The token in words for a message: "')'", "the name 'amount'", "the end of the expression".
    var quoted: String {
        switch kind {
        case .end: "the end of the expression"
        case .identifier: "the name '\(text)'"
        case .int, .decimal: "the number \(text)"
        case .string: "the text \(Token.shortened(text))"
        default: "'\(Token.shortened(text))'"
        }
    }

    /// `text`, cut to 30 characters with an ellipsis.
    static func shortened(_ text: String) -> String {
        text.count > 30 ? String(text.prefix(29)) + "…" : text
    }
}
