/// Horizontal bars, one per category: a count, a part of it drawn inside the bar, and a short note
/// beside it. The funnel draws the customers who reached each stage, those still in it, and the
/// conversion to the next stage.
public struct BarChart: Sendable, Hashable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Int
        /// A part of `value` drawn inside the bar (customers still in the stage), or nil.
        public var part: Int?
        /// A short note right of the figures (the conversion to the next stage), or nil.
        public var note: String?

        public init(label: String, value: Int, part: Int? = nil, note: String? = nil) {
            self.label = label
            self.value = value
            self.part = part
            self.note = note
        }
    }

    public var title: String
    /// What a bar's value counts, for the legend ("reached the stage").
    public var valueLabel: String
    /// What a bar's part counts, for the legend ("in the stage now"), or nil when bars have no part.
    public var partLabel: String?
    /// The part's word after its number beside a bar ("124 now").
    public var partShortLabel: String
    public var bars: [Bar]

    public init(
        title: String, valueLabel: String, partLabel: String? = nil, partShortLabel: String = "", bars: [Bar]
    ) {
        self.title = title
        self.valueLabel = valueLabel
        self.partLabel = partLabel
        self.partShortLabel = partShortLabel
        self.bars = bars
    }

    public var summary: String {
        guard bars.contains(where: { $0.value > 0 }) else { return "\(title): no data." }
        let items = bars.map { bar in
            var text = "\(bar.label) \(bar.value)"
            if let part = bar.part, let partLabel { text += " (\(part) \(partLabel))" }
            if let note = bar.note { text += ", \(note)" }
            return text
        }
        return "\(title), \(valueLabel): " + items.joined(separator: "; ") + "."
    }
}
