/// Why the engine refused a command: a stable code, a message in words, and for bad answers every
/// failing field at once. Refusals are data, never thrown one at a time.
public struct Refusal: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable, kebab-case id of the kind of refusal (`self-approval`, `gate-closed`, …).
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public var rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        /// Some answers are missing, malformed or fail a check (see `fieldErrors`).
        public static let invalidAnswers = Code(rawValue: "invalid-answers")
        /// The customer id is empty, has spaces at either end, holds a control character or is too long.
        public static let invalidCustomer = Code(rawValue: "invalid-customer")
        /// The report id is already used by another report.
        public static let duplicateReport = Code(rawValue: "duplicate-report")
        /// No form has this id.
        public static let unknownForm = Code(rawValue: "unknown-form")
        /// No report has this id.
        public static let unknownReport = Code(rawValue: "unknown-report")
        /// The acting person is not in the org.
        public static let unknownPerson = Code(rawValue: "unknown-person")
        /// The acting person is in the org but not active.
        public static let inactivePerson = Code(rawValue: "inactive-person")
        /// The person has no role allowed to file this form.
        public static let notAllowedToFile = Code(rawValue: "not-allowed-to-file")
        /// The person is not an approver of the report's current step (nor acting for one).
        public static let notAnApprover = Code(rawValue: "not-an-approver")
        /// The person filed or edited the report and may not decide on it.
        public static let selfApproval = Code(rawValue: "self-approval")
        /// The person (or the one they act for) already approved this report.
        public static let duplicateApprover = Code(rawValue: "duplicate-approver")
        /// Only the submitter may resubmit or recall the report.
        public static let notTheSubmitter = Code(rawValue: "not-the-submitter")
        /// The report is already approved or rejected.
        public static let alreadyDecided = Code(rawValue: "already-decided")
        /// The opinion holds a control character (another person's screen would show it).
        public static let invalidOpinion = Code(rawValue: "invalid-opinion")
        /// The policy wants an opinion with this decision.
        public static let opinionRequired = Code(rawValue: "opinion-required")
        /// The current step does not offer this decision.
        public static let decisionNotAllowed = Code(rawValue: "decision-not-allowed")
        /// A form in the stage's `after` list has no approved report for this customer yet.
        public static let gateClosed = Code(rawValue: "gate-closed")
        /// The customer has not reached the stage that offers this form.
        public static let stageNotReached = Code(rawValue: "stage-not-reached")
        /// The form is not repeatable and the customer already has a live report of it.
        public static let alreadyFiled = Code(rawValue: "already-filed")
        /// No workflow stage offers the form.
        public static let formNotInWorkflow = Code(rawValue: "form-not-in-workflow")
        /// The form names no approval policy, or one that does not exist.
        public static let noPolicy = Code(rawValue: "no-policy")
        /// A step of the policy finds no eligible approver for this submitter.
        public static let noApprover = Code(rawValue: "no-approver")
        /// A step's numeric quorum is larger than the approvers found.
        public static let quorumUnreachable = Code(rawValue: "quorum-unreachable")
        /// Someone already decided on the report: it can no longer be recalled.
        public static let recallTooLate = Code(rawValue: "recall-too-late")
        /// The policy does not allow recalling reports.
        public static let recallNotAllowed = Code(rawValue: "recall-not-allowed")
        /// The report is not in a state that allows this command.
        public static let wrongState = Code(rawValue: "wrong-state")
        /// The decision names a revision that is not the report's current one.
        public static let staleRevision = Code(rawValue: "stale-revision")
        /// The report is not a change proposal (`publish`).
        public static let notAProposal = Code(rawValue: "not-a-proposal")
        /// The form set declares no change control, or the person may not publish.
        public static let notAllowedToPublish = Code(rawValue: "not-allowed-to-publish")
        /// The proposal was published already.
        public static let alreadyPublished = Code(rawValue: "already-published")
        /// Another version was published after the proposal was made: propose again against it.
        public static let staleProposal = Code(rawValue: "stale-proposal")
        /// The command's time is earlier than the latest event's.
        public static let timeOutOfOrder = Code(rawValue: "time-out-of-order")
        /// The request id was used before for another command (another action, report or person).
        public static let requestIDReused = Code(rawValue: "request-id-reused")

        /// The category a code falls in when refused.
        public var category: Category {
            switch self {
            case .invalidAnswers, .invalidCustomer, .invalidOpinion, .duplicateReport, .unknownForm, .unknownReport,
                .notAProposal, .requestIDReused:
                .invalidData
            case .unknownPerson, .inactivePerson, .notAllowedToFile, .notAnApprover, .selfApproval,
                .duplicateApprover, .notTheSubmitter, .notAllowedToPublish:
                .notAuthorised
            default: .refusedByRule
            }
        }
    }

    /// What kind of refusal it is, for front ends: each maps to an exit code of the CLI.
    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        /// A rule of the form set or of sign-off refuses it (exit code 1).
        case refusedByRule = "refused-by-rule"
        /// The command's data is wrong: bad answers, unknown ids (exit code 65).
        case invalidData = "invalid-data"
        /// The person may not do this (exit code 77).
        case notAuthorised = "not-authorised"

        /// The CLI's exit code for this category.
        public var exitCode: Int32 {
            switch self {
            case .refusedByRule: 1
            case .invalidData: 65
            case .notAuthorised: 77
            }
        }
    }

    public var code: Code
    public var category: Category
    public var message: String
    public var fieldErrors: [FieldFinding]

    /// A refusal in the code's usual category.
    public init(_ code: Code, _ message: String, fieldErrors: [FieldFinding] = []) {
        self.code = code
        self.category = code.category
        self.message = message
        self.fieldErrors = fieldErrors
    }

    public var description: String {
        var text = "\(message) [\(code)]"
        for error in fieldErrors {
            text += "\n  " + (error.field.map { "\($0): " } ?? "") + error.message
        }
        return text
    }
}
