public import FormworkDiagnostics
public import Foundation

/// How much of one form one person files in a typical week (the org's `volumes:`), for the audit's
/// burden estimate.
public struct ExpectedVolume: Sendable {
    public enum Amount: Sendable {
        /// Reports a week.
        case perWeek(Located<Decimal>)
        /// Customers the form is kept for at once; its stage's `cadence` says how often.
        case customers(Located<Int>)
    }

    public var form: Located<FormID>
    public var amount: Amount
    public var location: SourceLocation
}
