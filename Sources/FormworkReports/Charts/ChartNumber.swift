import Foundation

/// How charts write numbers: in labels (one decimal at most, amounts grouped by thousands) and in
/// SVG coordinates (one decimal at most, never NaN, infinite or "-0"), the same on every machine.
enum ChartNumber {
    /// A figure with at most one decimal: 12, 30.7.
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let whole = abs(tenths) / 10
        let fraction = abs(tenths) % 10
        return sign + "\(whole)" + (fraction == 0 ? "" : ".\(fraction)")
    }

    /// An SVG coordinate or length: like `text`, and 0 for a value that is not finite.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = text(value)
        return text == "-0" ? "0" : text
    }

    /// An amount grouped by thousands, as the text format shows it: 1,234,567.
    static func grouped(_ value: Decimal) -> String { ReportRenderer.grouped(Cell.rounded(value, places: 0)) }

    /// A share in percent with one decimal: 87.3%.
    static func percent(_ value: Decimal) -> String { ReportRenderer.oneDecimal(Cell.rounded(value)) + "%" }
    /// A share judged against a line (100%, the 120% rule): cut, not rounded, so that a bar short of
    /// the line never reads as reaching it.
    static func percentCut(_ value: Decimal) -> String {
        ReportRenderer.oneDecimal(Cell.rounded(value, mode: .down)) + "%"
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
