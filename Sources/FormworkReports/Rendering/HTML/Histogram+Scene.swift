extension Histogram {
    /// One panel per series: the first (everyone) across the whole width, the others two to a row,
    /// so that each supervisor's distribution sits beside a colleague's on the same bins. Each panel
    /// marks its median and 90th percentile with a labelled line.
    func scene(width: Double = ChartScene.defaultWidth) -> ChartScene {
        guard binCount > 0, series.contains(where: { $0.total > 0 }) else { return .empty(width: width) }
        let wideHeight: Double = 210
        let smallHeight: Double = 180
        var shapes: [ChartScene.Shape] = []
        var y: Double = 0
        for (index, series) in series.enumerated() {
            if index == 0 {
                shapes += panel(series, x: 0, y: y, width: width, height: wideHeight)
                y += wideHeight
            } else {
                let column = (index - 1) % 2
                let half = width / 2
                shapes += panel(series, x: Double(column) * half, y: y, width: half, height: smallHeight)
                if column == 1 || index == self.series.count - 1 { y += smallHeight }
            }
        }
        return ChartScene(width: width, height: y, shapes: shapes)
    }

    /// One series' panel at (`x`, `y`).
    func panel(_ series: Series, x: Double, y: Double, width: Double, height: Double) -> [ChartScene.Shape] {
        let left = x + 40
        let right = x + width - 12
        // The title, then two rows for the median's and the p90's labels, above the bars.
        let top = y + 50
        let bottom = y + height - 26
        let plotHeight = bottom - top
        let binPixels = (right - left) / Double(binCount)
        var shapes: [ChartScene.Shape] = []
        let title = "\(series.label) · \(series.total) decided"
        shapes.append(
            .text(
                x: x + 8, y: y + 16, text: ChartScene.fit(title, width: width - 16), anchor: .start,
                style: "panel-title"))
        let largest = series.counts.max() ?? 0
        guard largest > 0 else {
            shapes.append(
                .text(
                    x: (left + right) / 2, y: (top + bottom) / 2, text: "No decisions.", anchor: .middle, style: "empty"
                ))
            return shapes
        }
        for (bin, count) in series.counts.enumerated() {
            let barHeight = ChartScene.scaled(Double(count), of: Double(largest), to: plotHeight)
            shapes.append(
                .rect(
                    x: left + Double(bin) * binPixels + 1, y: bottom - barHeight, width: max(0, binPixels - 2),
                    height: barHeight, style: bin == binCount - 1 ? "bar bar-open" : "bar",
                    tooltip: "\(series.label): \(count) in \(label(ofBin: bin))"))
        }
        // Axes: counts on the left (0 and the largest bin), bin edges below.
        shapes.append(.line(x1: left, y1: bottom, x2: right, y2: bottom, style: "axis"))
        shapes.append(.text(x: left - 6, y: bottom, text: "0", anchor: .end, style: "tick"))
        shapes.append(.text(x: left - 6, y: top + 8, text: "\(largest)", anchor: .end, style: "tick"))
        // Every edge, or every other one counted back from the open bin's (always labelled).
        let every = binPixels < 26 ? 2 : 1
        for edge in stride(from: binCount - 1, through: 0, by: -every).reversed() {
            let text = ChartNumber.text(lowerEdge(of: edge)) + (edge == binCount - 1 ? "+" : "")
            shapes.append(
                .text(x: left + Double(edge) * binPixels, y: bottom + 14, text: text, anchor: .middle, style: "tick"))
        }
        shapes.append(.text(x: right, y: bottom + 24, text: unit, anchor: .end, style: "tick"))
        // Median and p90, each on a row of its own so that their labels never overlap.
        let markers: [(String, Double?, String)] = [("median", series.median, "median"), ("p90", series.p90, "p90")]
        for (row, (name, value, style)) in markers.enumerated() {
            guard let value else { continue }
            let markX = position(of: value, left: left, binPixels: binPixels)
            let textY = y + 32 + Double(row) * 13
            shapes.append(.line(x1: markX, y1: textY - 9, x2: markX, y2: bottom, style: "marker marker-\(style)"))
            let text = "\(name) \(ChartNumber.text(value)) \(unit)"
            let fitsRight = markX + 4 + ChartScene.textWidth(text, size: 11) <= right
            shapes.append(
                .text(
                    x: fitsRight ? markX + 4 : markX - 4, y: textY, text: text, anchor: fitsRight ? .start : .end,
                    style: "marker-label marker-\(style)"))
        }
        return shapes
    }

    /// Where a value falls on the bins' axis; a value in the open bin sits in its middle.
    func position(of value: Double, left: Double, binPixels: Double) -> Double {
        let open = Double(binCount - 1)
        let bins = value.isFinite ? max(0, value / binWidth) : 0
        return left + (bins >= open ? open + 0.5 : bins) * binPixels
    }
}
