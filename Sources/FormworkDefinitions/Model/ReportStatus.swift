/// Where a report stands (the engine's state of a report; a `report` field's `status` names some).
public enum ReportStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for decisions at its open step.
    case pending
    /// Returned to the submitter for revision.
    case returned
    /// Every step that applies reached its quorum: final.
    case approved
    /// Rejected by an approver: final.
    case rejected
    /// Withdrawn by the submitter before anyone decided: final.
    case recalled

    /// Whether nothing more can happen to the report.
    public var isFinal: Bool { self == .approved || self == .rejected || self == .recalled }

    /// Whether the report still counts against a non-repeatable form (it is not rejected or recalled).
    public var isLive: Bool { self == .pending || self == .returned || self == .approved }
}

extension ReportStatus {
    /// The statuses as a message says them: "approved", "pending or approved", "pending, returned or approved".
    public static func phrase(_ statuses: [ReportStatus]) -> String {
        let words = statuses.map(\.rawValue)
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    }
}
