public import FormworkDefinitions

/// The thresholds and timings the audit judges by. The defaults are documented in docs/audit.md;
/// tests lower them to fire findings on small data.
public struct AuditOptions: Sendable {
    /// Seconds to answer one field of each type when the manifest's `audit.field_seconds` does not say.
    public var fieldSeconds: [FieldType: Int] = [
        .text: 15, .longText: 90, .email: 15, .phone: 12, .integer: 8, .decimal: 8, .money: 10, .percent: 8,
        .date: 8, .datetime: 12, .boolean: 3, .choice: 5, .multiChoice: 10, .textList: 45, .customer: 5, .report: 8,
        .group: 0, .note: 5,
    ]
    /// Seconds to open, file and send one report, beyond its fields.
    public var reportOverheadSeconds = 30
    /// Seconds to look over an answer that was offered (prefilled or a default) and keep it.
    public var offeredAnswerSeconds = 3
    /// Share of the time of a field asked only under a condition (`show_if`), in percent.
    public var conditionalFieldPercent = 50
    /// Rows assumed for a repeat group without a minimum number of rows.
    public var groupRows = 3
    /// Seconds a reviewer needs per report: reading (a share of the filling time) plus the opinion.
    public var reviewReadPercent = 25
    public var reviewOpinionSeconds = 60
    /// Share of the work of a step with a `when` condition, in percent (the condition is not evaluated).
    public var conditionalStepPercent = 50

    /// Fewer distinct forms than this in a workflow is a short funnel (the B2B funnel has seven reports).
    public var shortFunnelForms = 7

    /// Fewest reports of a form (or decisions of a reviewer) before a share is judged.
    public var minimumSample = 10
    /// A field empty in at least this share of reports (percent) is almost always empty.
    public var emptyPercent = 90
    /// A field left at its default or prefill in at least this share (percent) is never changed.
    public var unchangedPercent = 95
    /// Placeholder-like answers (N/A, TBD, "-", one character, a copy) in at least this share (percent).
    public var placeholderPercent = 20
    /// Texts shorter than this many characters are not judged as copies of the previous report.
    public var copyMinimumLength = 15
    /// Free text with at least `fewDistinctSample` answers and at most `fewDistinctAnswers` distinct ones.
    public var fewDistinctSample = 20
    public var fewDistinctAnswers = 5
    /// Returned or rejected in at least this share of decided reports (percent).
    public var returnPercent = 25
    /// A reviewer with at least this share (percent) of routed reports waiting past their due time.
    public var unreviewedPercent = 10
    /// A reviewer with at least this share (percent) of decisions after the due time.
    public var latePercent = 20
    /// A form with at least this share (percent) of its reports never reviewed is read by nobody.
    public var unreadFormPercent = 50
    /// Placeholder opinions ("OK", "閱") in at least this share (percent) of a reviewer's decisions.
    public var placeholderOpinionPercent = 30
    /// A step without an SLA counts as unreviewed this many days after it opened.
    public var unreviewedAfterDays = 7

    public init() {}
}
