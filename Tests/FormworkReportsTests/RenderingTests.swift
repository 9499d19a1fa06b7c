import FormworkLanguage
import Foundation
import Testing

@testable import FormworkReports

@Suite struct RenderingTests {
    static let report = ManagementReport(
        kind: .reviews, title: "Reviews",
        scope: ReportScope(
            period: ReportPeriod(parsing: "2026-11"), asOf: .init(secondsSinceEpoch: 1_795_000_000)),
        tables: [
            Table(
                id: "t", title: "T", columns: [.init("name", "Name"), .init("n", "N"), .init("share", "Share %")],
                rows: [
                    [.text("陳美"), .int(12), .percent(85.5)],
                    [.text("=HYPERLINK(\"x\")"), .int(-3), .none],
                    [.text("a, b"), .amount(1_234_567), .measure(2)],
                ])
        ])

    @Test func textAlignsByDisplayWidth() {
        let text = ReportRenderer.text(Self.report)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("  Name                     N  Share %"))
        // 陳美 takes four columns: padded with eleven spaces, not thirteen.
        #expect(lines.contains("  陳美                    12     85.5"))
        #expect(lines.contains("  =HYPERLINK(\"x\")         -3        -"))
        #expect(lines.contains("  a, b             1,234,567      2.0"))
    }

    @Test func csvQuotesUsesCRLFAndNeutralisesFormulas() {
        let csv = ReportRenderer.csv(Self.report.tables[0])
        #expect(
            csv == "name,n,share\r\n陳美,12,85.5\r\n\"'=HYPERLINK(\"\"x\"\")\",-3,\r\n\"a, b\",1234567,2.0\r\n")
        for start in ["=", "+", "-", "@", "\t", "\r"] {
            #expect(ReportRenderer.csvField(start + "1").contains("'" + start))
        }
        #expect(ReportRenderer.csvField("-5", isText: false) == "-5")
        // A line break in a cell is quoted however it is written: "\r\n" (typed on Windows) is one Character.
        for text in ["first line\r\nsecond", "first line\nsecond", "first line\rsecond"] {
            #expect(ReportRenderer.csvField(text) == "\"" + text + "\"")
        }
    }

    @Test func jsonIsVersionedWithNumbersAndNulls() throws {
        let json = try ReportRenderer.json(Self.report)
        #expect(json.contains("\"version\" : 1"))
        #expect(json.contains("\"share\" : 85.5"))
        #expect(json.contains("\"share\" : null"))
        #expect(json.contains("\"label\" : \"2026-11\""))
        #expect(json.contains("\"from\" : \"2026-11-01\""))
        #expect(json.contains("\"to\" : \"2026-11-30\""))
    }

    @Test func markdownEscapesPipes() {
        var report = Self.report
        report.tables[0].rows = [[.text("a|b"), .int(1), .none]]
        #expect(ReportRenderer.markdown(report).contains("| a\\|b | 1 | - |"))
    }

    /// Markdown passes raw HTML through, and a customer id or an answer is anybody's text: a cell shows its
    /// text, never markup.
    @Test func markdownShowsHTMLAsText() {
        var report = Self.report
        report.tables[0].rows = [[.text("<img src=x onerror=alert(1)> & co\nnext"), .int(1), .none]]
        #expect(
            ReportRenderer.markdown(report).contains("| &lt;img src=x onerror=alert(1)&gt; &amp; co<br>next | 1 | - |"))
    }

    @Test(arguments: [
        ("OK", false), ("ok.", false), ("同意", false), ("同意。同意", false), ("OK OK", false), ("閱", false),
        ("", false), (" ", false), ("x", false), ("Good lead; qualify it this week.", true),
        ("預算已核准，請本週安排拜訪。", true), ("Ask about the spindle failures", true),
    ])
    func substantiveOpinions(_ text: String, _ expected: Bool) {
        #expect(Opinion.isSubstantive(text) == expected)
    }

    @Test func noOpinionIsNotSubstantive() { #expect(!Opinion.isSubstantive(nil)) }

    @Test("the ASCII shortcut reads an opinion exactly as Unicode's properties do")
    func asciiCoreMatchesUnicode() {
        let alphabet = (0..<128).map { UInt8($0) } + Array("同意。OK，".utf8)
        var state: UInt64 = 1
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<(Int(state % 12) + 1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
            }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(Opinion.core(of: text) == Opinion.slowCore(of: text), "\(bytes)")
        }
        for byte in UInt8(0)..<128 {
            let text = String(decoding: [byte], as: UTF8.self)
            #expect(Opinion.core(of: text) == Opinion.slowCore(of: text), "byte \(byte)")
        }
    }

    @Test func percentilesUseNearestRank() {
        let values: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        #expect(Statistics.percentile(values, 0.9) == 9)
        #expect(Statistics.median(values) == 5.5)
        #expect(Statistics.median([3, 1, 2]) == 2)
        #expect(Statistics.percentile([], 0.9) == nil)
    }

    @Test func periodsParse() throws {
        let month = try #require(ReportPeriod(parsing: "2026-11"))
        #expect("\(month.start)..\(month.end)" == "2026-11-01..2026-11-30")
        let quarter = try #require(ReportPeriod(parsing: "2026-Q1"))
        #expect("\(quarter.end)" == "2026-03-31")
        let range = try #require(ReportPeriod(parsing: "2026-01-05..2026-03-27"))
        #expect(try #require(ReportPeriod(parsing: "2026")).covers(range))
        #expect(ReportPeriod(parsing: "2026-13") == nil)
        #expect(ReportPeriod(parsing: "2026-03-27..2026-01-05") == nil)
    }
}
