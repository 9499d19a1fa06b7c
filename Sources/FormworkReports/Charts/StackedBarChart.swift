/// One bar per row split into segments, with a legend: activity draws each rep's reports split by
/// form, so that a rep who files only the easy forms stands out.
public struct StackedBarChart: Sendable, Hashable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        /// One count per segment, in the order of `segments`.
        public var values: [Int]

        public init(label: String, values: [Int]) {
            self.label = label
            self.values = values
        }

        public var total: Int { values.reduce(0, +) }
    }

    public var title: String
    /// The segments' names, in order (the legend).
    public var segments: [String]
    public var bars: [Bar]

    public init(title: String, segments: [String], bars: [Bar]) {
        self.title = title
        self.segments = segments
        self.bars = bars
    }

    public var summary: String {
        guard bars.contains(where: { $0.total > 0 }) else { return "\(title): no data." }
        let parts = bars.map { bar in
            let split = zip(segments, bar.values).filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
            return "\(bar.label) \(bar.total)" + (split.isEmpty ? "" : " (" + split.joined(separator: ", ") + ")")
        }
        return "\(title): " + parts.joined(separator: "; ") + "."
    }
}
