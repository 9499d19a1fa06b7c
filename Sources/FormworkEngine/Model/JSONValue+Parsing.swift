import FormworkLanguage
import Foundation

/// Why a text is not JSON answers can be read from: where (line and column, counted in characters from 1)
/// and what.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONValue {
    /// The most significant digits a number may have: what `Decimal` holds exactly. A number with more is
    /// refused, never rounded: an answer is what the person wrote, or nothing.
    public static let maximumDigits = 38
    /// How deeply arrays and objects may nest (answers are two levels deep: a group's rows).
    public static let maximumDepth = 64

    /// Parses JSON text (RFC 8259) strictly: numbers exactly (more than 38 significant digits, or beyond
    /// `Decimal`'s range, are refused rather than rounded), text as valid UTF-8 with escapes resolved (a lone
    /// surrogate is refused), no key twice in one object, nothing after the value. A UTF-8 byte order mark
    /// before the value is skipped. Errors name the line and column.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONTextParser(bytes)
        return try parser.document()
    }
}

/// The recursive-descent reader behind `JSONValue.parse`.
private struct JSONTextParser {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func document() throws(JSONParseError) -> JSONValue {
        skipSpace()
        let value = try value(depth: 0)
        skipSpace()
        guard position == bytes.count else { throw error("unexpected \(found) after the JSON value") }
        return value
    }

    /// Where `position` is, as a line and a column of characters (UTF-8 continuation bytes not counted).
    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let end = min(offset ?? position, bytes.count)
        var line = 1
        var column = 1
        // A byte order mark before the value is not a column.
        let first = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? min(3, end) : 0
        for byte in bytes[first..<end] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONParseError(line: line, column: column, message: message)
    }

    /// What is at `position`, for a message.
    var found: String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return String(format: "byte 0x%02X", byte)
    }

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw error("a value is missing (the input ends)") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("\(found) does not start a JSON value")
        }
    }

    mutating func literal(_ word: String, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        let expected = Array(word.utf8)
        guard bytes[position...].starts(with: expected) else { throw error("\(found) does not start a JSON value") }
        position += expected.count
        return value
    }

    mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= JSONValue.maximumDepth else {
            throw error("arrays and objects are nested more than \(JSONValue.maximumDepth) deep")
        }
        position += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a key in quotes, found \(found)")
            }
            let start = position
            let key = try string()
            guard members[key] == nil else { throw error("the key '\(key)' appears twice in one object", at: start) }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key '\(key)', found \(found)")
            }
            position += 1
            skipSpace()
            members[key] = try value(depth: depth)
            skipSpace()
            guard position < bytes.count else { throw error("the object is not closed (the input ends)") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw error("expected ',' or '}', found \(found)") }
            position += 1
            return .object(members)
        }
    }

    mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= JSONValue.maximumDepth else {
            throw error("arrays and objects are nested more than \(JSONValue.maximumDepth) deep")
        }
        position += 1
        var elements: [JSONValue] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipSpace()
            elements.append(try value(depth: depth))
            skipSpace()
            guard position < bytes.count else { throw error("the array is not closed (the input ends)") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw error("expected ',' or ']', found \(found)") }
            position += 1
            return .array(elements)
        }
    }

    /// A number, exactly: the grammar of RFC 8259 (no leading zeros, no '+', digits on both sides of '.').
    mutating func number() throws(JSONParseError) -> Decimal {
        let start = position
        func digits() -> Int {
            let from = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            return position - from
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        guard digits() > 0 else { throw error("a number needs a digit after '-'") }
        if bytes[integerStart] == UInt8(ascii: "0"), position - integerStart > 1 {
            throw error("a number does not start with 0 unless it is 0 (JSON has no leading zeros)", at: start)
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw error("a number needs a digit after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits() > 0 else { throw error("a number needs a digit in its exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        // The value's own digits and exponent: its digits without the zeros at either end, and where they stand.
        let negative = text.hasPrefix("-")
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }.drop { $0 == "-" }
        let fraction = mantissa.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first ?? ""
        var digits = Array(mantissa.filter(\.isNumber).drop { $0 == "0" })
        let written = text.firstIndex { $0 == "e" || $0 == "E" }.map { Int(text[text.index(after: $0)...]) } ?? 0
        var exponent = written.map { $0 - fraction.count }
        while digits.last == "0" {
            digits.removeLast()
            exponent = exponent.map { $0 + 1 }
        }
        // Zero, however it is written.
        guard !digits.isEmpty else { return 0 }
        guard digits.count <= JSONValue.maximumDigits else {
            throw error(
                "the number \(shown) has more than \(JSONValue.maximumDigits) significant digits, more than can be "
                    + "kept exactly", at: start)
        }
        // Decimal keeps up to 38 digits times 10 to the -128...127: a large exponent is brought down by
        // writing zeros into the digits while there is room.
        while let high = exponent, high > 127, digits.count < JSONValue.maximumDigits {
            digits.append("0")
            exponent = high - 1
        }
        // Read as digits and exponent in one text: `Decimal(sign:exponent:significand:)` would add the exponent to
        // the one the significand's trailing zeros were folded into (10^23 is 1 times 10^23) and pass 127, giving
        // NaN for 1e150.
        guard let exponent, (-128...127).contains(exponent),
            let value = DecimalText.value(negative: negative, digits: Substring(String(digits)), exponent: exponent),
            value.isFinite
        else {
            throw error(
                "the number \(shown) is out of the range numbers can have (about 10^-128 to 10^165)", at: start)
        }
        return value
    }

    /// A string in quotes, escapes resolved; refuses control characters, invalid UTF-8 and lone surrogates.
    mutating func string() throws(JSONParseError) -> String {
        position += 1
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else { throw error("a text is not closed (the input ends)") }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw error("a text is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case 0..<0x20:
                throw error("a text holds a control character (byte 0x\(String(byte, radix: 16))): write it escaped")
            case 0x80...:
                // A sequence of UTF-8 checked where it stands, so that an error names its column.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                let end = min(position + length, bytes.count)
                guard length > 1, String(validating: bytes[position..<end], as: UTF8.self) != nil else {
                    throw error("a text is not valid UTF-8")
                }
                out.append(contentsOf: bytes[position..<end])
                position = end
            default:
                out.append(byte)
                position += 1
            }
        }
    }

    mutating func escape(into out: inout [UInt8]) throws(JSONParseError) {
        position += 1
        guard position < bytes.count else { throw error("a text is not closed (the input ends)") }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let byte = simple[bytes[position]] {
            out.append(byte)
            position += 1
            return
        }
        guard bytes[position] == UInt8(ascii: "u") else {
            throw error("\\\(found.trimmingCharacters(in: ["'"])) is not a JSON escape")
        }
        let start = position - 1
        position += 1
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code) {
            guard bytes[position...].starts(with: Array("\\u".utf8)) else {
                throw error(
                    "\\u\(String(code, radix: 16)) is half of a surrogate pair, without its other half", at: start)
            }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else {
                throw error(
                    "\\u\(String(code, radix: 16)) is half of a surrogate pair, without its other half", at: start)
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else {
            throw error("\\u\(String(code, radix: 16)) is half of a surrogate pair, without its other half", at: start)
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16),
            bytes[position..<(position + 4)].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
        else { throw error("\\u needs four hexadecimal digits") }
        position += 4
        return code
    }
}
