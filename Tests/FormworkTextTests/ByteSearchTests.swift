import FormworkText
import Testing

/// `ByteSearch`, against the plain searches it replaces.
@Suite struct ByteSearchTests {
    /// A scalar-by-scalar search: what the condition language's `in` on text means.
    static func scalarsContain(_ text: String, _ piece: String) -> Bool {
        let haystack = Array(text.unicodeScalars)
        let needle = Array(piece.unicodeScalars)
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test("text search agrees with a scalar-by-scalar search, whatever the scalars' lengths in UTF-8")
    func textAgrees() {
        // One to four bytes each, a combining mark, and the precomposed form it makes with "e".
        let alphabet = ["a", "b", "e", "é", "\u{301}", "漢", "字", "🧾", "\u{10FFFF}"]
        var generator = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement()! }.joined()
            let piece = (0..<Int.random(in: 0...3, using: &generator)).map { _ in alphabet.randomElement()! }.joined()
            let expected = Self.scalarsContain(text, piece)
            #expect(ByteSearch.contains(text, piece) == expected, "\(text) ⊇ \(piece)")
            if expected && !piece.isEmpty { found += 1 }
        }
        #expect(found > 1_000)
        // Scalars, not characters: "e" and a combining accent hold "e", and do not hold the precomposed "é".
        #expect(ByteSearch.contains("e\u{301}", "e"))
        #expect(!ByteSearch.contains("e\u{301}", "é"))
        #expect(ByteSearch.contains("", ""))
        #expect(!ByteSearch.contains("", "a"))
    }

    @Test("byte search agrees with a plain search on random bytes")
    func bytesAgree() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...3) }
            let needle = (0..<Int.random(in: 0...4, using: &generator)).map { _ in UInt8.random(in: 0...3) }
            let expected =
                needle.isEmpty
                || (needle.count <= bytes.count
                    && (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle })
            #expect(ByteSearch.contains(bytes, needle) == expected)
        }
    }
}
