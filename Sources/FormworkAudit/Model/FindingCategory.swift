/// The three ways a form set goes wrong, and what only usage shows.
public enum FindingCategory: String, Sendable, Hashable, CaseIterable {
    /// Nothing records part of the sales process, or nobody signs what is recorded.
    case tooFew = "too-few"
    /// Forms and questions that cost time and serve no decision.
    case tooMany = "too-many"
    /// Content that does not fit the selling situation or the people who read it.
    case unsuitable
    /// What the store shows about how the forms are really filled in and reviewed.
    case usage

    public var title: String {
        switch self {
        case .tooFew: "Too few forms"
        case .tooMany: "Too many forms"
        case .unsuitable: "Unsuitable content"
        case .usage: "Usage"
        }
    }
}
