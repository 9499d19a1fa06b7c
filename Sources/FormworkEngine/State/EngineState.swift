public import FormworkDefinitions
public import FormworkLanguage

/// The engine's state: every report and customer, indexed so that no command scans them all.
///
/// Built only by folding events (`apply(_:)`), so replaying the journal into a fresh state gives the
/// same state. Reports and customers may come from an `EntitySource` (a snapshot read on demand)
/// with only the changed ones in memory; the indexes (who waits for what, the deadline queue, the
/// report count) are small and always in memory: `globals` is what a snapshot keeps of them.
///
/// JSON (`Codable`) holds the whole state, every entity read from the source included.
public struct EngineState: Sendable, Hashable, Codable {
    public internal(set) var reports: EntityMap<ReportID, ReportRecord>
    public internal(set) var customers: EntityMap<CustomerID, CustomerRecord>
    /// Each customer's reports and history, a page at a time (`CustomerRecord.pageCount` pages each).
    public internal(set) var customerPages: EntityMap<CustomerPage.Key, CustomerPage>
    /// The time of the latest event: commands may not come earlier.
    public internal(set) var clock: Timestamp?
    /// How many events were applied.
    public internal(set) var eventCount: Int
    /// How many reports were ever submitted (numbers new reports).
    public internal(set) var reportCount: Int
    /// Every form-set version published in this store through change control, oldest first.
    public internal(set) var formSetVersions: [PublishedVersion]
    /// Open steps' reminders and due times, sorted.
    var deadlines: DeadlineQueue
    /// For each person, the reports waiting for them (to decide, or to revise when returned).
    var awaiting: AwaitingMap
    /// The people each report is indexed under in `awaiting`.
    var awaitingKeys: AwaitingIndex

    public init() {
        reports = EntityMap()
        customers = EntityMap()
        customerPages = EntityMap()
        clock = nil
        eventCount = 0
        reportCount = 0
        formSetVersions = []
        deadlines = DeadlineQueue()
        awaiting = AwaitingMap()
        awaitingKeys = AwaitingIndex()
    }

    /// The reverse of `awaiting`: the people each report is filed under. Built as events are applied; a state
    /// opened from a snapshot's globals starts it empty and incomplete (building it cost a command ~4,000
    /// instructions per pending report, ~1 ms on a store with 1,000 waiting), and a report it does not hold is
    /// looked for in `awaiting` when the report is re-filed.
    ///
    /// Derived from `awaiting`, so it takes no part in comparing states: a state opened from a snapshot equals
    /// the live one it was written from.
    struct AwaitingIndex: Sendable, Hashable {
        var people: [ReportID: [PersonID]] = [:]
        /// False when a report missing from `people` may still be filed in `awaiting`.
        var isComplete = true

        static func == (lhs: Self, rhs: Self) -> Bool { true }
        func hash(into hasher: inout Hasher) {}
    }

    /// What a snapshot keeps besides the entities: the clock, the counters and the indexes.
    public struct Globals: Sendable, Hashable, Codable {
        var clock: Timestamp?
        var eventCount: Int
        var reportCount: Int
        var deadlines: [Deadline]
        var awaiting: [PersonID: [ReportID]]
        /// Absent in snapshots written before change control: none published.
        var formSetVersions: [PublishedVersion]?
    }

    public var globals: Globals {
        Globals(
            clock: clock, eventCount: eventCount, reportCount: reportCount, deadlines: deadlines.items,
            awaiting: awaiting.sorted,
            formSetVersions: formSetVersions.isEmpty ? nil : formSetVersions)
    }

    /// A state whose entities are read from `source` on demand.
    public init(globals: Globals, source: any EntitySource) {
        self.init()
        clock = globals.clock
        eventCount = globals.eventCount
        reportCount = globals.reportCount
        formSetVersions = globals.formSetVersions ?? []
        for deadline in globals.deadlines { deadlines.insert(deadline) }
        awaiting = AwaitingMap(lists: globals.awaiting)
        awaitingKeys.isComplete = false
        rebase(onto: source)
    }

    /// Takes `source` as holding every entity as it is now: nothing counts as changed any more.
    /// Call after a snapshot of this state was written and opened as `source`.
    public mutating func rebase(onto source: any EntitySource) {
        reports = EntityMap(
            lookup: { source.report($0) }, listing: { source.allReportIDs() },
            everything: { source.allReports(progress: $0, keeping: $1).map { ($0.id, $0) } })
        customers = EntityMap(
            lookup: { source.customer($0) }, listing: { source.allCustomerIDs() },
            everything: { source.allCustomers(progress: $0, keeping: $1).map { ($0.id, $0) } })
        customerPages = EntityMap(
            lookup: { source.customerPage($0) }, listing: { source.allCustomerPageKeys() },
            everything: { source.allCustomerPages(progress: $0).compactMap($1).map { ($0.key, $0) } })
    }

