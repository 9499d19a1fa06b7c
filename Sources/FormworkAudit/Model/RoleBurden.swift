public import FormworkDefinitions

/// The estimated weekly minutes one person of a role spends filling in and reviewing reports.
public struct RoleBurden: Sendable, Hashable {
    public var role: RoleID
    /// Active people with the role.
    public var people: Int
    /// The person with the most minutes, and theirs.
    public var busiest: PersonID?
    public var minutes: Int
    public var fillMinutes: Int
    public var reviewMinutes: Int
    /// The declared budget, if any.
    public var budget: Int?
    /// The forms that take the busiest person's time, most first: form id and minutes a week.
    public var forms: [FormMinutes]

    public struct FormMinutes: Sendable, Hashable {
        public var form: FormID
        public var minutes: Int
        public var reportsPerWeek: Double
    }

    public var isOverBudget: Bool { budget.map { minutes > $0 } ?? false }
}
