import FormworkEngine
import Foundation
import Testing

/// Answers files are read by a strict JSON parser: exact numbers or none, errors with line and column.
@Suite struct JSONParsingTests {
    static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    static func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    @Test func documentsParseToTheirValues() throws {
        let value = try Self.parse(
            """
            \u{FEFF}{"a": [1, -0.5, 2e3, 1E-2, true, false, null],
             "b": "x\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 報告", "c": {}, "d": []}
            """)
        #expect(
            value
                == .object([
                    "a": .array([
                        .number(1), .number(Self.decimal("-0.5")), .number(2000), .number(Self.decimal("0.01")),
                        .bool(true), .bool(false), .null,
                    ]),
                    "b": .string("x\"\\/\u{8}\u{C}\n\r\té😀 報告"), "c": .object([:]), "d": .array([]),
                ]))
    }

    @Test(
        "numbers are exact: 38 significant digits are kept, more are refused, never rounded",
        arguments: [
            ("12345678901234567890123456789012345678", true), ("0.00000000000000000000000000000000000001", true),
            ("1200000000000000000000000000000000000000000", true), ("-0", true), ("0e5", true),
            ("123456789012345678901234567890123456789", false), ("24.00000000000000000000000000000000000001", false),
            ("12345678901234567890123456789012345678901234", false),
        ])
    func exactNumbers(_ text: String, kept: Bool) throws {
        if kept {
            #expect(try Self.parse(text) == .number(Self.decimal(text)))
        } else {
            let error = #expect(throws: JSONParseError.self) { try Self.parse(text) }
            #expect(error?.message.contains("more than 38 significant digits") == true, "\(String(describing: error))")
        }
    }

    @Test(
        "what is not JSON, or not a number that can be held, is refused with where and why",
        arguments: [
            ("1e400", "out of the range"), ("1e-400", "out of the range"), ("01", "leading zeros"), ("1.", "after '.'"),
            ("-", "after '-'"), (".5", "does not start a JSON value"), ("+1", "does not start a JSON value"),
            ("1e", "exponent"), ("\"a\u{1}b\"", "control character"), ("\"\\ud800\"", "surrogate pair"),
            ("\"\\udc00x\"", "surrogate pair"), ("\"\\x\"", "is not a JSON escape"), ("\"\\u12\"", "four hexadecimal"),
            ("{\"a\": 1, \"a\": 2}", "the key 'a' appears twice"), ("[1, 2", "not closed"), ("[1 2]", "expected ','"),
            ("{\"a\" 1}", "expected ':'"), ("{1: 2}", "expected a key"), ("1 2", "after the JSON value"),
            ("tru", "does not start"), ("", "missing"), ("\"abc", "not closed"),
        ])
    func refusals(_ text: String, reason: String) {
        let error = #expect(throws: JSONParseError.self) { try Self.parse(text) }
        #expect(error?.message.contains(reason) == true, "\(text): \(String(describing: error))")
    }

    @Test func invalidUTF8IsRefusedWhereItStands() {
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }
        #expect(error?.message == "a text is not valid UTF-8")
        // {"a": "é<FF>x"}: the bad byte is the 9th character; a byte order mark before it is not a column.
        let text: [UInt8] = Array(#"{"a": ""#.utf8) + [0xC3, 0xA9, 0xFF] + Array(#"x"}"#.utf8)
        for input in [text, [0xEF, 0xBB, 0xBF] + text] {
            let found = #expect(throws: JSONParseError.self) { try JSONValue.parse(input) }
            #expect(found?.column == 9, "\(String(describing: found))")
        }
        // Overlong forms and encoded surrogates are not UTF-8 either.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82]] {
            #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22] + bad + [0x22]) }
        }
    }

    /// `significand` × 10^`exponent`, read from its text (`Decimal(sign:exponent:significand:)` gives NaN for 1e130:
    /// it adds the exponent to the one the significand's trailing zeros became; and NaN equals NaN, so a test
    /// comparing with it passes whatever the parser gives).
    static func decimal(_ significand: UInt64, _ exponent: Int, negative: Bool = false) -> Decimal {
        // A text's exponent may not pass 127 either: zeros move into the digits.
        var (digits, exponent) = (String(significand), exponent)
        while exponent > 127 {
            digits += "0"
            exponent -= 1
        }
        return Decimal(
            string: (negative ? "-" : "") + "\(digits)e\(exponent)", locale: Locale(identifier: "en_US_POSIX"))
            ?? .nan
    }

    @Test(
        "whether a number can be held depends on its value, not on how it is written",
        arguments: [
            ("1e130", decimal(1, 130)), ("1" + String(repeating: "0", count: 130), decimal(1, 130)),
            ("1.5e140", decimal(15, 139)), ("15000000000000000000000000000000000000e103", decimal(15, 139)),
            ("1e164", decimal(1, 164)), ("0e128", 0), ("-0E-134", 0), ("0.0e200", 0),
            ("-9.7e-99", decimal(97, -100, negative: true)), ("1e-128", decimal(1, -128)),
            ("1e165", nil), ("1e-129", nil), ("123e-130", nil), ("1e99999999999999999999", nil),
        ] as [(String, Decimal?)])
    func numberRange(_ text: String, value: Decimal?) throws {
        if let value {
            #expect(value.isFinite)
            #expect(try Self.parse(text) == .number(value), "\(text)")
            // Kept exactly: written back, the number reads as the same value.
            guard case .number(let parsed) = try Self.parse(text) else { return }
            let again = try Self.parse(parsed.description)
            #expect(parsed.isFinite && again == .number(value), "\(text)")
        } else {
            let error = #expect(throws: JSONParseError.self) { try Self.parse(text) }
            #expect(error?.message.contains("out of the range") == true, "\(text)")
        }
    }

    @Test func errorsNameTheLineAndColumn() {
        let error = #expect(throws: JSONParseError.self) {
            try Self.parse("{\n  \"名前\": \"x\",\n  \"n\": 01\n}")
        }
        #expect(error?.line == 3)
        #expect(error?.column == 8)
        #expect(error.map { "\($0)" }?.hasPrefix("line 3, column 8: a number does not start with 0") == true)
    }

    @Test func nestingIsBounded() throws {
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try Self.parse(deep) }
        let deeper = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = #expect(throws: JSONParseError.self) { try Self.parse(deeper) }
        #expect(error?.message.contains("nested more than 64 deep") == true)
    }
}
