public import FormworkDefinitions
import FormworkDiagnostics
import FormworkLanguage

/// The form-set audit: finds too few forms, too many, and unsuitable content, from the definitions
/// alone and from how the forms are used. Pure: a form set and report records in, findings out.
///
/// ```swift
/// let report = Audit().run(formSet, usage: UsageSource(reports: state.reports.values, period: period))
/// print(AuditRenderer(sources: loaded.sources).text(report))
/// ```
public struct Audit: Sendable {
    public var options: AuditOptions

    public init(options: AuditOptions = AuditOptions()) {
        self.options = options
    }

    /// Every rule that judges the definitions, in the order of docs/audit.md.
    static let definitionRules: [any DefinitionRule] = [
        StageWithoutFormRule(), UnrecordedMoveRule(), NoReviewerRule(), VisitPlanGateRule(), ShortFunnelRule(),
        FormWithoutStageRule(), FieldAskedAgainRule(), FormAskedElsewhereRule(), UnusedRequiredFieldRule(),
        BurdenRule(), RequiredWithoutHintRule(), LabelLocaleRule(), CatchAllRule(),
    ]

    /// Every rule that judges usage.
    static let usageRules: [any UsageRule] = [ReviewRule(), ReturnRateRule(), FieldUsageRule()]

    /// Every finding id the audit can emit.
    public static var findingIDs: [FindingID] {
        definitionRules.flatMap(\.ids) + usageRules.flatMap(\.ids)
    }

    /// Audits `formSet`, and its usage when given. The form set should have no errors (`formwork check`);
    /// with errors the findings may be incomplete.
    public func run(_ formSet: FormSet, usage source: UsageSource? = nil) -> AuditReport {
        let context = AuditContext(formSet, options: options)
        var findings = Self.definitionRules.flatMap { $0.findings(in: context) }
        var summary: UsageSummary?
        var limits: [String] = []
        if formSet.org == nil {
            limits.append(
                "The form set has no organisation, so the weekly burden is not estimated (it needs the people, their roles and the expected volumes in 'volumes:')."
            )
        } else if !context.burden.formsWithoutVolume.isEmpty {
            let forms = context.burden.formsWithoutVolume.map { "'\($0)'" }.joined(separator: ", ")
            limits.append(
                "The organisation gives no expected volume for \(forms), so \(context.burden.formsWithoutVolume.count == 1 ? "it is" : "they are") left out of the burden estimate."
            )
        }
        if let source {
            let usage = UsageIndex(source, calendar: formSet.manifest.calendar)
            findings += Self.usageRules.flatMap { $0.findings(in: context, usage: usage) }
            summary = UsageSummary(
                period: source.period?.description ?? "all", reports: usage.reports.count,
                storeReports: usage.storeReports, asOf: usage.asOf)
            limits.append(
                "The time reps spend filling in a form is not measured: the store records when a report was submitted, not when filling it began, so only the estimate from field timings is shown."
            )
        } else {
            limits.append("No store was read, so only the definitions were judged (give --store for usage findings).")
        }
        return AuditReport(
            formSetName: formSet.manifest.name, findings: Self.sorted(findings), burden: context.burden.roles,
            usage: summary, limits: limits)
    }

    /// By category, then place (file, line, column), then id and subject, so output is stable.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        let categories = FindingCategory.allCases
        return findings.enumerated().sorted { a, b in
            let (l, r) = (a.element, b.element)
            let (lc, rc) = (categories.firstIndex(of: l.category) ?? 0, categories.firstIndex(of: r.category) ?? 0)
            if lc != rc { return lc < rc }
            switch (l.location, r.location) {
            case (nil, .some): return false
            case (.some, nil): return true
            case (.some(let x), .some(let y)) where x != y: return x < y
            default: break
            }
            if l.id != r.id { return l.id < r.id }
            if l.message != r.message { return l.message < r.message }
            return a.offset < b.offset
        }.map(\.element)
    }
}
