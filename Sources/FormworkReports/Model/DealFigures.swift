public import FormworkDefinitions
public import FormworkEngine
import FormworkLanguage
public import Foundation

/// What deals bring: their number, units, revenue and profit.
///
/// A deal is an approved report of a form with a `deal_value` field (the shipped closed-deal form):
/// revenue is `deal_value`, profit `gross_profit`, units the `quantity` of each group row.
public struct DealFigures: Sendable, Hashable {
    public var deals = 0
    public var units = 0
    public var revenue: Decimal = 0
    public var profit: Decimal = 0

    public init() {}

    /// One approved deal's figures; nil when the report is not an approved deal.
    public init?(_ report: ReportRecord, dealForms: Set<FormID>) {
        guard report.status == .approved, dealForms.contains(report.form) else { return nil }
        let answers = report.revision.answers
        deals = 1
        revenue = Self.decimal(answers[FieldID("deal_value")]) ?? 0
        profit = Self.decimal(answers[FieldID("gross_profit")]) ?? 0
        units = answers.entries.reduce(0) { $0 + Self.units(in: $1.value) }
    }

    /// The forms whose approved reports are deals.
    public static func dealForms(of formSet: FormSet) -> Set<FormID> {
        Set(formSet.forms.filter { $0.field(FieldID("deal_value")) != nil }.map(\.id.value))
    }

    public mutating func add(_ other: DealFigures) {
        deals += other.deals
        units += other.units
        revenue += other.revenue
        profit += other.profit
    }

    static func decimal(_ value: Value?) -> Decimal? {
        switch value {
        case .int(let whole)?: Decimal(whole)
        case .decimal(let number)?: number
        default: nil
        }
    }

    /// The `quantity` of every row of a group answer.
    static func units(in value: Value) -> Int {
        guard case .list(let rows) = value else { return 0 }
        return rows.reduce(0) { total, row in
            guard case .record(let record) = row, case .int(let quantity)? = record["quantity"] else { return total }
            return total + quantity
        }
    }
}
