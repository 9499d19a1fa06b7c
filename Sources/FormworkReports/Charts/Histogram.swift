/// The distribution of a measure (hours to sign) in equal bins, one series per group (all
/// reviewers, then each reviewer), with each series' median and 90th percentile.
///
/// Bin `i` holds the values from `i × binWidth` up to, not including, `(i + 1) × binWidth`; the last
/// bin is open and holds every value from its lower bound up, so that a few very late decisions do
/// not squeeze the rest into one bar. Every series shares the bins, so that panels compare.
public struct Histogram: Sendable, Hashable {
    public struct Series: Sendable, Hashable {
        public var label: String
        /// The number of values in each bin.
        public var counts: [Int]
        public var median: Double?
        public var p90: Double?

        public init(label: String, counts: [Int], median: Double?, p90: Double?) {
            self.label = label
            self.counts = counts
            self.median = median
            self.p90 = p90
        }

        public var total: Int { counts.reduce(0, +) }
    }

    public var title: String
    /// The measure's unit, after a number ("h").
    public var unit: String
    public var binWidth: Double
    /// The number of bins, the open last one included; 0 when there are no values at all.
    public var binCount: Int
    public var series: [Series]

    public init(title: String, unit: String, binWidth: Double, binCount: Int, series: [Series]) {
        self.title = title
        self.unit = unit
        self.binWidth = binWidth
        self.binCount = binCount
        self.series = series
    }

    /// Widths a bin may take, so that edges fall on round numbers of hours (a day, a week).
    static let binWidths: [Double] = [1, 2, 4, 6, 8, 12, 24, 48, 72, 168, 336, 720, 1440, 2880, 8760]

    /// At most this many closed bins; the open last bin comes on top.
    static let maxClosedBins = 10

    /// Bins every series' values: the closed bins cover the 95th percentile of all values together
    /// (nearest rank), at the smallest round width that needs at most ten of them.
    public init(title: String, unit: String, values: [(label: String, values: [Double])]) {
        let all = values.flatMap(\.values).filter { $0.isFinite && $0 >= 0 }
        self.title = title
        self.unit = unit
        guard let upper = Statistics.percentile(all, 0.95) else {
            binWidth = 1
            binCount = 0
            series = values.map { Series(label: $0.label, counts: [], median: nil, p90: nil) }
            return
        }
        let width =
            Self.binWidths.first { (upper / $0).rounded(.down) + 1 <= Double(Self.maxClosedBins) }
            ?? Self.binWidths[Self.binWidths.count - 1]
        let closed = min(Self.maxClosedBins, Int((upper / width).rounded(.down)) + 1)
        binWidth = width
        binCount = closed + 1
        series = values.map { entry in
            let clean = entry.values.filter { $0.isFinite && $0 >= 0 }
            var counts = [Int](repeating: 0, count: closed + 1)
            for value in clean { counts[min(closed, Int((value / width).rounded(.down)))] += 1 }
            return Series(
                label: entry.label, counts: counts, median: Statistics.median(clean),
                p90: Statistics.percentile(clean, 0.9))
        }
    }

    /// The lower edge of bin `index`.
    public func lowerEdge(of index: Int) -> Double { Double(index) * binWidth }

    /// A bin's range as a label: "8–12 h", and "≥ 40 h" for the open last bin.
    public func label(ofBin index: Int) -> String {
        let lower = ChartNumber.text(lowerEdge(of: index))
        if index == binCount - 1 { return "≥ \(lower) \(unit)" }
        return "\(lower)–\(ChartNumber.text(lowerEdge(of: index + 1))) \(unit)"
    }

    public var summary: String {
        guard binCount > 0 else { return "\(title): no data." }
        let parts = series.map { series in
            var text = "\(series.label): \(series.total)"
            if let median = series.median { text += ", median \(ChartNumber.text(median)) \(unit)" }
            if let p90 = series.p90 { text += ", p90 \(ChartNumber.text(p90)) \(unit)" }
            return text
        }
        return "\(title), in bins of \(ChartNumber.text(binWidth)) \(unit). " + parts.joined(separator: "; ") + "."
    }
}
