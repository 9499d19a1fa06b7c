extension StackedBarChart {
    /// A legend of the segments on top (wrapping), then one bar per row scaled to the largest
    /// total, its segments in legend order, and the total right of it.
    func scene(width: Double = ChartScene.defaultWidth) -> ChartScene {
        let largest = bars.map(\.total).max() ?? 0
        guard largest > 0 else { return .empty(width: width) }
        var shapes: [ChartScene.Shape] = []
        // Legend, wrapping at the width.
        var x: Double = 8
        var y: Double = 6
        for (index, segment) in segments.enumerated() {
            let itemWidth = 16 + ChartScene.textWidth(segment) + 16
            if x + itemWidth > width - 8 && x > 8 {
                x = 8
                y += 18
            }
            shapes.append(.rect(x: x, y: y, width: 12, height: 12, style: Self.style(of: index), tooltip: nil))
            shapes.append(.text(x: x + 16, y: y + 10, text: segment, anchor: .start, style: "legend"))
            x += itemWidth
        }
        let rowHeight: Double = 22
        let barHeight: Double = 16
        let top = y + 28
        let labelWidth = ChartScene.labelColumn(bars.map(\.label), maximum: 180)
        let left = 8 + labelWidth + 8
        let totalWidth = ChartScene.textWidth("\(largest)") + 14
        let length = max(40, width - 8 - totalWidth - left)
        for (row, bar) in bars.enumerated() {
            let rowY = top + Double(row) * rowHeight
            let barY = rowY + (rowHeight - barHeight) / 2
            let textY = rowY + rowHeight / 2 + 4
            shapes.append(
                .text(
                    x: left - 8, y: textY, text: ChartScene.fit(bar.label, width: labelWidth), anchor: .end,
                    style: "label"))
            var offset = left
            for (index, value) in bar.values.enumerated() where value > 0 {
                let segmentWidth = ChartScene.scaled(Double(value), of: Double(largest), to: length)
                let name = index < segments.count ? segments[index] : ""
                shapes.append(
                    .rect(
                        x: offset, y: barY, width: segmentWidth, height: barHeight, style: Self.style(of: index),
                        tooltip: "\(bar.label): \(value) \(name)"))
                offset += segmentWidth
            }
            shapes.append(.text(x: offset + 6, y: textY, text: "\(bar.total)", anchor: .start, style: "value"))
        }
        let bottom = top + Double(bars.count) * rowHeight
        shapes.append(.line(x1: left, y1: top - 2, x2: left, y2: bottom + 2, style: "axis"))
        return ChartScene(width: width, height: bottom + 8, shapes: shapes)
    }

    /// The palette slot of segment `index` (ten colours, then again).
    static func style(of index: Int) -> String { "segment s\(index % 10)" }
}
