public import FormworkDefinitions
public import FormworkLanguage

/// What a simulated stretch of usage looks like: when it starts, how long it runs, and how people
/// behave. Behaviour not given here follows from the burden estimate: reps over their budget pad and
/// skip questions; reviewers over theirs review late, stop reading optional forms and sign with
/// placeholder opinions.
public struct UsageScenario: Sendable {
    public var seed: UInt64
    /// The first day simulated.
    public var start: LocalDate
    /// Days simulated, from `start`.
    public var days: Int
    /// Whole weeks simulated (`days` / 7).
    public var weeks: Int {
        get { days / 7 }
        set { days = newValue * 7 }
    }
    /// Share of decisions that return a report for revision, and that reject one, in percent.
    public var returnPercent = 6
    public var rejectPercent = 2
    /// Each person's load against their budget (1 = on budget); nil derives it from the estimate.
    public var overload: [PersonID: Double]?
    /// Reports a week a person files of a form without a volume in the org.
    public var defaultReportsPerWeek = 0.5

    public init(seed: UInt64 = 1, start: LocalDate, weeks: Int = 12) {
        self.init(seed: seed, start: start, days: weeks * 7)
    }

    public init(seed: UInt64, start: LocalDate, days: Int) {
        self.seed = seed
        self.start = start
        self.days = days
    }
}
