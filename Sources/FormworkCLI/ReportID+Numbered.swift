import FormworkDefinitions
import FormworkEngine

extension ReportID {
    /// The id of the `number`th report of a store (`R-000042`); see `ReportNumber`.
    static func numbered(_ number: Int) -> ReportID {
        ReportID(ReportNumber.text(number))
    }
}

/// New reports' ids: `R-` and the number with at least six digits, as `String(format: "R-%06d", n)`
/// writes it for n ≥ 0, without the format parser and its `CVarArg` casts (~1 M instructions in a
/// process's first use).
enum ReportNumber {
    static func text(_ number: Int) -> String {
        let digits = String(number)
        return "R-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
