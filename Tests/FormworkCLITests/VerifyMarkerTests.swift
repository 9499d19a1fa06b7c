import FormworkAudit
import Testing

@testable import FormworkCLI

/// `VerifyCommand.holds`: how `verify` finds the records that publish a form set, without decoding every body.
@Suite struct VerifyMarkerTests {
    /// Whether `marker` occurs in `bytes`, one place after the other: slow and plainly right.
    static func reference(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
        guard !marker.isEmpty else { return true }
        guard bytes.count >= marker.count else { return false }
        return (0...(bytes.count - marker.count)).contains { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }
    }

    @Test func findsTheMarkerAnywhereAndOnlyWhole() {
        let marker = Array(#""kind":"form-set-published""#.utf8)
        let body = Array(#"{"body":{"version":"abc"},"kind":"form-set-published"}"#.utf8)
        #expect(VerifyCommand.holds(body, marker))
        #expect(VerifyCommand.holds(marker, marker))
        #expect(VerifyCommand.holds(marker + [0x7d], marker))
        #expect(!VerifyCommand.holds(Array(marker.dropLast()), marker))
        #expect(!VerifyCommand.holds(Array(#"{"kind":"form-set-publishe"}"#.utf8), marker))
        #expect(!VerifyCommand.holds([], marker))
        #expect(VerifyCommand.holds([], []))
        // A false start just before the marker: the search goes on from the next byte.
        #expect(VerifyCommand.holds(Array("aaab".utf8), Array("aab".utf8)))
        #expect(!VerifyCommand.holds(Array("abab".utf8), Array("abb".utf8)))
    }

    @Test func agreesWithTheReferenceOnRandomBytes() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<20_000 {
            // Few distinct bytes, so that partial matches and repeats are common.
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                UInt8.random(in: 97...99, using: &random)
            }
            let marker = (0..<Int.random(in: 1...5, using: &random)).map { _ in
                UInt8.random(in: 97...99, using: &random)
            }
            #expect(VerifyCommand.holds(bytes, marker) == Self.reference(bytes, marker), "\(bytes) \(marker)")
        }
    }
}
