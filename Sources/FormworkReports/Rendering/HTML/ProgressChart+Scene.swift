import Foundation

extension ProgressChart {
    /// A track per row from 0% to the scale's end, filled to the share reached (met or short of the
    /// goal), with the 100% line and the rule's line across every row; the share at the right.
    func scene(width: Double = ChartScene.defaultWidth) -> ChartScene {
        guard !items.isEmpty else { return .empty(width: width) }
        let rowHeight: Double = 24
        let barHeight: Double = 14
        let top: Double = 24
        let labelWidth = ChartScene.labelColumn(items.map(\.label), maximum: 190)
        let left = 8 + labelWidth + 8
        let valueWidth: Double = 64
        let right = width - 8 - valueWidth
        let length = right - left
        let scale = self.scale
        let bottom = top + Double(items.count) * rowHeight
        var shapes: [ChartScene.Shape] = []
        for (index, item) in items.enumerated() {
            let y = top + Double(index) * rowHeight
            let barY = y + (rowHeight - barHeight) / 2
            let textY = y + rowHeight / 2 + 4
            shapes.append(
                .text(
                    x: left - 8, y: textY, text: ChartScene.fit(item.label, width: labelWidth), anchor: .end,
                    style: "label"))
            shapes.append(.rect(x: left, y: barY, width: length, height: barHeight, style: "track", tooltip: nil))
            guard let percent = item.percent, let target = item.target else {
                shapes.append(
                    .text(
                        x: left + 6, y: textY, text: "no target · \(ChartNumber.grouped(item.actual))",
                        anchor: .start, style: "note"))
                continue
            }
            let share = ChartNumber.double(percent)
            let met = isMet(item) ?? false
            shapes.append(
                .rect(
                    x: left, y: barY, width: ChartScene.scaled(share, of: scale, to: length), height: barHeight,
                    style: met ? "progress met" : "progress short",
                    tooltip: "\(item.label): \(measure) \(ChartNumber.grouped(item.actual)) of"
                        + " \(ChartNumber.grouped(target)), \(ChartNumber.percentCut(percent))"))
            if share > scale {
                // Past the end of the scale: an arrow head at the end of the bar.
                shapes.append(.text(x: right - 2, y: textY, text: "›", anchor: .end, style: "overflow"))
            }
            shapes.append(
                .text(
                    x: right + 6, y: textY, text: ChartNumber.percentCut(percent), anchor: .start,
                    style: met ? "value met" : "value short"))
        }
        // The 100% line, and the rule's line when there is one.
        var lines: [(Double, String, String)] = [(100, "100%", "target-line")]
        if let rule, rule != 100 {
            let share = ChartNumber.double(rule)
            lines.append((share, "\(ChartNumber.text(share))% rule", "rule-line"))
        }
        for (share, label, style) in lines {
            let x = left + ChartScene.scaled(share, of: scale, to: length)
            shapes.append(.line(x1: x, y1: top - 4, x2: x, y2: bottom + 2, style: style))
            shapes.append(.text(x: x, y: top - 8, text: label, anchor: .middle, style: "line-label \(style)"))
        }
        shapes.append(.text(x: left, y: top - 8, text: "0%", anchor: .start, style: "tick"))
        return ChartScene(width: width, height: bottom + 8, shapes: shapes)
    }

    /// The share at the end of the tracks: room past the goal (30 points), and up to the largest
    /// share reached, in steps of 25, at most 200%.
    var scale: Double {
        let goal = ChartNumber.double(self.goal)
        let largest = items.compactMap(\.percent).map(ChartNumber.double).max() ?? 0
        let needed = (largest / 25).rounded(.up) * 25
        return min(200, max(goal + 30, needed))
    }
}
