import Foundation
import Testing

@testable import FormworkAudit

/// `Placeholder.normalized`: its byte-wise path for ASCII answers gives what Foundation's trimming and lowercasing
/// give, so that a placeholder is judged the same whichever path it takes.
@Suite struct PlaceholderTests {
    /// The normalisation through Foundation, as it is for text that is not ASCII.
    static func reference(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        while let last = text.last, text.count > 1, ".。!！".contains(last) { text.removeLast() }
        return text
    }

    @Test func asciiAnswersNormaliseAsThroughFoundation() throws {
        for text in [
            "N/A", "  TBD.  ", "OK!!", "Ok.", ".", "...", "!", " . ", "\r\n", "a\r\n.", "x\r\n!", "\t-\n", "", " ",
            "Same as above.", "ABC xyz", "\u{0B}x\u{0C}", "\u{1F}x",
        ] {
            #expect(Placeholder.normalizedASCII(text) == Self.reference(text), "\(text.debugDescription)")
        }
        #expect(Placeholder.normalizedASCII("閱。") == nil)
        #expect(Placeholder.normalized("閱。") == "閱")
        var random = SeededRandom(seed: 5)
        let alphabet = Array(" \t\r\n\u{0B}\u{0C}\u{1C}.!aZ-/?0".unicodeScalars)
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...8, using: &random)
            var text = ""
            for _ in 0..<length {
                text.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)])
            }
            #expect(Placeholder.normalizedASCII(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
