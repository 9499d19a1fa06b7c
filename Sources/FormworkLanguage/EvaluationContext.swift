/// Everything an evaluation may read: the values of names, and the current date and time.
///
/// Time comes in from outside so that evaluation is deterministic: the same expression with the same
/// context always gives the same result.
public struct EvaluationContext: Sendable {
    /// The value of each name in scope; an empty answer is `.null`.
    public var bindings: [String: Value]
    /// What `today()` gives.
    public var today: LocalDate
    /// What `now()` gives.
    public var now: Timestamp
    /// The longest text, in Unicode scalars, that `matches` will search; longer text is an evaluation error.
    public var maximumMatchInputLength: Int

    /// The default bound on the text `matches` searches.
    public static let defaultMaximumMatchInputLength = 4096

    /// Creates a context.
    public init(
        bindings: [String: Value] = [:], today: LocalDate, now: Timestamp,
        maximumMatchInputLength: Int = EvaluationContext.defaultMaximumMatchInputLength
    ) {
        self.bindings = bindings
        self.today = today
        self.now = now
        self.maximumMatchInputLength = maximumMatchInputLength
    }
}
