import FormworkDiagnostics

/// A chart as shapes in its own coordinates (SVG user units): what the SVG template draws.
///
/// Made by a pure function of the chart's figures, so that tests can check the geometry (bars
/// proportional, nothing negative or NaN) without parsing SVG. Text stays raw here: the template
/// escapes it.
struct ChartScene: Sendable, Hashable {
    enum Anchor: String, Sendable, Hashable {
        case start, middle, end
    }

    enum Shape: Sendable, Hashable {
        /// A bar or a swatch; `tooltip` is shown on hover and read by screen readers.
        case rect(x: Double, y: Double, width: Double, height: Double, style: String, tooltip: String?)
        case line(x1: Double, y1: Double, x2: Double, y2: Double, style: String)
        case text(x: Double, y: Double, text: String, anchor: Anchor, style: String)
    }

    var width: Double
    var height: Double
    var shapes: [Shape]
    /// Whether the chart had no figure to draw and shows only a "no data" message.
    var isEmpty = false

    /// The default width: the chart scales to its box, and text stays readable at this size.
    static let defaultWidth: Double = 640
    static let fontSize: Double = 12

    /// A chart with nothing to draw: one line that says so.
    static func empty(width: Double = defaultWidth, message: String = "No data in this period.") -> ChartScene {
        ChartScene(
            width: width, height: 48,
            shapes: [.text(x: width / 2, y: 28, text: message, anchor: .middle, style: "empty")], isEmpty: true)
    }

    /// Every rect, for tests.
    var rects: [(x: Double, y: Double, width: Double, height: Double, style: String)] {
        shapes.compactMap { shape in
            guard case .rect(let x, let y, let width, let height, let style, _) = shape else { return nil }
            return (x, y, width, height, style)
        }
    }

    /// Every text, for tests.
    var texts: [String] {
        shapes.compactMap { shape in
            guard case .text(_, _, let text, _, _) = shape else { return nil }
            return text
        }
    }

    /// Every number of every shape, for tests.
    var numbers: [Double] {
        [width, height]
            + shapes.flatMap { shape -> [Double] in
                switch shape {
                case .rect(let x, let y, let width, let height, _, _): [x, y, width, height]
                case .line(let x1, let y1, let x2, let y2, _): [x1, y1, x2, y2]
                case .text(let x, let y, _, _, _): [x, y]
                }
            }
    }

    /// About how wide `text` is at `size`: wide (CJK) characters take a full em, others a little
    /// over half. Enough to size label columns; browsers do the real layout.
    static func textWidth(_ text: String, size: Double = fontSize) -> Double {
        Double(DisplayWidth.of(text)) * size * 0.55
    }

    /// `text` cut with an ellipsis to fit `width` at `size`.
    static func fit(_ text: String, width: Double, size: Double = fontSize) -> String {
        guard textWidth(text, size: size) > width else { return text }
        var out = ""
        for character in text {
            if textWidth(out + String(character) + "…", size: size) > width { break }
            out.append(character)
        }
        return out + "…"
    }

    /// The width of a label column: the widest label, within bounds.
    static func labelColumn(_ labels: [String], minimum: Double = 48, maximum: Double = 200) -> Double {
        min(maximum, max(minimum, (labels.map { textWidth($0) }.max() ?? 0) + 4))
    }

    /// `part` of `whole` scaled to `length`: 0 for an empty whole, never negative, never past
    /// `length`.
    static func scaled(_ part: Double, of whole: Double, to length: Double) -> Double {
        guard whole > 0, part.isFinite, whole.isFinite, length > 0 else { return 0 }
        return min(length, max(0, part / whole * length))
    }
}

extension Chart {
    /// The chart's shapes (pure: the same figures always give the same scene).
    func scene() -> ChartScene {
        switch self {
        case .bars(let chart): chart.scene()
        case .histogram(let chart): chart.scene()
        case .progress(let chart): chart.scene()
        case .stacked(let chart): chart.scene()
        }
    }
}
