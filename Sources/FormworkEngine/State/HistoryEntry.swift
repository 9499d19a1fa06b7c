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
enum HistoryWords: Sendable {
    case text(String)
    /// "entered workflow W at stage S"
    case enteredWorkflow(WorkflowID, stage: StageID)
    /// "P submitted F (revision 1, HASH)"
    case submitted(PersonID, form: FormID, hash: String)
    /// "step S skipped: REASON"
    case stepSkipped(StepID, reason: String?)
    /// "P filed F R"
    case filed(PersonID, form: FormID, report: ReportID)
    /// "step S opened for A, B; due T"
    case stepOpened(StepID, approvers: [PersonID], due: Timestamp?)
    /// "SIGNER (acting for P) chose D at step S on revision N: OPINION" (indirect: the largest case, and one
    /// decision line an instance or two, would widen every line)
    indirect case decided(
        PersonID, actingFor: PersonID?, decision: Decision, step: StepID, revision: Int, opinion: String?)
    /// "step S completed by A, B"
    case stepCompleted(StepID, approvers: [PersonID])
    /// "report STATUS by P at step S"
    case closed(ReportStatus, by: PersonID?, step: StepID?)
    /// "F R approved"
    case approvedFiled(FormID, report: ReportID)
    /// "P resubmitted revision N (HASH); changed A, B"
    case resubmitted(PersonID, revision: Int, hash: String, changed: [FieldID])
    /// "approvals voided by revision N: …"
    case approvalsVoided(revision: Int, fields: [FieldID])
    /// "reminder for step S to A, B"
    case reminder(StepID, to: [PersonID])
    /// "step S overdue since T; added A, B" (or "nobody to add")
    case escalated(StepID, dueAt: Timestamp, added: [PersonID])
    /// "moved from S to T: REASON"
    case advanced(from: StageID, to: StageID, reason: String)

    /// The line in words.
    var text: String {
        switch self {
        case .text(let text): return text
        default:
            var words = HistoryText()
            write(into: &words)
            return words.text
        }
    }

    private func write(into line: inout HistoryText) {
        switch self {
        case .text(let text):
            line.append("\(text)")
        case .enteredWorkflow(let workflow, let stage):
            line.append("entered workflow \(workflow) at stage \(stage)")
        case .submitted(let person, let form, let hash):
            line.append("\(person) submitted \(form) (revision 1, \(hash))")
        case .stepSkipped(let step, let reason):
            line.append("step \(step) skipped: \(reason ?? "its condition is false")")
        case .filed(let person, let form, let report):
            line.append("\(person) filed \(form) \(report)")
        case .stepOpened(let step, let approvers, let due):
            line.append("step \(step) opened for ")
            line.append(approvers)
            if let due { line.append("; due \(due)") }
        case .decided(let signer, let actingFor, let decision, let step, let revision, let opinion):
            line.append("\(signer)")
            if let actingFor { line.append(" (acting for \(actingFor))") }
            line.append(" chose \(decision.rawValue) at step \(step) on revision \(revision)")
            if let opinion { line.append(": \(opinion)") }
        case .stepCompleted(let step, let approvers):
            line.append("step \(step) completed by ")
            line.append(approvers)
        case .closed(let status, let by, let step):
            line.append("report \(status.rawValue)")
            if let by { line.append(" by \(by)") }
            if let step { line.append(" at step \(step)") }
        case .approvedFiled(let form, let report):
            line.append("\(form) \(report) approved")
        case .resubmitted(let person, let revision, let hash, let changed):
            line.append("\(person) resubmitted revision \(revision) (\(hash))")
            if !changed.isEmpty {
                line.append("; changed ")
                line.append(changed)
            }
        case .approvalsVoided(let revision, let fields):
            line.append("approvals voided by revision \(revision): ")
            if fields.isEmpty {
                // Voided so that somebody signs the revision: the step that sent it back no longer applies.
                line.append("no step was left to sign it, so it is signed again")
            } else {
                line.append("material fields changed (")
                line.append(fields)
                line.append(")")
            }
        case .reminder(let step, let people):
            line.append("reminder for step \(step) to ")
            line.append(people)
        case .escalated(let step, let dueAt, let added):
            line.append("step \(step) overdue since \(dueAt); ")
            if added.isEmpty {
                line.append("nobody to add")
            } else {
                line.append("added ")
                line.append(added)
            }
        case .advanced(let from, let to, let reason):
            line.append("moved from \(from) to \(to): \(reason)")
        }
    }
}
