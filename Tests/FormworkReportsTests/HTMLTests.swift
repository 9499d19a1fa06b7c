import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

@testable import FormworkReports

/// The HTML format: one self-contained page per report, every value escaped, a chart with its
/// table for every kind but the meeting pack.
@Suite struct HTMLTests {
    static let hostile = "<script>alert(\"x\")</script> & 'Lin'"
    static let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Lin&#39;"

    /// The `<svg …>…</svg>` parts of a page.
    static func svgs(in html: String) -> [String] {
        html.components(separatedBy: "<svg ").dropFirst().map { $0.components(separatedBy: "</svg>")[0] }
    }

    @Test(arguments: ReportKind.allCases)
    func everyKindIsOneSelfContainedPage(_ kind: ReportKind) throws {
        let person = kind == .meetingPack ? "lin.hao" : nil
        let html = try ReportRenderer.html(Fixture.report(kind, period: "2026-Q1", person: person))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        // Nothing to run and nothing loaded from elsewhere: the SVG namespace is a name, not a request.
        #expect(!html.lowercased().contains("<script"))
        for reference in ["src=", "url(", "@import", "<link", "https://", "href=\"http"] {
            #expect(!html.contains(reference), "\(reference)")
        }
        #expect(
            html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http://") == false
        )
        // Chinese names are written as text, not as entities.
        if let name = [ReportKind.activity: "林浩", .targets: "林浩", .reviews: "陳美"][kind] {
            #expect(html.contains(name))
        }
        let charts = Self.svgs(in: html)
        let expected = [ReportKind.activity: 1, .reviews: 1, .funnel: 1, .targets: 2, .meetingPack: 0][kind]
        #expect(charts.count == expected)
        for svg in charts {
            #expect(svg.contains("role=\"img\""))
            #expect(svg.contains("<title id="))
            #expect(svg.contains("<desc id="))
            #expect(!svg.contains("NaN") && !svg.contains("\"inf\"") && !svg.contains("\"nan\""))
        }
        // Each chart sits beside its data table.
        #expect(html.components(separatedBy: "<div class=\"figure\">").count - 1 == expected)
    }

    @Test func namesAndOpinionsAreEscapedInTablesAndCharts() throws {
        var input = try Fixture.input()
        let lin = try #require(input.formSet.org?.people.firstIndex { $0.id.value == PersonID("lin.hao") })
        input.formSet.org?.people[lin].name = Self.hostile
        let chen = try #require(input.formSet.org?.people.firstIndex { $0.id.value == PersonID("chen.mei") })
        input.formSet.org?.people[chen].name = Self.hostile
        let filed = try #require(
            input.reports.firstIndex { $0.submitter == PersonID("lin.hao") && !$0.decisions.isEmpty })
        input.reports[filed].decisions[0].opinion = Self.hostile
        for kind in [ReportKind.activity, .reviews, .targets] {
            let html = try ReportRenderer.html(ManagementReports.make(kind, from: input))
            #expect(!html.contains("<script"), "\(kind)")
            #expect(html.contains(Self.escaped), "\(kind)")
            // In the SVG: the rep's or the reviewer's label, and the bars' tooltips.
            let svg = Self.svgs(in: html).joined()
            #expect(svg.contains(Self.escaped), "\(kind)")
            #expect(!svg.contains("<script"), "\(kind)")
        }
        input.scope.person = PersonID("lin.hao")
        let pack = try ReportRenderer.html(ManagementReports.make(.meetingPack, from: input))
        #expect(!pack.contains("<script"))
        #expect(pack.contains("<td class=\"text\">" + Self.escaped + "</td>"))
    }

    @Test func aPeriodWithoutReportsSaysSo() throws {
        for kind in [ReportKind.activity, .reviews, .funnel] {
            let html = try ReportRenderer.html(Fixture.report(kind, period: "2025-06"))
            #expect(html.contains("No data in this period."), "\(kind)")
            #expect(html.contains("<p class=\"empty\">None.</p>"), "\(kind)")
            #expect(!html.contains("NaN"))
        }
    }

    @Test func meetingPackHasASectionPerReportWithItsOpinionsInOrder() throws {
        let report = try Fixture.report(.meetingPack, period: "2026-02", person: "lin.hao")
        let html = try ReportRenderer.html(report)
        let timeline = try #require(report.table("timeline"))
        var ids: [String] = []
        for row in timeline.rows {
            if case .text(let id) = row[0], !ids.contains(id) { ids.append(id) }
        }
        #expect(ids.count == 20)
        // Each report's heading, in the order of the Markdown version.
        var position = html.startIndex
        for id in ids {
            let heading = try #require(html.range(of: "\">\(id)</h3>", range: position..<html.endIndex))
            position = heading.upperBound
        }
        #expect(html.contains("<p class=\"caption\">Customer information for C-0080, approved</p>"))
        // Every opinion of the Markdown version is in the page.
        let markdown = ReportRenderer.markdown(report)
        #expect(markdown.components(separatedBy: "\n### ").count - 1 == ids.count)
    }
}
