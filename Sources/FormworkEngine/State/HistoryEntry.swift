import FormworkDefinitions
public import FormworkLanguage

/// One line of a report's or a customer's history: when, which event kind, what happened in words.
///
/// A line the engine adds keeps what it says (`HistoryWords`: the kind of line and its ids), not the words
/// themselves: every command and every replay adds several lines, and few of them are ever shown. `text` writes
/// the words when a line is read. A line read from a snapshot, or made by a caller, holds its text as it is.
///
/// Two lines are equal when their time, kind and text are: a line kept as its parts equals the same line read
/// back as text.
public struct HistoryEntry: Sendable, Hashable, Codable {
    public var at: Timestamp
    public var kind: String
    var words: HistoryWords

    public init(at: Timestamp, kind: String, text: String) {
        self.at = at
        self.kind = kind
        words = .text(text)
    }

    init(at: Timestamp, kind: String, words: HistoryWords) {
        self.at = at
        self.kind = kind
        self.words = words
    }

    /// What happened, in words.
    public var text: String {
        get { words.text }
        set { words = .text(newValue) }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.at == rhs.at && lhs.kind == rhs.kind && lhs.words.text == rhs.words.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(at)
        hasher.combine(kind)
        hasher.combine(text)
    }

    private enum CodingKeys: String, CodingKey { case at, kind, text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            at: try container.decode(Timestamp.self, forKey: .at),
            kind: try container.decode(String.self, forKey: .kind),
            text: try container.decode(String.self, forKey: .text))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(at, forKey: .at)
        try container.encode(kind, forKey: .kind)
        try container.encode(text, forKey: .text)
    }
}

/// What a history line says, kept as its parts until it is read (`HistoryEntry`). Each case writes one kind of
/// line of `EngineState.apply`; `.text` is a line already in words.
///
/// The cases whose parts take more than a `String`'s 16 bytes are indirect (one allocation each): inline, they
/// made every line as wide as the widest case (96 bytes instead of 64), lines read back from snapshots included.
enum HistoryWords: Sendable {
    case text(String)
    /// "entered workflow W at stage S"
    indirect case enteredWorkflow(WorkflowID, stage: StageID)
    /// "P submitted F (revision 1, HASH)"
    indirect case submitted(PersonID, form: FormID, hash: String)
    /// "step S skipped: REASON"
    indirect case stepSkipped(StepID, reason: String?)
    /// "P filed F R"
    indirect case filed(PersonID, form: FormID, report: ReportID)
    /// "step S opened for A, B; due T"
    indirect case stepOpened(StepID, approvers: [PersonID], due: Timestamp?)
    /// "SIGNER (acting for P) chose D at step S on revision N: OPINION"
    indirect case decided(
        PersonID, actingFor: PersonID?, decision: Decision, step: StepID, revision: Int, opinion: String?)
    /// "step S completed by A, B"
    indirect case stepCompleted(StepID, approvers: [PersonID])
    /// "report STATUS by P at step S"
    indirect case closed(ReportStatus, by: PersonID?, step: StepID?)
    /// "F R approved"
    indirect case approvedFiled(FormID, report: ReportID)
    /// "P resubmitted revision N (HASH); changed A, B"
    indirect case resubmitted(PersonID, revision: Int, hash: String, changed: [FieldID])
    /// "approvals voided by revision N: …"
    case approvalsVoided(revision: Int, fields: [FieldID])
    /// "reminder for step S to A, B"
    indirect case reminder(StepID, to: [PersonID])
    /// "step S overdue since T; added A, B" (or "nobody to add")
    indirect case escalated(StepID, dueAt: Timestamp, added: [PersonID])
    /// "moved from S to T: REASON"
    indirect case advanced(from: StageID, to: StageID, reason: String)

    /// The line in words.
    var text: String {
        switch self {
        case .text(let text): text
        default: words.text
        }
    }

    /// The words of a line kept as its parts: one interpolation each, into one buffer.
    private var words: HistoryText {
        switch self {
        case .text(let text):
            "\(text)"
        case .enteredWorkflow(let workflow, let stage):
            "entered workflow \(workflow) at stage \(stage)"
        case .submitted(let person, let form, let hash):
            "\(person) submitted \(form) (revision 1, \(hash))"
        case .stepSkipped(let step, let reason):
            "step \(step) skipped: \(reason ?? "its condition is false")"
        case .filed(let person, let form, let report):
            "\(person) filed \(form) \(report)"
        case .stepOpened(let step, let approvers, let due):
            "step \(step) opened for \(approvers)\(due, before: "; due ")"
        case .decided(let signer, let actingFor, let decision, let step, let revision, let opinion):
            """
            \(signer)\(actingFor, before: " (acting for ", after: ")") chose \(decision.rawValue) at step \(step) \
            on revision \(revision)\(opinion, before: ": ")
            """
        case .stepCompleted(let step, let approvers):
            "step \(step) completed by \(approvers)"
        case .closed(let status, let by, let step):
            "report \(status.rawValue)\(by, before: " by ")\(step, before: " at step ")"
        case .approvedFiled(let form, let report):
            "\(form) \(report) approved"
        case .resubmitted(let person, let revision, let hash, let changed) where changed.isEmpty:
            "\(person) resubmitted revision \(revision) (\(hash))"
        case .resubmitted(let person, let revision, let hash, let changed):
            "\(person) resubmitted revision \(revision) (\(hash)); changed \(changed)"
        case .approvalsVoided(let revision, let fields) where fields.isEmpty:
            // Voided so that somebody signs the revision: the step that sent it back no longer applies.
            "approvals voided by revision \(revision): no step was left to sign it, so it is signed again"
        case .approvalsVoided(let revision, let fields):
            "approvals voided by revision \(revision): material fields changed (\(fields))"
        case .reminder(let step, let people):
            "reminder for step \(step) to \(people)"
        case .escalated(let step, let dueAt, let added) where added.isEmpty:
            "step \(step) overdue since \(dueAt); nobody to add"
        case .escalated(let step, let dueAt, let added):
            "step \(step) overdue since \(dueAt); added \(added)"
        case .advanced(let from, let to, let reason):
            "moved from \(from) to \(to): \(reason)"
        }
    }
}
