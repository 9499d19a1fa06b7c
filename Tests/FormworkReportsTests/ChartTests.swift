import Foundation
import Testing

@testable import FormworkReports

/// The charts' geometry: bars in proportion to their figures, nothing negative, NaN or infinite
/// whatever the figures, and a "no data" state when there is nothing to draw.
@Suite struct ChartTests {
    /// Every number of a scene is finite and every rect has a non-negative size.
    func expectSane(_ scene: ChartScene, sourceLocation: SourceLocation = #_sourceLocation) {
        let finite = scene.numbers.allSatisfy(\.isFinite)
        let sized = scene.rects.allSatisfy { $0.width >= 0 && $0.height >= 0 }
        #expect(finite, sourceLocation: sourceLocation)
        #expect(sized, sourceLocation: sourceLocation)
        #expect(scene.width > 0 && scene.height > 0, sourceLocation: sourceLocation)
    }

    @Test func barsAreProportionalToTheirValues() throws {
        let chart = BarChart(
            title: "Funnel", valueLabel: "Reached", partLabel: "Now", partShortLabel: "now",
            bars: [
                .init(label: "Information", value: 200, part: 50, note: "50.0% to next"),
                .init(label: "Qualification", value: 100, part: 100), .init(label: "Visit", value: 0, part: 0),
            ])
        let scene = chart.scene()
        expectSane(scene)
        let bars = scene.rects.filter { $0.style == "bar" && $0.y > 30 }
        try #require(bars.count == 3)
        #expect(bars[0].width > 0)
        #expect(abs(bars[0].width - 2 * bars[1].width) < 0.001)
        #expect(bars[2].width == 0)
        // The part is drawn inside its bar, in the same scale.
        let parts = scene.rects.filter { $0.style == "bar-part" && $0.y > 30 }
        #expect(abs(parts[0].width - bars[0].width / 4) < 0.001)
        #expect(parts[1].width == bars[1].width)
        #expect(scene.texts.contains("200 · 50 now"))
        #expect(scene.texts.contains("50.0% to next"))
        // Bars never run into the notes column or past the chart.
        #expect(bars.allSatisfy { $0.x + $0.width <= scene.width })
    }

    @Test func nothingToDrawShowsNoData() {
        let scenes = [
            BarChart(title: "Funnel", valueLabel: "Reached", bars: []).scene(),
            BarChart(title: "Funnel", valueLabel: "Reached", bars: [.init(label: "A", value: 0)]).scene(),
            Histogram(title: "Hours", unit: "h", values: []).scene(),
            Histogram(title: "Hours", unit: "h", values: [("All", [])]).scene(),
            ProgressChart(title: "Revenue", measure: "revenue", items: []).scene(),
            StackedBarChart(title: "Reports", segments: ["Visit"], bars: [.init(label: "lin", values: [0])]).scene(),
        ]
        for scene in scenes {
            expectSane(scene)
            #expect(scene.isEmpty)
            #expect(scene.texts == ["No data in this period."])
        }
        #expect(BarChart(title: "Funnel", valueLabel: "Reached", bars: []).summary == "Funnel: no data.")
    }

    @Test func histogramBinsShareRoundEdgesAndMarkMedianAndP90() throws {
        let histogram = Histogram(
            title: "Hours to sign", unit: "h",
            values: [("All", [1, 3, 5, 7, 30, 31, 45, 400]), ("chen.mei", [1, 3, 400]), ("lin.hao", [])])
        // p95 of the eight values is 400: bins of 48 h cover it with nine closed bins.
        #expect(histogram.binWidth == 48)
        #expect(histogram.binCount == 10)
        #expect(histogram.series[0].counts.prefix(2) == [7, 0])
        #expect(histogram.series[0].counts.last == 0)
        #expect(histogram.series[0].counts.reduce(0, +) == 8)
        #expect(histogram.series[1].counts[8] == 1)
        #expect(histogram.series[1].median == 3)
        #expect(histogram.series[1].p90 == 400)
        #expect(histogram.label(ofBin: 0) == "0–48 h")
        #expect(histogram.label(ofBin: 9) == "≥ 432 h")
        let scene = histogram.scene()
        expectSane(scene)
        #expect(scene.texts.contains("median 18.5 h"))
        #expect(scene.texts.contains("p90 400 h"))
        // A panel without values says so instead of drawing zero-height bars.
        #expect(scene.texts.contains("No decisions."))
        // Bar heights follow the counts within a panel.
        let bars = scene.rects.filter { $0.style.hasPrefix("bar") && $0.y < 190 }
        #expect(bars.count == 10)
        #expect(bars[0].height > 0 && bars[1].height == 0)
    }

