import FormworkLanguage
import Testing

@Suite("Lexer and parser")
struct ParserTests {
    @Test(
        "every kind of white space separates tokens, ASCII or not",
        arguments: ["\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{85}", "\u{A0}", "\u{2028}", "\u{3000}"])
    func whiteSpace(space: String) throws {
        let expression = try #require(Parser.parse("a\(space)>\(space)'x y'\(space)&&\(space)b").expression)
        #expect(expression.description == "a > \"x y\" && b")
    }

    @Test("an error's span counts scalars, in an ASCII text and in one with other letters before the problem")
    func errorSpansCountScalars() {
        #expect(Parser.parse("size > @").diagnostics.first?.span == SourceSpan(start: 7, end: 8))
        #expect(Parser.parse("'長い名前' > @").diagnostics.first?.span == SourceSpan(start: 9, end: 10))
        #expect(Parser.parse("name == '長い名前'").expression?.description == "name == \"長い名前\"")
    }

    @Test(
        "valid expressions print in canonical form",
        arguments: [
            ("a&&b", "a && b"),
            ("(a)", "a"),
            ("  a \n&&\tb ", "a && b"),
            ("a || b && c", "a || b && c"),
            ("(a || b) && c", "(a || b) && c"),
            ("a + b * c", "a + b * c"),
            ("(a + b) * c", "(a + b) * c"),
            ("a - (b - c)", "a - (b - c)"),
            ("(a - b) - c", "a - b - c"),
            ("a % b / c", "a % b / c"),
            ("!a", "!a"),
            ("!(a && b)", "!(a && b)"),
            ("!!a", "!!a"),
            ("-x.y", "-x.y"),
            ("(-x).y", "(-x).y"),
            ("--1", "--1"),
            ("a ? b : c ? d : e", "a ? b : c ? d : e"),
            ("(a ? b : c) ? d : e", "(a ? b : c) ? d : e"),
            ("a ? (b ? c : d) : e", "a ? b ? c : d : e"),
            ("(a ? b : c) + 1", "(a ? b : c) + 1"),
            ("x in [1, 2, 3]", "x in [1, 2, 3]"),
            ("[1, 2,]", "[1, 2]"),
            ("[]", "[]"),
            ("f()", "f()"),
            ("sum(items.amount) >= 1000", "sum(items.amount) >= 1000"),
            ("(a < b) == c", "(a < b) == c"),
            ("a == (b == c)", "a == (b == c)"),
            ("'it\\'s'", "\"it's\""),
            ("'say \"hi\"'", "\"say \\\"hi\\\"\""),
            ("\"tab\\there\"", "\"tab\\there\""),
            ("'\\u{48}i \\u{1F600}'", "\"Hi 😀\""),
            ("'金額'", "\"金額\""),
            ("0.50", "0.5"),
            ("1.0", "1.0"),
            ("007", "7"),
            ("null == true", "null == true"),
            ("submitter.region == 'north'", "submitter.region == \"north\""),
            ("-(a + b)", "-(a + b)"),
            ("a - -b", "a - -b"),
        ])
    func printsCanonicalForm(source: String, printed: String) throws {
        let result = Parser.parse(source)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let expression = try #require(result.expression)
        #expect(expression.description == printed)
    }

    @Test(
        "malformed expressions are reported at the offending token",
        arguments: [
            ("", 0, "the expression is empty"),
            ("   ", 3, "the expression is empty"),
            ("a &&", 4, "expected an operand after '&&', but the expression ends there"),
            ("a && )", 5, "expected an operand after '&&', but found ')'"),
            (")", 0, "expected a value, but found ')'"),
            ("(a", 0, "unclosed '('"),
            ("f(a, b", 1, "unclosed '('"),
            ("[1, 2", 0, "unclosed '['"),
            ("a)", 1, "unexpected ')'"),
            ("a]", 1, "unexpected ']'"),
            ("a < b < c", 6, "comparisons do not chain"),
            ("a == b == c", 7, "comparisons do not chain"),
            ("a in b in c", 7, "comparisons do not chain"),
            ("a < b == c", 6, "'==' cannot follow the comparison '<'"),
            ("a = b", 2, "write '=='"),
            ("a & b", 2, "write '&&'"),
            ("a | b", 2, "write '||'"),
            ("'abc", 0, "the closing ' is missing"),
            ("\"abc", 0, "the closing \" is missing"),
            ("'a\\qb'", 2, "unknown escape '\\q'"),
            ("'\\u{110000}'", 1, "not a valid character code"),
            ("'\\u12'", 1, "not a valid character code"),
            ("99999999999999999999", 0, "too large"),
            ("1.123456789012345678901234567890123456789", 0, "too many digits"),
            (".5", 0, "write 0.5"),
            ("12abc", 0, "neither a number nor a name"),
            ("a b", 2, "expected an operator such as '&&', '||' or '==' before the name 'b'"),
            ("a and b", 2, "'and' is not an operator; write '&&'"),
            ("a or b", 2, "'or' is not an operator; write '||'"),
            ("not a", 0, "'not' is not an operator; write '!'"),
            ("a ? b", 5, "expected ':'"),
            ("a : b", 2, "unexpected ':' without a '?'"),
            ("f(1 2)", 4, "expected ',' or ')'"),
            ("(a b)", 3, "expected an operator or ')'"),
            ("a.(b)", 2, "expected a field name after '.'"),
            ("a.b(c)", 3, "'.b(...)' is not supported"),
            ("(a)(b)", 3, "only a function name can be followed by '('"),
            ("1 (2)", 2, "only a function name can be followed by '('"),
            ("金額 > 5", 0, "names may use only the letters"),
            ("a == “b”", 5, "typographic quote"),
            ("a ≤ b", 2, "write '<='"),
            ("a ≠ b", 2, "write '!='"),
            ("a # b", 2, "unexpected character '#'"),
            ("a \u{FEFF}b", 2, "unexpected character 'U+FEFF'"),
            ("a \u{7} b", 2, "unexpected character 'U+7'"),
        ])
    func reportsSyntaxErrors(source: String, start: Int, message: String) throws {
        let result = Parser.parse(source)
        #expect(result.expression == nil)
        let first = try #require(result.diagnostics.first)
        #expect(first.id == "expression-syntax")
        #expect(first.severity == .error)
        #expect(first.span.start == start)
        #expect(first.message.contains(message), "\(first.message)")
    }

