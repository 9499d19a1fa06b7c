public import FormworkDefinitions
public import FormworkEngine
import FormworkLanguage

/// What one report kind reads of a store, so that a large store is read into the little the kind needs.
///
/// A store holds every report whole: every revision with its answers, every history line. A kind reads a few of
/// these parts, and holding every report whole at once took ~6 KB a report (6 GB for a million). `keep` is called on
/// each report as it is read and answers it with what the kind does not read taken out, or nil when the kind does not
/// read the report at all; the report made from the kept reports is the one made from the whole ones (the reports'
/// tests check this for every kind and scope). `readsCustomers` says whether the kind reads the customers.
///
/// Change this together with the kinds: a kind that starts reading another part must keep it here.
public struct ReportReading: Sendable {
    public let kind: ReportKind
    public let scope: ReportScope
    /// The forms whose approved reports are deals (`targets` reads nothing else).
    private let dealForms: Set<FormID>

    public init(_ kind: ReportKind, formSet: FormSet, scope: ReportScope) {
        self.kind = kind
        self.scope = scope
        dealForms = kind == .targets ? DealFigures.dealForms(of: formSet) : []
    }

    /// Whether the kind reads the store's customers (only `funnel` does).
    public var readsCustomers: Bool { kind == .funnel }

    /// `report` with only what the kind reads, or nil when the kind does not read it.
    public func keep(_ report: ReportRecord) -> ReportRecord? {
        // Change proposals are about the form set, not about sales: `ReportInput` leaves them out.
        guard report.workflow != ChangeControl.workflowID else { return nil }
        // No kind reads the policy's words, the steps' conditions, reasons and resolver traces, or the signatures'
        // names, meanings and hashes.
        var kept = report.withoutWords
        switch kind {
        case .targets:
            // Only approved deals count, by the answers of their current revision.
            guard DealFigures(report, dealForms: dealForms) != nil else { return nil }
            kept.revisions = [report.revision]
            kept.history = []
            kept.decisions = []
        case .meetingPack:
            // One rep's reports; every revision (when and by whom, not its answers); every decision and opinion;
            // when steps were escalated.
            if let person = scope.person, report.submitter != person { return nil }
            kept.revisions = report.revisions.map(\.withoutAnswers)
            kept.history = report.history.filter { $0.kind == "step-escalated" }
        case .reviews:
            // Every decision and opinion, and when each step opened, for the hours to sign.
            kept.revisions = [report.revision.withoutAnswers]
            kept.history = report.history.filter { $0.kind == "step-opened" }
        case .activity:
            // Which decisions were taken, not their opinions; not who the report waits for.
            kept.revisions = [report.revision.withoutAnswers]
            kept.history = []
            for index in kept.decisions.indices { kept.decisions[index].opinion = nil }
            kept.steps = []
            kept.routing.steps = []
            kept.editors = []
        case .funnel:
            // Who filed it: a customer's owner is who filed its first report.
            kept.revisions = [report.revision.withoutAnswers]
            kept.history = []
            kept.decisions = []
            kept.steps = []
            kept.routing.steps = []
            kept.editors = []
        }
        return kept
    }

    /// `customer` with only what the kind reads (its stages, its first report), or nil when the kind does not read
    /// it.
    public func keep(_ customer: CustomerRecord) -> CustomerRecord? {
        guard readsCustomers, customer.id.rawValue != ChangeControl.customer else { return nil }
        var kept = customer
        kept.open = [:]
        kept.latestApproved = [:]
        return kept
    }
}
