/// The hand-written Pratt parser of the condition language.
///
/// Precedence, loosest first: `?:` (right-associative), `||`, `&&`, comparisons `== != < <= > >= in` (which
/// do not chain), `+ -`, `* / %`, prefix `! -`, then member access `.name` and calls `f(...)`.
///
/// The parser stops at the first syntax error (after the lexer has reported every unreadable piece of
/// text), so it always terminates; nesting deeper than ``maximumDepth`` is refused with an error rather
/// than risking the stack of the parser or of anything that later walks the tree.
public struct Parser: Sendable {
    /// The deepest nesting accepted: brackets, prefix operators and operands of operators each add a level, and
    /// the tree may be no taller.
    public static let maximumDepth = 64

    /// Parses `source` into an expression, collecting diagnostics rather than throwing.
    public static func parse(_ source: String) -> ParseResult {
        var lexer = Lexer(source)
        let tokens = lexer.tokenize()
        var parser = Parser(tokens: tokens)
        var expression: Expression?
        if tokens.first?.kind == .end {
            parser.report("the expression is empty", at: tokens[0].span)
        } else {
            do {
                let parsed = try parser.parseExpression()
                try parser.expectEnd()
                expression = parsed.expression
            } catch {
                expression = nil
            }
        }
        let diagnostics = (lexer.diagnostics + parser.diagnostics).enumerated()
            .sorted { ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset) }
            .map(\.element)
        let failed = diagnostics.contains { $0.severity == .error }
        return ParseResult(expression: failed ? nil : expression, diagnostics: diagnostics)
    }

    /// Raised to unwind after an error has been reported.
    struct Stop: Error {}

    /// A parsed node with the height of its tree and its span including any parentheses around it.
    struct Parsed {
        var expression: Expression
        var height: Int
        var span: SourceSpan
    }

    private let tokens: [Token]
    private var index = 0
    private var depth = 0
    private(set) var diagnostics: [ExpressionDiagnostic] = []

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    // MARK: Tokens

    private var current: Token { tokens[index] }

    private var previous: Token? { index > 0 ? tokens[index - 1] : nil }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func report(_ message: String, at span: SourceSpan, notes: [String] = []) {
        diagnostics.append(.error(ExpressionDiagnosticID.syntax, message, at: span, notes: notes))
    }

    /// Reports `message` at `span` and stops parsing; an invalid token was already reported by the lexer.
    private mutating func fail(_ message: String, at token: Token, notes: [String] = []) -> Stop {
        if token.kind != .invalid { report(message, at: token.span, notes: notes) }
        return Stop()
    }

    private mutating func enter(_ token: Token) throws(Stop) {
        depth += 1
        if depth > Parser.maximumDepth { throw tooDeep(at: token.span) }
    }

    private mutating func tooDeep(at span: SourceSpan) -> Stop {
        diagnostics.append(
            .error(
                ExpressionDiagnosticID.tooDeep,
                "the expression is nested too deeply (more than \(Parser.maximumDepth) levels); split it into "
                    + "simpler parts",
                at: span))
        return Stop()
    }

    private mutating func node(_ expression: Expression, height: Int) throws(Stop) -> Parsed {
        if height > Parser.maximumDepth { throw tooDeep(at: expression.span) }
        return Parsed(expression: expression, height: height, span: expression.span)
    }

    // MARK: Grammar

    /// expression = or-expression [ "?" expression ":" expression ]
    mutating func parseExpression() throws(Stop) -> Parsed {
        try enter(current)
        defer { depth -= 1 }
        let condition = try parseBinary(minimum: BinaryOperator.or.precedence)
        guard current.kind == .question else { return condition }
        advance()
        let then = try parseExpression()
        guard current.kind == .colon else {
            throw fail(
                "expected ':' after the 'then' part of '?', but found \(current.quoted)", at: current,
                notes: ["a choice is written: condition ? value if true : value if false"])
        }
        advance()
        let otherwise = try parseExpression()
        let span = condition.span.union(otherwise.span)
        return try node(
            .conditional(condition.expression, then.expression, otherwise.expression, span: span),
            height: 1 + max(condition.height, then.height, otherwise.height))
    }

    /// Binary operators by precedence climbing; comparisons do not chain.
    private mutating func parseBinary(minimum: Int) throws(Stop) -> Parsed {
        var left = try parseUnary()
        var lastComparison: Token?
        while let op = current.binaryOperator, op.precedence >= minimum {
            let opToken = advance()
            if op.isComparison, let lastComparison {
                throw fail(
                    "'\(op.symbol)' cannot follow the comparison '\(lastComparison.text)': comparisons do not chain; "
                        + "write a < b && b < c rather than a < b < c",
                    at: opToken)
            }
            try enter(opToken)
            let right = try parseBinary(minimum: op.precedence + 1)
            depth -= 1
            let span = left.span.union(right.span)
            left = try node(
                .binary(op, left.expression, right.expression, span: span), height: 1 + max(left.height, right.height))
            lastComparison = op.isComparison ? opToken : nil
        }
        return left
    }

    /// unary = ( "!" | "-" ) unary | postfix
    private mutating func parseUnary() throws(Stop) -> Parsed {
        let op: UnaryOperator
        switch current.kind {
        case .bang: op = .not
        case .minus: op = .negate
        default: return try parsePostfix()
        }
        let opToken = advance()
        try enter(opToken)
        defer { depth -= 1 }
        let operand = try parseUnary()
        let span = opToken.span.union(operand.span)
        return try node(.unary(op, operand.expression, span: span), height: 1 + operand.height)
    }

    /// postfix = primary { "." name }
    private mutating func parsePostfix() throws(Stop) -> Parsed {
        var base = try parsePrimary()
        while true {
            switch current.kind {
            case .dot:
                advance()
                guard case .identifier(let name) = current.kind else {
                    throw fail("expected a field name after '.', but found \(current.quoted)", at: current)
                }
                let nameToken = advance()
                let span = base.span.union(nameToken.span)
                base = try node(.member(base.expression, name: name, span: span), height: 1 + base.height)
                if current.kind == .leftParenthesis {
                    throw fail(
                        "'.\(name)(...)' is not supported: call functions with all their arguments inside the "
                            + "parentheses, e.g. \(name)(x, ...)",
                        at: current)
                }
            case .leftParenthesis:
                throw fail(
                    "unexpected '(' after \(Token.shortened(base.expression.description)); only a function name can "
                        + "be followed by '('",
                    at: current)
            default:
                return base
            }
        }
    }

    private mutating func parsePrimary() throws(Stop) -> Parsed {
        let token = current
        switch token.kind {
        case .null: return literal(.null)
        case .true: return literal(.bool(true))
        case .false: return literal(.bool(false))
        case .int(let number): return literal(.int(number))
        case .decimal(let number): return literal(.decimal(number))
        case .string(let text): return literal(.string(text))
        case .identifier(let name):
            advance()
            guard current.kind == .leftParenthesis else {
                return Parsed(expression: .name(name, span: token.span), height: 1, span: token.span)
            }
            let (arguments, height, closing) = try parseSequence(closing: .rightParenthesis)
            let span = token.span.union(closing.span)
            return try node(.call(name, arguments: arguments, span: span), height: height)
        case .leftBracket:
            let (elements, height, closing) = try parseSequence(closing: .rightBracket)
            let span = token.span.union(closing.span)
            return try node(.list(elements, span: span), height: height)
        case .leftParenthesis:
            let open = advance()
            var inner = try parseExpression()
            switch current.kind {
            case .rightParenthesis:
                inner.span = open.span.union(advance().span)
                return inner
            case .end:
                throw fail("unclosed '(': add ')' to close it", at: open)
            default:
                throw fail("expected an operator or ')', but found \(current.quoted)", at: current)
            }
        default:
            throw missingOperand()
        }
    }

    private mutating func literal(_ literal: Literal) -> Parsed {
        let token = advance()
        return Parsed(expression: .literal(literal, span: token.span), height: 1, span: token.span)
    }

    /// Reads `( a, b, ... )` or `[ a, b, ... ]` (a trailing comma is allowed) starting at the opening token.
    private mutating func parseSequence(closing: Token.Kind) throws(Stop) -> ([Expression], Int, Token) {
        let open = advance()
        let closingText = closing == .rightParenthesis ? ")" : "]"
        var items: [Expression] = []
        var height = 1
        while true {
            if current.kind == closing { return (items, height, advance()) }
            let item = try parseExpression()
            items.append(item.expression)
            height = max(height, item.height + 1)
            switch current.kind {
            case .comma:
                advance()
            case closing:
                return (items, height, advance())
            case .end:
                throw fail("unclosed '\(open.text)': add '\(closingText)' to close it", at: open)
            default:
                throw fail("expected ',' or '\(closingText)', but found \(current.quoted)", at: current)
            }
        }
    }

    /// The error for a token that cannot start an operand.
    private mutating func missingOperand() -> Stop {
        let found = current.kind == .end ? "the expression ends there" : "found \(current.quoted)"
        if let previous {
            return fail("expected an operand after '\(Token.shortened(previous.text))', but \(found)", at: current)
        }
        return fail("expected a value, but \(found)", at: current)
    }

    /// Checks that the whole text was read, explaining the most common leftovers.
    mutating func expectEnd() throws(Stop) {
        let token = current
        switch token.kind {
        case .end:
            return
        case .rightParenthesis:
            throw fail("unexpected ')': there is no '(' for it to close", at: token)
        case .rightBracket:
            throw fail("unexpected ']': there is no '[' for it to close", at: token)
        case .colon:
            throw fail("unexpected ':' without a '?' before it", at: token)
        case .identifier("and"):
            throw fail("'and' is not an operator; write '&&'", at: token)
        case .identifier("or"):
            throw fail("'or' is not an operator; write '||'", at: token)
        default:
            if let previous, previous.kind == .identifier("not") {
                throw fail("'not' is not an operator; write '!' before the value", at: previous)
            }
            throw fail("expected an operator such as '&&', '||' or '==' before \(token.quoted)", at: token)
        }
    }
}
