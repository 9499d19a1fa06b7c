import FormworkReports
import Testing

/// Every report kind pinned in every format on the generated store.
@Suite struct GoldenTests {
    @Test(arguments: ReportKind.allCases)
    func textCSVAndJSONArePinned(_ kind: ReportKind) throws {
        let person = kind == .meetingPack ? "lin.hao" : nil
        let period = kind == .meetingPack ? "2026-02" : "2026-Q1"
        let report = try Fixture.report(kind, period: period, person: person)
        try expectGolden(ReportRenderer.text(report), named: "\(kind.rawValue).txt")
        try expectGolden(ReportRenderer.json(report), named: "\(kind.rawValue).json")
        try expectGolden(ReportRenderer.markdown(report), named: "\(kind.rawValue).md")
        for table in report.tables {
            try expectGolden(ReportRenderer.csv(table), named: "\(kind.rawValue)-\(table.id).csv")
        }
    }
}

/// The HTML pages pinned on the generated store: the page, its tables, and the charts' SVG.
@Suite struct HTMLGoldenTests {
    @Test(arguments: [ReportKind.reviews, .funnel, .targets, .activity])
    func htmlIsPinned(_ kind: ReportKind) throws {
        try expectGolden(ReportRenderer.html(Fixture.report(kind)), named: "\(kind.rawValue).html")
    }
}