    private enum CodingKeys: String, CodingKey {
        case reports, customers, customerPages, clock, eventCount, formSetVersions
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let reports = try container.decode([ReportID: ReportRecord].self, forKey: .reports)
        for (id, report) in reports { self.reports[id] = report }
        let customers = try container.decode([CustomerID: CustomerRecord].self, forKey: .customers)
        for (id, customer) in customers { self.customers[id] = customer }
        for page in try container.decodeIfPresent([CustomerPage].self, forKey: .customerPages) ?? [] {
            customerPages[page.key] = page
        }
        clock = try container.decodeIfPresent(Timestamp.self, forKey: .clock)
        eventCount = try container.decode(Int.self, forKey: .eventCount)
        formSetVersions = try container.decodeIfPresent([PublishedVersion].self, forKey: .formSetVersions) ?? []
        reportCount = reports.count
        for id in reports.keys.sorted() {
            reindex(id)
            guard let report = reports[id], let index = report.openStepIndex else { continue }
            scheduleDeadlines(of: report.steps[index], report: id)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(
            Dictionary(uniqueKeysWithValues: reports.keys.compactMap { id in reports[id].map { (id, $0) } }),
            forKey: .reports)
        try container.encode(
            Dictionary(uniqueKeysWithValues: customers.keys.compactMap { id in customers[id].map { (id, $0) } }),
            forKey: .customers)
        try container.encode(customerPages.keys.compactMap { customerPages[$0] }, forKey: .customerPages)
        try container.encodeIfPresent(clock, forKey: .clock)
        try container.encode(eventCount, forKey: .eventCount)
        if !formSetVersions.isEmpty { try container.encode(formSetVersions, forKey: .formSetVersions) }
    }

    /// The form-set version published last, if any: the one commands use.
    public var publishedVersion: PublishedVersion? { formSetVersions.last }

    /// The pages of `customer`'s reports and history, in order (none for a customer not known).
    public func pages(of customer: CustomerID) -> [CustomerPage] {
        let count = customers[customer]?.pageCount ?? 0
        var pages: [CustomerPage] = []
        // Up to the first page missing: pages are filled in order, and a line count a snapshot was altered to hold
        // (billions of pages that were never written) must not be looked through one by one.
        for number in 0..<count {
            guard let page = customerPages[CustomerPage.Key(customer: customer, number: number)] else { break }
            pages.append(page)
        }
        return pages
    }

    /// Every report filed for `customer`, oldest first. Reads all its pages.
    public func filedReports(of customer: CustomerID) -> [FiledReport] {
        pages(of: customer).flatMap(\.reports)
    }

    /// `customer`'s whole history, its reports' lines with its own, in order. Reads all its pages.
    public func history(of customer: CustomerID) -> [HistoryEntry] {
        pages(of: customer).flatMap(\.history)
    }

    /// The last `limit` reports filed for `customer` (of `form`, when given), oldest first, read from its last page
    /// backwards: as many pages as they fill, not all, and never more than `pageLimit`.
    public func latestFiled(
        of customer: CustomerID, form: FormID? = nil, limit: Int, pageLimit: Int = .max
    ) -> [FiledReport] {
        var found: [FiledReport] = []
        let count = customers[customer]?.pageCount ?? 0
        var number = count - 1
        while number >= 0 && number >= count - pageLimit && found.count < limit {
            guard let page = customerPages[CustomerPage.Key(customer: customer, number: number)] else { break }
            for filed in page.reports.reversed() where form == nil || filed.form == form {
                found.append(filed)
                if found.count == limit { break }
            }
            number -= 1
        }
        return found.reversed()
    }

    /// The last `reports` reports filed for `customer` and the last `lines` lines of its history, each oldest first,
    /// read from its last page backwards until both are found: as many pages as they fill, not all.
    public func latestPages(
        of customer: CustomerID, reports reportLimit: Int, lines lineLimit: Int
    ) -> (reports: [FiledReport], history: [HistoryEntry]) {
        var reports: [FiledReport] = []
        var history: [HistoryEntry] = []
        var number = (customers[customer]?.pageCount ?? 0) - 1
        while number >= 0 && (reports.count < reportLimit || history.count < lineLimit) {
            guard let page = customerPages[CustomerPage.Key(customer: customer, number: number)] else { break }
            reports = page.reports.suffix(max(0, reportLimit - reports.count)) + reports
            history = page.history.suffix(max(0, lineLimit - history.count)) + history
            number -= 1
        }
        return (reports, history)
    }

    /// The reports waiting for `person` (to decide, or to revise), unsorted.
    func reportsAwaiting(_ person: PersonID) -> Set<ReportID> { awaiting.reports(of: person) }

    /// Re-files a report under the people it now waits for.
    mutating func reindex(_ id: ReportID) {
        refile(id, under: reports[id]?.waitingFor ?? [])
    }

    /// Re-files a report under `people`, the ones it now waits for.
    ///
    /// Only the people who changed are touched: most events leave a report waiting for the same
    /// people, and each touch hashes a person and a report id.
    mutating func refile(_ id: ReportID, under people: [PersonID]) {
        let previous = awaitingKeys.people[id] ?? (awaitingKeys.isComplete ? [] : awaiting.people(holding: id))
        guard previous != people else { return }
        for person in previous where !people.contains(person) { awaiting.remove(id, from: person) }
        for person in people where !previous.contains(person) { awaiting.insert(id, for: person) }
        awaitingKeys.people[id] = people.isEmpty ? nil : people
    }

    mutating func scheduleDeadlines(of step: StepProgress, report: ReportID) {
        if let remindAt = step.remindAt, !step.reminded {
            deadlines.insert(Deadline(at: remindAt, report: report, step: step.step, kind: .reminder))
        }
        if let dueAt = step.dueAt, !step.escalated {
            deadlines.insert(Deadline(at: dueAt, report: report, step: step.step, kind: .due))
        }
    }

    mutating func unscheduleDeadlines(of step: StepProgress, report: ReportID) {
        if let remindAt = step.remindAt {
            deadlines.remove(Deadline(at: remindAt, report: report, step: step.step, kind: .reminder))
        }
        if let dueAt = step.dueAt {
            deadlines.remove(Deadline(at: dueAt, report: report, step: step.step, kind: .due))
        }
    }
}
