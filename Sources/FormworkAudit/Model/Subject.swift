public import FormworkDefinitions

/// What a finding is about, by id; empty members are left out of the JSON.
public struct Subject: Sendable, Hashable {
    public var workflow: WorkflowID?
    public var stage: StageID?
    public var form: FormID?
    /// A field id, or a path inside a group (`products.quantity`).
    public var field: String?
    public var person: PersonID?
    public var role: RoleID?
    public var policy: PolicyID?

    public init(
        workflow: WorkflowID? = nil, stage: StageID? = nil, form: FormID? = nil, field: String? = nil,
        person: PersonID? = nil, role: RoleID? = nil, policy: PolicyID? = nil
    ) {
        self.workflow = workflow
        self.stage = stage
        self.form = form
        self.field = field
        self.person = person
        self.role = role
        self.policy = policy
    }
}
