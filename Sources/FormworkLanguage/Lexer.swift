import Foundation

/// Splits expression text into tokens, counting offsets in Unicode scalars.
///
/// The lexer never stops early: it reports every unreadable piece of text and emits an `invalid` token for
/// it, so that the parser can stop there without reporting the same problem twice.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    /// The source's UTF-8 bytes when it is all ASCII, where a scalar's offset is its byte's: a token's text is
    /// then sliced from them, not built a scalar at a time (a command re-parses every condition of the form set
    /// from the compiled cache, and building the texts was most of that).
    private let ascii: [UInt8]?
    private var position = 0
    private(set) var diagnostics: [ExpressionDiagnostic] = []

    /// The most problems reported for one text; garbage input should not drown the reader.
    static let maximumDiagnostics = 10

    /// The most significant digits a decimal literal may have (what `Decimal` holds exactly).
    static let maximumDecimalDigits = 38

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
        let bytes = Array(source.utf8)
        ascii = bytes.count == scalars.count ? bytes : nil
    }

    /// Reads all tokens; the last one is always `.end`.
    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = nextToken()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let index = position + offset
        return index < scalars.count ? scalars[index] : nil
    }

    private func text(from start: Int) -> String {
        if let ascii { return String(decoding: ascii[start..<position], as: UTF8.self) }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[start..<position])
        return result
    }

    private func token(_ kind: Token.Kind, from start: Int) -> Token {
        Token(kind: kind, span: SourceSpan(start: start, end: position), text: text(from: start))
    }

    private mutating func invalid(from start: Int, _ message: String) -> Token {
        let span = SourceSpan(start: start, end: position)
        report(message, at: span)
        return Token(kind: .invalid, span: span, text: text(from: start))
    }

    private mutating func report(_ message: String, at span: SourceSpan) {
        guard diagnostics.count < Lexer.maximumDiagnostics else { return }
        diagnostics.append(.error(ExpressionDiagnosticID.syntax, message, at: span))
    }

    private mutating func nextToken() -> Token {
        while let scalar = peek(), Lexer.isWhitespace(scalar) { position += 1 }
        let start = position
        guard let scalar = peek() else { return token(.end, from: start) }
        if Lexer.isIdentifierStart(scalar) { return identifier(from: start) }
        if Lexer.isDigit(scalar) { return number(from: start) }
        if scalar == "\"" || scalar == "'" { return string(from: start, quote: scalar) }
        return punctuation(scalar, from: start)
    }

    private mutating func identifier(from start: Int) -> Token {
        while let scalar = peek(), Lexer.isIdentifierPart(scalar) { position += 1 }
        let word = text(from: start)
        let kind: Token.Kind =
            switch word {
            case "null": .null
            case "true": .true
            case "false": .false
            case "in": .in
            default: .identifier(word)
            }
        return Token(kind: kind, span: SourceSpan(start: start, end: position), text: word)
    }

    private mutating func number(from start: Int) -> Token {
        while let scalar = peek(), Lexer.isDigit(scalar) { position += 1 }
        var isDecimal = false
        if peek() == ".", let next = peek(1), Lexer.isDigit(next) {
            isDecimal = true
            position += 1
            while let scalar = peek(), Lexer.isDigit(scalar) { position += 1 }
        }
        if let scalar = peek(), Lexer.isIdentifierPart(scalar) || !scalar.isASCII && scalar.properties.isAlphabetic {
            while let scalar = peek(), Lexer.isIdentifierPart(scalar) || scalar.properties.isAlphabetic {
                position += 1
            }
            return invalid(from: start, "'\(Token.shortened(text(from: start)))' is neither a number nor a name")
        }
        let digits = text(from: start)
        if isDecimal {
            // Zeros at either end only set the exponent; the digits between them must fit exactly.
            let mantissa = digits.filter { $0 != "." }.drop { $0 == "0" }
            let significant = mantissa.dropLast(mantissa.reversed().prefix { $0 == "0" }.count)
            guard significant.count <= Lexer.maximumDecimalDigits,
                let value = DecimalText.parse(String(digits)), !value.isNaN
            else {
                return invalid(
                    from: start, "the number \(Token.shortened(digits)) has too many digits (at most 38 are kept)")
            }
            return token(.decimal(value), from: start)
        }
        guard let value = Int(digits) else {
            return invalid(
                from: start, "the number \(Token.shortened(digits)) is too large; the largest is \(Int.max)")
        }
        return token(.int(value), from: start)
    }

    private mutating func string(from start: Int, quote: Unicode.Scalar) -> Token {
        position += 1
        var value = ""
        var isValid = true
        while true {
            guard let scalar = peek() else {
                return invalid(from: start, "this text is not closed: the closing \(quote) is missing")
            }
            if scalar == quote {
                position += 1
                break
            }
            if scalar == "\\" {
                if let escaped = escape() {
                    value.unicodeScalars.append(escaped)
                } else {
                    isValid = false
                }
                continue
            }
            value.unicodeScalars.append(scalar)
            position += 1
        }
        let span = SourceSpan(start: start, end: position)
        return Token(kind: isValid ? .string(value) : .invalid, span: span, text: text(from: start))
    }

    /// Reads an escape sequence starting at a backslash; reports it and returns `nil` when it is not valid.
    private mutating func escape() -> Unicode.Scalar? {
        let start = position
        position += 1
        guard let scalar = peek() else { return nil }
        position += 1
        switch scalar {
        case "\\", "\"", "'": return scalar
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "u": return unicodeEscape(from: start)
        default:
            report(
                "unknown escape '\\\(scalar)' in text; the escapes are \\\\ \\\" \\' \\n \\t \\r and \\u{...}",
                at: SourceSpan(start: start, end: position))
            return nil
        }
    }

    /// Reads the `{hex}` part of a `\u{hex}` escape.
    private mutating func unicodeEscape(from start: Int) -> Unicode.Scalar? {
        var hex = ""
        if peek() == "{" {
            position += 1
            while let scalar = peek(), scalar.properties.isASCIIHexDigit, hex.count < 8 {
                hex.unicodeScalars.append(scalar)
                position += 1
            }
            if peek() == "}" {
                position += 1
                if (1...6).contains(hex.count), let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                    return scalar
                }
            }
        }
        report(
            "'\(text(from: start))' is not a valid character code; write \\u{} around 1 to 6 hexadecimal digits, "
                + "e.g. \\u{E9}",
            at: SourceSpan(start: start, end: position))
        return nil
    }

    private mutating func punctuation(_ scalar: Unicode.Scalar, from start: Int) -> Token {
        position += 1
        let next = peek()
        func pair(_ kind: Token.Kind) -> Token {
            position += 1
            return token(kind, from: start)
        }
        switch scalar {
        case "(": return token(.leftParenthesis, from: start)
        case ")": return token(.rightParenthesis, from: start)
        case "[": return token(.leftBracket, from: start)
        case "]": return token(.rightBracket, from: start)
        case ",": return token(.comma, from: start)
        case "?": return token(.question, from: start)
        case ":": return token(.colon, from: start)
        case "+": return token(.plus, from: start)
        case "-": return token(.minus, from: start)
        case "*": return token(.star, from: start)
        case "/": return token(.slash, from: start)
        case "%": return token(.percent, from: start)
        case ".":
            if let next, Lexer.isDigit(next) {
                while let digit = peek(), Lexer.isDigit(digit) { position += 1 }
                return invalid(from: start, "a number must start with a digit: write 0\(text(from: start))")
            }
            return token(.dot, from: start)
        case "!": return next == "=" ? pair(.notEqual) : token(.bang, from: start)
        case "<": return next == "=" ? pair(.lessOrEqual) : token(.less, from: start)
        case ">": return next == "=" ? pair(.greaterOrEqual) : token(.greater, from: start)
        case "=":
            if next == "=" { return pair(.equal) }
            return invalid(from: start, "'=' is not an operator; to compare two values, write '=='")
        case "&":
            if next == "&" { return pair(.and) }
            return invalid(from: start, "'&' is not an operator; for 'and', write '&&'")
        case "|":
            if next == "|" { return pair(.or) }
            return invalid(from: start, "'|' is not an operator; for 'or', write '||'")
        default:
            return invalid(from: start, Lexer.unexpectedCharacterMessage(scalar))
        }
    }

    private static func unexpectedCharacterMessage(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{201E}", "\u{00AB}", "\u{00BB}":
            return "'\(scalar)' is a typographic quote; write text between straight quotes ' or \""
        case "\u{2264}": return "'≤' is not an operator; write '<='"
        case "\u{2265}": return "'≥' is not an operator; write '>='"
        case "\u{2260}": return "'≠' is not an operator; write '!='"
        default:
            let invisible: Set<Unicode.GeneralCategory> = [
                .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse,
                .surrogate, .nonspacingMark, .enclosingMark,
            ]
            let shown =
                invisible.contains(scalar.properties.generalCategory)
                ? "U+" + String(scalar.value, radix: 16, uppercase: true) : String(scalar)
            if !scalar.isASCII && scalar.properties.isAlphabetic {
                return "unexpected character '\(shown)'; names may use only the letters a–z and A–Z, digits and '_'"
            }
            return "unexpected character '\(shown)'"
        }
    }

    /// Unicode's `White_Space`, answered without a property lookup for ASCII (tab to carriage return, and space).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isDigit(scalar)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