    @Test func manyLateDecisionsGoToTheOpenBin() {
        let histogram = Histogram(
            title: "Hours", unit: "h",
            values: [("All", [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 900])])
        // p95 is 2: bins of 1 h, and the one late decision in the open bin.
        #expect(histogram.binWidth == 1)
        #expect(histogram.binCount == 4)
        #expect(histogram.series[0].counts == [0, 0, 19, 1])
        let scene = histogram.scene()
        expectSane(scene)
        #expect(scene.rects.allSatisfy { $0.x + $0.width <= scene.width })
    }

    @Test func progressBarsScaleToTheShareWithTargetAndRuleLines() throws {
        let chart = ProgressChart(
            title: "Coverage", measure: "members' targets", rule: 120,
            items: [
                .init(label: "Region north", actual: 124.7, target: 100),
                .init(label: "Region south", actual: 110, target: 100),
                .init(label: "Region east", actual: 500, target: 100),
                .init(label: "Region west", actual: 10, target: nil),
                .init(label: "Region zero", actual: 10, target: 0),
            ])
        #expect(chart.scale == 200)
        let scene = chart.scene()
        expectSane(scene)
        let tracks = scene.rects.filter { $0.style == "track" }
        let bars = scene.rects.filter { $0.style.hasPrefix("progress") }
        try #require(tracks.count == 5 && bars.count == 3)
        let length = tracks[0].width
        #expect(abs(bars[0].width - length * 124.7 / 200) < 0.001)
        #expect(bars[0].style == "progress met")
        #expect(bars[1].style == "progress short")
        // 500% is past the scale: the bar stops at the track's end.
        #expect(bars[2].width == length)
        #expect(scene.texts.contains("500.0%"))
        #expect(scene.texts.contains("120% rule"))
        #expect(scene.texts.filter { $0.hasPrefix("no target") }.count == 2)
        #expect(chart.isMet(chart.items[3]) == nil)
    }

    @Test func stackedSegmentsAddUpToTheirBar() throws {
        let chart = StackedBarChart(
            title: "Reports", segments: ["Visit plan", "Visit record"],
            bars: [.init(label: "林浩 (lin.hao)", values: [6, 2]), .init(label: "chen", values: [0, 4])])
        let scene = chart.scene()
        expectSane(scene)
        let segments = scene.rects.filter { $0.style.hasPrefix("segment") && $0.y > 20 }
        try #require(segments.count == 3)
        #expect(abs(segments[0].width - 3 * segments[1].width) < 0.001)
        #expect(abs(segments[0].width + segments[1].width - 2 * segments[2].width) < 0.001)
        #expect(segments[1].x == segments[0].x + segments[0].width)
        #expect(scene.texts.contains("林浩 (lin.hao)"))
    }

    @Test func longLabelsAreCutToTheirColumn() {
        let label = String(repeating: "客戶資訊收集表", count: 10)
        let fitted = ChartScene.fit(label, width: 120)
        #expect(fitted.hasSuffix("…"))
        #expect(ChartScene.textWidth(fitted) <= 120)
        #expect(ChartScene.fit("short", width: 120) == "short")
    }

    @Test func coordinatesAreWrittenTheSameEverywhere() {
        #expect(ChartNumber.coordinate(12.345) == "12.3")
        #expect(ChartNumber.coordinate(12) == "12")
        #expect(ChartNumber.coordinate(-0.01) == "0")
        #expect(ChartNumber.coordinate(.nan) == "0")
        #expect(ChartNumber.coordinate(.infinity) == "0")
        #expect(ChartNumber.text(-2.25) == "-2.3")
        #expect(ChartNumber.percent(124.66) == "124.7%")
        #expect(ChartNumber.grouped(12_750_000) == "12,750,000")
    }
}
