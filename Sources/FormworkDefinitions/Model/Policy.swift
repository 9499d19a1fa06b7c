public import FormworkDiagnostics

/// Who signs a form's reports, in which steps, with what opinion, by when.
public struct Policy: Sendable {
    public var id: Located<PolicyID>
    public var title: LocalizedText?
    public var meaning: LocalizedText?
    public var selfApproval: Located<Bool>?
    public var recall: Recall
    public var material: [Located<FieldID>]
    public var opinionRequired: Located<Set<Decision>>?
    public var delegation: Bool
    public var steps: [Step]
    public var file: String
    /// SHA-256 (hex) of the policy's file.
    public var version: String = ""

    /// Decisions that need an opinion (all three unless the policy says otherwise).
    public var decisionsNeedingOpinion: Set<Decision> { opinionRequired?.value ?? Set(Decision.allCases) }
    public var allowsSelfApproval: Bool { selfApproval?.value ?? false }
}

public enum Recall: String, Sendable, CaseIterable {
    case untilFirstDecision = "until_first_decision"
    case never
}

public enum Decision: String, Sendable, CaseIterable, Hashable, Codable {
    case approve
    case `return`
    case reject
}

public struct Step: Sendable {
    public var id: Located<StepID>
    public var title: LocalizedText?
    public var meaning: LocalizedText?
    public var approvers: [ApproverSource]
    public var fallback: [ApproverSource]
    public var quorum: Located<Quorum>
    public var decisions: [Decision]
    public var when: Condition?
    public var sla: SLA?
    /// True when some approver source could not be read (already reported): the step's routing is
    /// not judged, so that one mistake is not reported twice.
    public var incomplete: Bool = false
}

/// How many distinct approvers a step needs.
public enum Quorum: Sendable, Equatable {
    case any
    case all
    case count(Int)
}

/// One way of finding approvers.
public struct ApproverSource: Sendable {
    public enum Kind: Sendable {
        /// The submitter's manager, `levels` up the tree (1 = direct manager).
        case manager(levels: Int)
        case role(Located<RoleID>, region: RegionScope?)
        case person(Located<PersonID>)
    }

    public var kind: Kind
    public var location: SourceLocation
}

public enum RegionScope: Sendable {
    case submitter
    case region(Located<RegionID>)
}

/// Deadlines in business days on the manifest's calendar.
public struct SLA: Sendable {
    public var days: Located<Int>
    public var remindAfter: Located<Int>?
    public var escalateTo: [ApproverSource]
    public var location: SourceLocation
}
