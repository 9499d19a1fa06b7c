public import FormworkDiagnostics

/// One difference between two versions of a form set, judged by what it does to reports already
/// filed: `safe` changes never make a report in flight invalid; `breaking` ones may.
public struct FormSetChange: Sendable, Hashable {
    public enum Impact: String, Sendable, Hashable, Codable, CaseIterable {
        /// Labels, hints, new optional fields, looser limits, new forms: reports in flight stay valid.
        case safe
        /// Removed fields or choices, changed types, new required fields, tighter limits, changed
        /// routing or gates: a report in flight may no longer validate, or is signed differently.
        case breaking
    }

    /// The reports a change touches, so that a store can count the ones in flight.
    public enum Touch: Sendable, Hashable {
        /// Nothing already filed (a new form, a label).
        case none
        /// Every report of the form.
        case form(FormID)
        /// Reports of the form that answer the field (`products` for a row field `products.qty`).
        case answered(FormID, FieldID)
        /// Reports of the form that do not answer the field (a field that became required).
        case unanswered(FormID, FieldID)
        /// Reports of the form whose answer to the field uses one of these options.
        case options(FormID, FieldID, Set<String>)
        /// Reports signed under the policy (they keep the routing they were filed with).
        case policy(PolicyID)
    }

    public var impact: Impact
    /// A stable id of the kind of change: `field-removed`, `field-now-required`, `range-tightened`, …
    public var kind: String
    /// What changed: `form visit_plan`, `field visit_plan.objective`, `policy deal_signoff`, …
    public var subject: String
    /// The change in words.
    public var message: String
    /// Where it is written in the new version (in the old one for what was removed).
    public var location: SourceLocation?
    public var touch: Touch

    public init(
        _ impact: Impact, _ kind: String, _ subject: String, _ message: String, at location: SourceLocation?,
        touch: Touch = .none
    ) {
        self.impact = impact
        self.kind = kind
        self.subject = subject
        self.message = message
        self.location = location
        self.touch = touch
    }
}
