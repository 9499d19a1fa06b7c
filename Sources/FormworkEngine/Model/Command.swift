public import FormworkDefinitions
public import FormworkLanguage

/// Something a person asks the engine to do. Every command carries its time and its actor: the
/// engine has no clock and makes no ids, so that the same commands always give the same events.
public enum Command: Sendable, Hashable {
    /// File a new report.
    case submit(Submit)
    /// Approve, return or reject the report at its open step.
    case decide(Decide)
    /// File a new revision of a returned report.
    case resubmit(Resubmit)
    /// Withdraw a report before anyone decided on it.
    case recall(Recall)
    /// Let time pass: emits the reminders and escalations that fell due up to this instant.
    case advanceTime(to: Timestamp)
    /// Make an approved change proposal's form set the one in force (`formwork publish`).
    case publish(Publish)

    /// When the command happens.
    public var at: Timestamp {
        switch self {
        case .submit(let command): command.at
        case .decide(let command): command.at
        case .resubmit(let command): command.at
        case .recall(let command): command.at
        case .advanceTime(let time): time
        case .publish(let command): command.at
        }
    }

    /// `submit`: a person files a report of a form for a customer.
    public struct Submit: Sendable, Hashable {
        /// The new report's id, given from outside.
        public var report: ReportID
        public var form: FormID
        public var customer: CustomerID
        /// Answers by field id, in the order given; see `Answer` for how each is parsed.
        public var answers: GivenAnswers
        public var by: PersonID
        public var at: Timestamp

        public init(
            report: ReportID, form: FormID, customer: CustomerID, answers: GivenAnswers, by: PersonID,
            at: Timestamp
        ) {
            self.report = report
            self.form = form
            self.customer = customer
            self.answers = answers
            self.by = by
            self.at = at
        }
    }

    /// `decide`: an approver decides at the report's open step.
    public struct Decide: Sendable, Hashable {
        public var report: ReportID
        public var decision: Decision
        /// The approver's opinion; the policy says for which decisions it is required.
        public var opinion: String?
        public var by: PersonID
        /// The absent approver this person signs for; found from the org's delegations when nil.
        public var actingFor: PersonID?
        /// The revision the approver read; refused when it is no longer the current one.
        public var revision: Int?
        public var at: Timestamp

        public init(
            report: ReportID, decision: Decision, opinion: String?, by: PersonID, actingFor: PersonID? = nil,
            revision: Int? = nil, at: Timestamp
        ) {
            self.report = report
            self.decision = decision
            self.opinion = opinion
            self.by = by
            self.actingFor = actingFor
            self.revision = revision
            self.at = at
        }
    }

    /// `resubmit`: the submitter revises a returned report. `changes` are merged over the previous
    /// revision's answers (computed fields are computed again); an empty text or JSON null clears one.
    public struct Resubmit: Sendable, Hashable {
        public var report: ReportID
        public var changes: GivenAnswers
        public var by: PersonID
        public var at: Timestamp

        public init(report: ReportID, changes: GivenAnswers, by: PersonID, at: Timestamp) {
            self.report = report
            self.changes = changes
            self.by = by
            self.at = at
        }
    }

    /// `recall`: the submitter withdraws a report nobody has decided on yet.
    public struct Recall: Sendable, Hashable {
        public var report: ReportID
        public var by: PersonID
        public var at: Timestamp

        public init(report: ReportID, by: PersonID, at: Timestamp) {
            self.report = report
            self.by = by
            self.at = at
        }
    }

    /// `publish`: the proposal's form set, approved through change control, takes effect.
    public struct Publish: Sendable, Hashable {
        public var proposal: ReportID
        public var by: PersonID
        public var at: Timestamp

        public init(proposal: ReportID, by: PersonID, at: Timestamp) {
            self.proposal = proposal
            self.by = by
            self.at = at
        }
    }
}

extension Command {
    /// Whether `events`, a batch committed earlier under the same request id, record this command: the same
    /// action on the same report (or, for a submission, the same form and customer; for a publication, the
    /// same proposal) by the same person. Answers and opinions are not compared: a repeated request returns
    /// the first one's outcome, as idempotency promises, but a request id reused for another command is not
    /// answered with that command's batch.
    public func isRecorded(by events: [Event]) -> Bool {
        if case .advanceTime = self { return true }
        return events.contains { event in
            switch (self, event) {
            case (.submit(let command), .reportSubmitted(let body)):
                body.form == command.form && body.customer == command.customer && body.submitter == command.by
            case (.decide(let command), .decisionRecorded(let body)):
                body.report == command.report && body.decision == command.decision
                    && body.signature.signer == command.by
            case (.resubmit(let command), .reportResubmitted(let body)):
                body.report == command.report && body.by == command.by
            case (.recall(let command), .reportRecalled(let body)):
                body.report == command.report && body.by == command.by
            case (.publish(let command), .formSetPublished(let body)):
                body.proposal == command.proposal
            default: false
            }
        }
    }
}

extension Event {
    /// Whether this is what a command's own action records (a submission, a decision, a resubmission, a
    /// recall, a publication), rather than what comes with it (reminders, escalations, steps, outcomes).
    public var recordsAnAction: Bool {
        switch self {
        case .reportSubmitted, .decisionRecorded, .reportResubmitted, .reportRecalled, .formSetPublished: true
        default: false
        }
    }
}
