import FormworkDiagnostics
import Testing

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3),
        ("拜訪日期", 8),
        ("客戶 A", 6),
        ("ｆｕｌｌ", 8),
        ("e\u{301}", 1),
        ("한국어", 6),
        ("🙂", 2),
        ("👍🏽", 2),
        ("", 0),
        ("tab\u{7}", 3),
    ])
    func widthOfText(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }
}
