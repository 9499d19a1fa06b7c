public import FormworkDefinitions
public import FormworkLanguage

/// Everything known about one report: its revisions, its routing snapshot, its steps and decisions.
public struct ReportRecord: Sendable, Hashable, Codable {
    public var id: ReportID
    public var form: FormID
    public var customer: CustomerID
    public var workflow: WorkflowID
    public var stage: StageID
    public var submitter: PersonID
    public var submittedAt: Timestamp
    public var updatedAt: Timestamp
    public var approvedAt: Timestamp?
    public var status: ReportStatus
    /// Every revision, oldest first; never empty.
    public var revisions: [Revision]
    public var routing: Routing
    /// One entry per step of `routing`, in the same order.
    public var steps: [StepProgress]
    public var decisions: [DecisionEntry]
    /// Everyone who wrote a revision: none of them may decide on the report.
    public var editors: [PersonID]
    public var history: [HistoryEntry]

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
        where decisions[position].isStandingApproval && decisions[position].step == step {
            let principal = decisions[position].signature.principal
            if !result.contains(principal) { result.append(principal) }
        }
        return result
    }

    /// Whether `person` already has a standing approval in this report, as signer or as the one
    /// acted for.
    public func hasApproved(_ person: PersonID) -> Bool {
        for position in decisions.indices where decisions[position].isStandingApproval {
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
