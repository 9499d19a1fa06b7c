import FormworkDiagnostics
import Foundation
import Testing

@Suite struct TerminalTextTests {
    @Test func plainTextIsWrittenAsItIs() {
        let text = "R-000001 visit_plan for 新竹精密 by lin.hao: pending\n\tévalué — מחיר ✓\n"
        #expect(TerminalText.safe(text) == text)
        #expect(TerminalText.safe(text, keepingStyles: true) == text)
    }

    @Test(arguments: [
        ("clear \u{1B}[2J screen", "clear \\u001B[2J screen"),
        ("title \u{1B}]0;owned\u{07}", "title \\u001B]0;owned\\u0007"),
        ("over\rwrite", "over\\u000Dwrite"),
        ("ends with\r", "ends with\\u000D"),
        ("nul\u{0}", "nul\\u0000"),
        ("del\u{7F}", "del\\u007F"),
        ("c1 csi \u{9B}2J", "c1 csi \\u009B2J"),
        ("c1 nel \u{85}", "c1 nel \\u0085"),
        ("bidi \u{202E}gnp.exe", "bidi \\u202Egnp.exe"),
        ("isolate \u{2066}x\u{2069}", "isolate \\u2066x\\u2069"),
    ])
    func aCharacterATerminalActsOnIsShownEscaped(text: String, shown: String) {
        #expect(TerminalText.safe(text) == shown)
        #expect(!TerminalText.safe(text).unicodeScalars.contains { TerminalText.isUnsafe($0) })
    }

    @Test func aLineEndingOfCarriageReturnAndLineFeedStays() {
        // CSV ends its lines so; the carriage return moves nothing the line feed does not move anyway.
        let text = "a,b\r\n\"x\r\ny\",c\r\n"
        #expect(TerminalText.safe(text) == text)
        #expect(TerminalText.safe("\r\r\n") == "\\u000D\r\n")
    }

    @Test func marksThatOnlyShapeTextStay() {
        // Left-to-right and right-to-left marks, a zero-width joiner and U+00A0 are text, not commands.
        let text = "\u{200E}a\u{200F}b👩\u{200D}💻\u{A0}c"
        #expect(TerminalText.safe(text) == text)
    }

    @Test func formworksOwnColoursAreKeptOnlyWhenAsked() {
        let styled = "\u{1B}[1;31merror\u{1B}[0m: \u{1B}[2mhint\u{1B}[0m \u{1B}[36mx\u{1B}[m"
        #expect(TerminalText.safe(styled, keepingStyles: true) == styled)
        #expect(
            TerminalText.safe(styled)
                == "\\u001B[1;31merror\\u001B[0m: \\u001B[2mhint\\u001B[0m \\u001B[36mx\\u001B[m")
    }

    @Test(arguments: [
        "\u{1B}[8mhidden", "\u{1B}[2J", "\u{1B}[1;8m", "\u{1B}[31;2A", "\u{1B}]0;t\u{07}", "\u{1B}[", "\u{1B}",
        "\u{1B}[;m", "\u{1B}[0000000000000000031m",
    ])
    func anyOtherSequenceIsEscapedEvenWithColours(sequence: String) {
        let shown = TerminalText.safe(sequence, keepingStyles: true)
        #expect(!shown.unicodeScalars.contains("\u{1B}"), "\(shown.debugDescription)")
        #expect(shown.hasPrefix("\\u001B"))
    }

    @Test func aJSONTextStaysTheSameValue() throws {
        let value = "a\u{7F}b\u{85}c\u{202E}d\u{2069}"
        let json = #"{"opinion":"\#(value)","n":1}"#
        let shown = TerminalText.safe(json)
        #expect(!shown.unicodeScalars.contains { TerminalText.isUnsafe($0) })
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(object["opinion"] as? String == value)
    }

    @Test func everyUnsafeScalarIsFoundWhereverItSits() {
        let unsafe: [Unicode.Scalar] =
            (0...0x1F).compactMap { Unicode.Scalar($0) }.filter { $0 != "\t" && $0 != "\n" }
            + (0x7F...0x9F).compactMap { Unicode.Scalar($0) }
            + (0x202A...0x202E).compactMap { Unicode.Scalar($0) } + (0x2066...0x2069).compactMap { Unicode.Scalar($0) }
        for scalar in unsafe {
            for text in ["\(scalar)", "ab\(scalar)", "é\(scalar)z", "中\(scalar)", "\(scalar)\(scalar)"] {
                let shown = TerminalText.safe(text)
                #expect(!shown.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16))")
            }
        }
        // The neighbours of the ranges are text.
        for value: UInt32 in [0x20, 0x7E, 0xA0, 0x2029, 0x202F, 0x2065, 0x206A, 0xE2] {
            let text = "x\(Unicode.Scalar(value)!)y"
            #expect(TerminalText.safe(text) == text, "U+\(String(value, radix: 16))")
        }
    }
}
