public import Foundation

/// One value of a report table, typed so that each format shows it properly: text left-aligned,
/// numbers right-aligned; JSON numbers stay numbers and a missing figure is `null`.
public enum Cell: Sendable, Hashable {
    case text(String)
    case int(Int)
    /// An amount of money or another exact quantity.
    case amount(Decimal)
    /// A share in percent, one decimal.
    case percent(Decimal)
    /// A duration or another measured figure, one decimal (hours, days).
    case measure(Decimal)
    /// No figure (nothing to measure, no target).
    case none

    /// `part` out of `whole` in percent, rounded to one decimal; `.none` when `whole` is 0.
    public static func share(_ part: Int, of whole: Int) -> Cell {
        whole == 0 ? .none : .percent(rounded(Decimal(part) * 100 / Decimal(whole)))
    }

    /// `part` out of `whole` in percent, rounded to one decimal; `.none` when `whole` is nil or 0.
    public static func share(_ part: Decimal, of whole: Decimal?) -> Cell {
        guard let whole, whole != 0 else { return .none }
        return .percent(rounded(part * 100 / whole))
    }

    /// `part` out of `whole` in percent, cut (not rounded) to one decimal, for shares judged against
    /// a threshold: 119.96% shows as 119.9, never as a 120.0 that "does not meet 120%".
    public static func share(cutting part: Decimal, of whole: Decimal?) -> Cell {
        guard let whole, whole != 0 else { return .none }
        return .percent(rounded(part * 100 / whole, mode: .down))
    }

    /// A measured figure rounded to one decimal, or `.none`.
    public static func measure(_ value: Double?) -> Cell {
        guard let value, value.isFinite else { return .none }
        return .measure(rounded(Decimal(value)))
    }

    /// `value` rounded half away from zero (or as `mode` says) to `places` decimals.
    static func rounded(_ value: Decimal, places: Int = 1, mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, value < 0 && mode == .down ? .up : mode)
        return result
    }

    /// Whether the cell holds a number (right-aligned in text).
    public var isNumeric: Bool {
        switch self {
        case .text: false
        case .int, .amount, .percent, .measure, .none: true
        }
    }
}
