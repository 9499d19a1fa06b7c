public import FormworkDefinitions
public import FormworkLanguage

/// Something that happened, as the journal records it. State is rebuilt by folding events with
/// `Engine.apply(_:)`, so every decision the engine takes is in an event.
///
/// JSON: `{"kind": "report-submitted", "body": {...}}`; every kind and its body are listed in
/// docs/engine.md.
public enum Event: Sendable, Hashable, Codable {
    case customerOpened(CustomerOpened)
    indirect case reportSubmitted(ReportSubmitted)
    case stepOpened(StepOpened)
    indirect case decisionRecorded(DecisionRecorded)
    case stepCompleted(StepCompleted)
    case reportApproved(ReportOutcome)
    case reportReturned(ReportOutcome)
    case reportRejected(ReportOutcome)
    case reportRecalled(ReportOutcome)
    indirect case reportResubmitted(ReportResubmitted)
    case approvalsVoided(ApprovalsVoided)
    case reminderSent(ReminderSent)
    case stepEscalated(StepEscalated)
    case customerAdvanced(CustomerAdvanced)
    case formSetPublished(FormSetPublished)

    /// Every kind, as written in the journal.
    public static let kinds = [
        "customer-opened", "report-submitted", "step-opened", "decision-recorded", "step-completed",
        "report-approved", "report-returned", "report-rejected", "report-recalled", "report-resubmitted",
        "approvals-voided", "reminder-sent", "step-escalated", "customer-advanced", "form-set-published",
    ]

    /// The kind, as written in the journal (`report-submitted`).
    public var kind: String {
        switch self {
        case .customerOpened: "customer-opened"
        case .reportSubmitted: "report-submitted"
        case .stepOpened: "step-opened"
        case .decisionRecorded: "decision-recorded"
        case .stepCompleted: "step-completed"
        case .reportApproved: "report-approved"
        case .reportReturned: "report-returned"
        case .reportRejected: "report-rejected"
        case .reportRecalled: "report-recalled"
        case .reportResubmitted: "report-resubmitted"
        case .approvalsVoided: "approvals-voided"
        case .reminderSent: "reminder-sent"
        case .stepEscalated: "step-escalated"
        case .customerAdvanced: "customer-advanced"
        case .formSetPublished: "form-set-published"
        }
    }

    /// When it happened.
    public var at: Timestamp {
        switch self {
        case .customerOpened(let body): body.at
        case .reportSubmitted(let body): body.at
        case .stepOpened(let body): body.at
        case .decisionRecorded(let body): body.signature.at
        case .stepCompleted(let body): body.at
        case .reportApproved(let body), .reportReturned(let body), .reportRejected(let body),
            .reportRecalled(let body):
            body.at
        case .reportResubmitted(let body): body.at
        case .approvalsVoided(let body): body.at
        case .reminderSent(let body): body.at
        case .stepEscalated(let body): body.at
        case .customerAdvanced(let body): body.at
        case .formSetPublished(let body): body.at
        }
    }

    /// The report it is about, if any.
    public var report: ReportID? {
        switch self {
        case .customerOpened: nil
        case .reportSubmitted(let body): body.report
        case .stepOpened(let body): body.report
        case .decisionRecorded(let body): body.report
        case .stepCompleted(let body): body.report
        case .reportApproved(let body), .reportReturned(let body), .reportRejected(let body),
            .reportRecalled(let body):
            body.report
        case .reportResubmitted(let body): body.report
        case .approvalsVoided(let body): body.report
        case .reminderSent(let body): body.report
        case .stepEscalated(let body): body.report
        case .customerAdvanced(let body): body.report
        case .formSetPublished(let body): body.proposal
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, body }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "customer-opened": self = .customerOpened(try container.decode(CustomerOpened.self, forKey: .body))
        case "report-submitted": self = .reportSubmitted(try container.decode(ReportSubmitted.self, forKey: .body))
        case "step-opened": self = .stepOpened(try container.decode(StepOpened.self, forKey: .body))
        case "decision-recorded": self = .decisionRecorded(try container.decode(DecisionRecorded.self, forKey: .body))
        case "step-completed": self = .stepCompleted(try container.decode(StepCompleted.self, forKey: .body))
        case "report-approved": self = .reportApproved(try container.decode(ReportOutcome.self, forKey: .body))
        case "report-returned": self = .reportReturned(try container.decode(ReportOutcome.self, forKey: .body))
        case "report-rejected": self = .reportRejected(try container.decode(ReportOutcome.self, forKey: .body))
        case "report-recalled": self = .reportRecalled(try container.decode(ReportOutcome.self, forKey: .body))
        case "report-resubmitted":
            self = .reportResubmitted(try container.decode(ReportResubmitted.self, forKey: .body))
        case "approvals-voided": self = .approvalsVoided(try container.decode(ApprovalsVoided.self, forKey: .body))
        case "reminder-sent": self = .reminderSent(try container.decode(ReminderSent.self, forKey: .body))
        case "step-escalated": self = .stepEscalated(try container.decode(StepEscalated.self, forKey: .body))
        case "customer-advanced":
            self = .customerAdvanced(try container.decode(CustomerAdvanced.self, forKey: .body))
        case "form-set-published":
            self = .formSetPublished(try container.decode(FormSetPublished.self, forKey: .body))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown event kind '\(kind)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .customerOpened(let body): try container.encode(body, forKey: .body)
        case .reportSubmitted(let body): try container.encode(body, forKey: .body)
        case .stepOpened(let body): try container.encode(body, forKey: .body)
        case .decisionRecorded(let body): try container.encode(body, forKey: .body)
        case .stepCompleted(let body): try container.encode(body, forKey: .body)
        case .reportApproved(let body), .reportReturned(let body), .reportRejected(let body),
            .reportRecalled(let body):
            try container.encode(body, forKey: .body)
        case .reportResubmitted(let body): try container.encode(body, forKey: .body)
        case .approvalsVoided(let body): try container.encode(body, forKey: .body)
        case .reminderSent(let body): try container.encode(body, forKey: .body)
        case .stepEscalated(let body): try container.encode(body, forKey: .body)
        case .customerAdvanced(let body): try container.encode(body, forKey: .body)
        case .formSetPublished(let body): try container.encode(body, forKey: .body)
        }
    }
}