    @Test("several lexical errors are all reported, in order")
    func reportsSeveralErrors() {
        let result = Parser.parse("a = b & c | d")
        #expect(result.diagnostics.map(\.span.start) == [2, 6, 10])
        #expect(result.expression == nil)
    }

    @Test("garbage input reports a bounded number of errors")
    func boundsErrorCount() {
        let result = Parser.parse(String(repeating: "# ", count: 500))
        #expect(result.diagnostics.count == 10)
    }

    /// Pathologically nested texts, by name (the texts themselves are too long to show in test output).
    static let deepTexts: [String: String] = [
        "parentheses": String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000),
        "nots": String(repeating: "!", count: 10_000) + "a",
        "minuses": String(repeating: "-", count: 10_000) + "1",
        "long sum": "a" + String(repeating: " + a", count: 10_000),
        "long and": "a" + String(repeating: " && a", count: 100),
        "brackets": String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        "calls": String(repeating: "f(", count: 10_000) + String(repeating: ")", count: 10_000),
        "choices": String(repeating: "a ? b : ", count: 10_000) + "c",
        "members": "a" + String(repeating: ".b", count: 10_000),
        "65 parentheses": String(repeating: "(", count: 65) + "a" + String(repeating: ")", count: 65),
    ]

    @Test("deep nesting is refused with an error, not a crash", arguments: deepTexts.keys.sorted())
    func refusesDeepNesting(name: String) throws {
        let source = try #require(ParserTests.deepTexts[name])
        let result = Parser.parse(source)
        #expect(result.expression == nil)
        #expect(result.diagnostics.map(\.id) == ["expression-too-deep"])
    }

    @Test("nesting just under the limit is accepted")
    func acceptsModerateNesting() throws {
        let source = String(repeating: "(", count: 60) + "a" + String(repeating: ")", count: 60)
        let expression = try #require(Parser.parse(source).expression)
        #expect(expression.description == "a")
        let chain = "a" + String(repeating: " + a", count: 60)
        #expect(Parser.parse(chain).expression != nil)
    }

    @Test("spans count Unicode scalars and cover each node")
    func spansCountScalars() throws {
        // "é" written as e + combining accent is two scalars; "😀" is one scalar.
        let source = "'e\u{301}😀' == name"
        let expression = try #require(Parser.parse(source).expression)
        guard case .binary(.equal, let left, let right, let span) = expression else {
            Issue.record("expected a comparison, got \(expression)")
            return
        }
        #expect(left.span == SourceSpan(start: 0, end: 5))
        #expect(right.span == SourceSpan(start: 9, end: 13))
        #expect(span == SourceSpan(start: 0, end: 13))
    }

    @Test("parentheses widen the span of the operation that contains them")
    func parenthesesInSpans() throws {
        let expression = try #require(Parser.parse("(a + b) * c").expression)
        #expect(expression.span == SourceSpan(start: 0, end: 11))
        guard case .binary(.multiply, let left, _, _) = expression else {
            Issue.record("expected a product, got \(expression)")
            return
        }
        #expect(left.span == SourceSpan(start: 1, end: 6))
    }

    @Test("member and call spans")
    func memberAndCallSpans() throws {
        let expression = try #require(Parser.parse("sum(items.amount)").expression)
        #expect(expression.span == SourceSpan(start: 0, end: 17))
        guard case .call("sum", let arguments, _) = expression, let argument = arguments.first else {
            Issue.record("expected a call, got \(expression)")
            return
        }
        #expect(argument.span == SourceSpan(start: 4, end: 16))
    }

    @Test("references list each name with its member path and span, in source order")
    func references() throws {
        let expression = try #require(
            Parser.parse("visit.amount > 0 && has(notes) && coalesce(region, submitter.region) != ''").expression)
        let references = expression.references
        #expect(references.map(\.name) == ["visit", "notes", "region", "submitter"])
        #expect(references[0].memberPath == ["amount"])
        #expect(references[0].span == SourceSpan(start: 0, end: 5))
        #expect(references[3].memberPath == ["region"])
        #expect(expression.referencedNames == ["visit", "notes", "region", "submitter"])
        #expect(!expression.dependsOnTime)
        #expect(try #require(Parser.parse("daysBetween(today(), due) < 3").expression).dependsOnTime)
    }

    @Test("structural equality ignores spans but not structure")
    func structuralEquality() throws {
        let spaced = try #require(Parser.parse("a   +   b").expression)
        let tight = try #require(Parser.parse("a+b").expression)
        let other = try #require(Parser.parse("a-b").expression)
        #expect(spaced != tight)
        #expect(spaced.isStructurallyEqual(to: tight))
        #expect(!spaced.isStructurallyEqual(to: other))
    }
}
