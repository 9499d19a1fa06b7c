/// A chart of a management report: what the HTML format draws beside the table that holds its
/// figures.
///
/// Each case carries typed figures, and the drawing is a pure function of them (`ChartScene`), so
/// the same report always gives the same SVG, and the chart can never show other numbers than its
/// table.
public enum Chart: Sendable, Hashable {
    /// Horizontal bars, one per category, each with an optional part drawn inside it and a note
    /// (the funnel: customers who reached each stage, those still in it, conversion).
    case bars(BarChart)
    /// The distribution of a measure in equal bins, one panel per series, median and p90 marked
    /// (reviews: hours to sign).
    case histogram(Histogram)
    /// Actual against target per row, with the 100% line and an optional rule line (targets, and
    /// the 120% coverage rule).
    case progress(ProgressChart)
    /// One bar per row split into segments (activity: reports per rep and form).
    case stacked(StackedBarChart)

    /// The chart's title (the SVG's `<title>`).
    public var title: String {
        switch self {
        case .bars(let chart): chart.title
        case .histogram(let chart): chart.title
        case .progress(let chart): chart.title
        case .stacked(let chart): chart.title
        }
    }

    /// What the chart shows, in words, for screen readers (the SVG's `<desc>`).
    public var summary: String {
        switch self {
        case .bars(let chart): chart.summary
        case .histogram(let chart): chart.summary
        case .progress(let chart): chart.summary
        case .stacked(let chart): chart.summary
        }
    }
}
