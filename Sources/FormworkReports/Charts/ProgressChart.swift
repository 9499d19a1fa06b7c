public import Foundation

/// Actual against target, one bar per row: the share reached, the 100% line, and optionally a rule
/// line that a row must reach (the 120% coverage rule). A row without a target shows its actual
/// figure and no bar.
public struct ProgressChart: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var label: String
        public var actual: Decimal
        public var target: Decimal?

        public init(label: String, actual: Decimal, target: Decimal?) {
            self.label = label
            self.actual = actual
            self.target = target
        }

        /// The share of the target reached, in percent; nil without a (positive) target.
        public var percent: Decimal? {
            guard let target, target > 0 else { return nil }
            return actual * 100 / target
        }
    }

    public var title: String
    /// What is measured ("revenue"), for the summary and the row tooltips.
    public var measure: String
    /// The share in percent a row must reach besides 100% (120 for target coverage), or nil.
    public var rule: Decimal?
    public var items: [Item]

    public init(title: String, measure: String, rule: Decimal? = nil, items: [Item]) {
        self.title = title
        self.measure = measure
        self.rule = rule
        self.items = items
    }

    /// The share a row must reach to count as met: the rule, else 100%.
    public var goal: Decimal { rule ?? 100 }

    /// Whether a row reached the goal; nil without a target.
    public func isMet(_ item: Item) -> Bool? { item.percent.map { $0 >= goal } }

    public var summary: String {
        guard !items.isEmpty else { return "\(title): no data." }
        let parts = items.map { item in
            guard let percent = item.percent, let target = item.target else {
                return "\(item.label) \(ChartNumber.grouped(item.actual)), no target"
            }
            return "\(item.label) \(ChartNumber.percent(percent)) (\(ChartNumber.grouped(item.actual))"
                + " of \(ChartNumber.grouped(target)))"
        }
        var text = "\(title), \(measure) against target"
        if let rule { text += "; the rule is \(ChartNumber.text(ChartNumber.double(rule)))%" }
        return text + ": " + parts.joined(separator: "; ") + "."
    }
}
