public import FormworkDefinitions
public import FormworkLanguage

/// Everything known about one report: its revisions, its routing snapshot, its steps and decisions.
///
/// Held by reference and copied on write (`CopyOnWrite`): a guard, a query or a command's plan that takes a report
/// takes it by one reference count, where a copy of its sixteen parts retained and released each of its strings and
/// arrays. Its JSON, its equality and its hash are its fields', as when they were stored inline.
public struct ReportRecord: Sendable, Hashable, Codable {
    /// The report's fields, as they are encoded.
    struct Fields: Sendable, Hashable, Codable {
        var id: ReportID
        var form: FormID
        var customer: CustomerID
        var workflow: WorkflowID
        var stage: StageID
        var submitter: PersonID
        var submittedAt: Timestamp
        var updatedAt: Timestamp
        var approvedAt: Timestamp?
        var status: ReportStatus
        var revisions: [Revision]
        var routing: Routing
        var steps: [StepProgress]
        var decisions: [DecisionEntry]
        var editors: [PersonID]
        var history: [HistoryEntry]
    }

    private var storage: CopyOnWrite<Fields>

    public init(
        id: ReportID, form: FormID, customer: CustomerID, workflow: WorkflowID, stage: StageID, submitter: PersonID,
        submittedAt: Timestamp, updatedAt: Timestamp, approvedAt: Timestamp?, status: ReportStatus,
        revisions: [Revision], routing: Routing, steps: [StepProgress], decisions: [DecisionEntry], editors: [PersonID],
        history: [HistoryEntry]
    ) {
        storage = CopyOnWrite(
            Fields(
                id: id, form: form, customer: customer, workflow: workflow, stage: stage, submitter: submitter,
                submittedAt: submittedAt, updatedAt: updatedAt, approvedAt: approvedAt, status: status,
                revisions: revisions, routing: routing, steps: steps, decisions: decisions, editors: editors,
                history: history))
    }

    public init(from decoder: any Decoder) throws {
        storage = CopyOnWrite(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.value.encode(to: encoder)
    }

    public static func == (lhs: ReportRecord, rhs: ReportRecord) -> Bool {
        lhs.storage.isIdentical(to: rhs.storage) || lhs.storage.value == rhs.storage.value
    }

    public func hash(into hasher: inout Hasher) {
        storage.value.hash(into: &hasher)
    }

    public var id: ReportID {
        _read { yield storage.value.id }
        _modify { yield &storage.value.id }
    }
    public var form: FormID {
        _read { yield storage.value.form }
        _modify { yield &storage.value.form }
    }
    public var customer: CustomerID {
        _read { yield storage.value.customer }
        _modify { yield &storage.value.customer }
    }
    public var workflow: WorkflowID {
        _read { yield storage.value.workflow }
        _modify { yield &storage.value.workflow }
    }
    public var stage: StageID {
        _read { yield storage.value.stage }
        _modify { yield &storage.value.stage }
    }
    public var submitter: PersonID {
        _read { yield storage.value.submitter }
        _modify { yield &storage.value.submitter }
    }
    public var submittedAt: Timestamp {
        _read { yield storage.value.submittedAt }
        _modify { yield &storage.value.submittedAt }
    }
    public var updatedAt: Timestamp {
        _read { yield storage.value.updatedAt }
        _modify { yield &storage.value.updatedAt }
    }
    public var approvedAt: Timestamp? {
        _read { yield storage.value.approvedAt }
        _modify { yield &storage.value.approvedAt }
    }
    public var status: ReportStatus {
        _read { yield storage.value.status }
        _modify { yield &storage.value.status }
    }
    /// Every revision, oldest first; never empty.
    public var revisions: [Revision] {
        _read { yield storage.value.revisions }
        _modify { yield &storage.value.revisions }
    }
    public var routing: Routing {
        _read { yield storage.value.routing }
        _modify { yield &storage.value.routing }
    }
    /// One entry per step of `routing`, in the same order.
    public var steps: [StepProgress] {
        _read { yield storage.value.steps }
        _modify { yield &storage.value.steps }
    }
    public var decisions: [DecisionEntry] {
        _read { yield storage.value.decisions }
        _modify { yield &storage.value.decisions }
    }
    /// Everyone who wrote a revision: none of them may decide on the report.
    public var editors: [PersonID] {
        _read { yield storage.value.editors }
        _modify { yield &storage.value.editors }
    }
    public var history: [HistoryEntry] {
        _read { yield storage.value.history }
        _modify { yield &storage.value.history }
    }

    /// The current revision.
    public var revision: Revision { revisions[revisions.count - 1] }

    /// The index of the step taking decisions, if any.
    public var openStepIndex: Int? {
        // By index: the closure of `firstIndex(where:)` was handed a copy of each step.
        for index in steps.indices where steps[index].status == .open { return index }
        return nil
    }

    /// The index of step `step` in `steps`, if the routing has it. By index, as `openStepIndex` reads them.
    public func stepIndex(of step: StepID) -> Int? {
        for index in steps.indices where steps[index].step == step { return index }
        return nil
    }

    /// Approvers of step `index`: those resolved at submission, then those added by escalation.
    public func approvers(ofStep index: Int) -> [PersonID] {
        var result = routing.steps[index].approvers
        for person in steps[index].added where !result.contains(person) { result.append(person) }
        return result
    }

    /// The distinct people whose standing approvals count at step `index` (principals).
    ///
    /// Decisions are read in place, by index: iterating them handed each one over as a copy (its signature's every
    /// string retained and released), and guards ask this of every decision.
    public func approvals(atStep index: Int) -> [PersonID] {
        var result: [PersonID] = []
        let step = steps[index].step
        for position in decisions.indices
        where decisions[position].decision == .approve && !decisions[position].voided
            && decisions[position].step == step
        {
            // The signature's `principal`, read field by field.
            let principal = decisions[position].signature.actingFor ?? decisions[position].signature.signer
            if !result.contains(principal) { result.append(principal) }
        }
        return result
    }

    /// Whether `person` already has a standing approval in this report, as signer or as the one
    /// acted for.
    public func hasApproved(_ person: PersonID) -> Bool {
        // A standing approval (`isStandingApproval`), read field by field: the whole entry is not copied.
        for position in decisions.indices where decisions[position].decision == .approve && !decisions[position].voided
        {
            if decisions[position].signature.signer == person || decisions[position].signature.actingFor == person {
                return true
            }
        }
        return false
    }

    /// Who the report waits for: the open step's approvers who have not approved yet, or the
    /// submitter when it was returned.
    public var waitingFor: [PersonID] {
        switch status {
        case .returned: return [submitter]
        case .pending:
            guard let index = openStepIndex else { return [] }
            return approvers(ofStep: index).filter { !hasApproved($0) && !editors.contains($0) }
        default: return []
        }
    }
}
