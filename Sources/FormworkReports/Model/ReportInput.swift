public import FormworkDefinitions
public import FormworkEngine
public import FormworkLanguage
import Foundation

/// What every report kind reads: the form set, the store's reports and customers, and the scope.
///
/// Reports and customers are plain arrays (for example `state.reports.values`), so that a report is
/// a pure function of its input and tests need no store.
public struct ReportInput: Sendable {
    public var formSet: FormSet {
        didSet { people = Self.directory(of: formSet) }
    }
    public var reports: [ReportRecord]
    public var customers: [CustomerRecord]
    public var scope: ReportScope
    private let zone: TimeZone
    /// Each person's place in the org's list, and region and name, kept with `formSet`: looked up for every report
    /// (the org's own `person(_:)` searches its list and copies the person it finds).
    private var people: [PersonID: (index: Int, region: RegionID?, name: String)]

    public init(
        formSet: FormSet, reports: some Sequence<ReportRecord>, customers: some Sequence<CustomerRecord>,
        scope: ReportScope
    ) {
        // Change proposals and their pseudo-customer are about the form set, not about sales.
        self.formSet = formSet
        // Sorted by position, so that each report is copied once rather than moved at every step, and into the one
        // new array (a million reports are ~300 MB of records before any of their parts).
        let all = Array(reports)
        let sales = all.indices.filter { all[$0].workflow != ChangeControl.workflowID }
        let keys = sales.map { (all[$0].submittedAt, all[$0].id) }
        self.reports = keys.indices.sorted { keys[$0] < keys[$1] }.map { all[sales[$0]] }
        self.customers = customers.filter { $0.id.rawValue != ChangeControl.customer }.sorted { $0.id < $1.id }
        self.scope = scope
        zone = TimeZone(identifier: formSet.manifest.calendar.timeZone) ?? TimeZone(secondsFromGMT: 0) ?? .current
        people = Self.directory(of: formSet)
    }

    /// The `people` of a form set: the first person of an id, as the org's own lookup finds.
    private static func directory(of formSet: FormSet) -> [PersonID: (index: Int, region: RegionID?, name: String)] {
        Dictionary(
            (formSet.org?.people ?? []).enumerated().map { index, person in
                (person.id.value, (index, person.region?.value, person.name))
            },
            uniquingKeysWith: { first, _ in first })
    }

    /// The day an instant falls on in the form set's calendar.
    public func localDate(of instant: Timestamp) -> LocalDate? {
        let seconds = instant.secondsSinceEpoch
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        return LocalDate(daysSinceEpoch: Int((seconds + offset).dividedRoundingDown(by: 86_400)))
    }

    /// Whether an instant falls in the scope's period (always, without one).
    public func inPeriod(_ instant: Timestamp) -> Bool {
        guard let period = scope.period else { return true }
        guard let date = localDate(of: instant) else { return false }
        return period.contains(date)
    }

    /// Whether an instant is on or before the period's last day (always, without one).
    public func byPeriodEnd(_ instant: Timestamp) -> Bool {
        guard let period = scope.period else { return true }
        guard let date = localDate(of: instant) else { return false }
        return date <= period.end
    }

    /// The end of the period (the start of the day after it), or `asOf` when that is earlier or
    /// there is no period: the moment "now" means for a period in the past.
    public var periodClose: Timestamp {
        guard let period = scope.period, let next = period.end.adding(days: 1) else { return scope.asOf }
        let noon = Timestamp(date: next, hour: 12, minute: 0, second: 0, utcOffsetMinutes: 0)
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(noon?.secondsSinceEpoch ?? 0)))
        guard let close = Timestamp(date: next, hour: 0, minute: 0, second: 0, utcOffsetMinutes: offset / 60) else {
            return scope.asOf
        }
        return min(close, scope.asOf)
    }

    public func person(_ id: PersonID) -> Person? { people[id].flatMap { formSet.org?.people[$0.index] } }

    public func region(of id: PersonID) -> RegionID? { people[id]?.region }

    public func name(of id: PersonID) -> String { people[id]?.name ?? "" }

    /// A person as charts label them: "林浩 (lin.hao)", or the id alone when the org has no name.
    public func label(of id: PersonID) -> String {
        let name = name(of: id)
        return name.isEmpty ? id.rawValue : "\(name) (\(id.rawValue))"
    }

    /// Whether a person passes the scope's `--person` and `--region` filters.
    public func includes(_ id: PersonID) -> Bool {
        if let person = scope.person, person != id { return false }
        if let region = scope.region, self.region(of: id) != region { return false }
        return true
    }

    /// The reports submitted in the period by people in scope.
    public var reportsInScope: [ReportRecord] {
        // Every report, shared rather than copied one by one, when the scope leaves none out.
        guard scope.period != nil || scope.person != nil || scope.region != nil else { return reports }
        return reports.filter { inPeriod($0.submittedAt) && includes($0.submitter) }
    }

    /// A form's title in the manifest's default locale, else its id.
    public func title(of form: FormID) -> String {
        formSet.form(form)?.title.text(in: formSet.manifest.defaultLocale) ?? form.rawValue
    }
}

extension Int64 {
    /// Division rounding towards negative infinity.
    func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
