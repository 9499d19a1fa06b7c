/// An action on an existing report that `Engine.explain` can explain.
public enum ReportAction: String, Sendable, Hashable, Codable, CaseIterable {
    case approve
    case `return`
    case reject
    case resubmit
    case recall
    /// Publish an approved change proposal.
    case publish
}
