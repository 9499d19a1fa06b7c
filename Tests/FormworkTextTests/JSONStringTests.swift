import FormworkText
import Foundation
import Testing

@Suite("JSON string literals")
struct JSONStringTests {
    private func literal(_ text: String, canonical: Bool = false) -> String {
        var out: [UInt8] = []
        JSONString.append(text, to: &out, canonical: canonical)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("every ASCII character, at every place of texts of 1 to 20 characters, is escaped as JSONEncoder does")
    func asJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        for code in 0..<0x80 {
            for length in 1...20 {
                for place in 0..<length {
                    let character = Character(Unicode.Scalar(UInt8(code)))
                    let text =
                        String(repeating: "a", count: place) + String(character)
                        + String(repeating: "é", count: length - place - 1)
                    let expected = String(decoding: try encoder.encode(text), as: UTF8.self)
                    #expect(literal(text) == expected, "\(code) at \(place) of \(length)")
                }
            }
        }
    }

    @Test("the canonical text writes backspace and form feed as \\u escapes, and text outside ASCII unchanged")
    func canonical() {
        #expect(literal("a\u{8}b\u{c}c", canonical: true) == #""a\u0008b\u000cc""#)
        #expect(literal("a\u{8}b\u{c}c") == #""a\bb\fc""#)
        #expect(literal("客戶拜訪報告 ☕️ / done") == "\"客戶拜訪報告 ☕️ / done\"")
        #expect(literal("") == "\"\"")
    }

    @Test("the word tests agree with a byte-by-byte look at every word of a random sequence")
    func wordTests() {
        var state: UInt64 = 0x00c0_ffee
        for _ in 0..<200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Bytes mostly near the interesting values: controls, quote, backslash, 0x7f/0x80.
            let interesting: [UInt8] = [0x00, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7f, 0x80, 0xff, 0x61]
            var word: UInt64 = 0
            var bytes: [UInt8] = []
            for shift in 0..<8 {
                let pick = (state >> (shift * 7)) & 0x7f
                let byte = pick < 91 ? interesting[Int(pick % 13)] : UInt8(truncatingIfNeeded: pick &* 37 &+ state)
                bytes.append(byte)
                word |= UInt64(byte) << (8 * shift)
            }
            let escape = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5c }
            #expect(JSONString.needsEscape(word) == escape, "\(bytes)")
            #expect(JSONString.isPlainASCII(word) == (!escape && bytes.allSatisfy { $0 < 0x80 }), "\(bytes)")
        }
    }
}
