/// Where one step of a report stands.
public enum StepStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not reached yet (or waiting for the submitter's revision).
    case waiting
    /// Taking decisions now.
    case open
    /// Reached its quorum.
    case completed
    /// Its `when` condition is false for the current revision.
    case skipped
}
