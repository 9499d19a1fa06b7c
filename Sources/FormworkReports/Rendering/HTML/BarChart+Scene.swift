extension BarChart {
    /// Bars from a label column, scaled to the largest value; the value (and part) right of each
    /// bar, the note in a column at the right edge; a legend on top.
    func scene(width: Double = ChartScene.defaultWidth) -> ChartScene {
        let largest = bars.map(\.value).max() ?? 0
        guard largest > 0 else { return .empty(width: width) }
        let rowHeight: Double = 28
        let barHeight: Double = 18
        let top: Double = 32
        let labelWidth = ChartScene.labelColumn(bars.map(\.label), maximum: 200)
        let left = 8 + labelWidth + 8
        let noteWidth = min(150, (bars.compactMap(\.note).map { ChartScene.textWidth($0) }.max() ?? 0) + 8)
        let figures = bars.map(figures(of:))
        let figureWidth = (figures.map { ChartScene.textWidth($0) }.max() ?? 0) + 12
        let length = max(40, width - 8 - noteWidth - figureWidth - left)
        var shapes: [ChartScene.Shape] = []
        // Legend.
        var x: Double = 8
        for (label, style) in [(valueLabel, "bar")] + (partLabel.map { [($0, "bar-part")] } ?? []) {
            shapes.append(.rect(x: x, y: 6, width: 12, height: 12, style: style, tooltip: nil))
            shapes.append(.text(x: x + 16, y: 16, text: label, anchor: .start, style: "legend"))
            x += 16 + ChartScene.textWidth(label) + 20
        }
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            let barY = y + (rowHeight - barHeight) / 2
            let textY = y + rowHeight / 2 + 4
            let tooltip = "\(bar.label): " + figures[index] + (bar.note.map { ", \($0)" } ?? "")
            shapes.append(
                .text(
                    x: left - 8, y: textY, text: ChartScene.fit(bar.label, width: labelWidth), anchor: .end,
                    style: "label"))
            let barWidth = ChartScene.scaled(Double(bar.value), of: Double(largest), to: length)
            shapes.append(.rect(x: left, y: barY, width: barWidth, height: barHeight, style: "bar", tooltip: tooltip))
            if let part = bar.part {
                let partWidth = ChartScene.scaled(Double(min(part, bar.value)), of: Double(largest), to: length)
                shapes.append(
                    .rect(x: left, y: barY, width: partWidth, height: barHeight, style: "bar-part", tooltip: tooltip))
            }
            shapes.append(.text(x: left + barWidth + 6, y: textY, text: figures[index], anchor: .start, style: "value"))
            if let note = bar.note {
                shapes.append(.text(x: width - 8, y: textY, text: note, anchor: .end, style: "note"))
            }
        }
        shapes.append(
            .line(x1: left, y1: top - 2, x2: left, y2: top + Double(bars.count) * rowHeight + 2, style: "axis"))
        return ChartScene(width: width, height: top + Double(bars.count) * rowHeight + 8, shapes: shapes)
    }

    /// A bar's figures as written beside it: "197" or "197 · 124 now".
    func figures(of bar: Bar) -> String {
        guard let part = bar.part else { return "\(bar.value)" }
        return "\(bar.value) · \(part)" + (partShortLabel.isEmpty ? "" : " " + partShortLabel)
    }
}
