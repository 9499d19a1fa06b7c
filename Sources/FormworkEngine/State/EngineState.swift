public import FormworkDefinitions
public import FormworkLanguage

/// The engine's state: every report and customer, indexed so that no command scans them all.
///
/// Built only by folding events (`apply(_:)`), so replaying the journal into a fresh state gives the
/// same state. JSON holds `reports`, `customers`, `clock` and `eventCount`; the indexes (who waits
/// for what, the deadline queue) are rebuilt when decoding.
public struct EngineState: Sendable, Hashable, Codable {
    public internal(set) var reports: [ReportID: ReportRecord]
    public internal(set) var customers: [CustomerID: CustomerRecord]
    /// The time of the latest event: commands may not come earlier.
    public internal(set) var clock: Timestamp?
    /// How many events were applied.
    public internal(set) var eventCount: Int
    /// Open steps' reminders and due times, sorted.
    var deadlines: DeadlineQueue
    /// For each person, the reports waiting for them (to decide, or to revise when returned).
    var awaiting: [PersonID: Set<ReportID>]
    /// The people each report is indexed under in `awaiting`.
    var awaitingKeys: [ReportID: [PersonID]]

    public init() {
        reports = [:]
        customers = [:]
        clock = nil
        eventCount = 0
        deadlines = DeadlineQueue()
        awaiting = [:]
        awaitingKeys = [:]
    }

    private enum CodingKeys: String, CodingKey { case reports, customers, clock, eventCount }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reports = try container.decode([ReportID: ReportRecord].self, forKey: .reports)
        customers = try container.decode([CustomerID: CustomerRecord].self, forKey: .customers)
        clock = try container.decodeIfPresent(Timestamp.self, forKey: .clock)
        eventCount = try container.decode(Int.self, forKey: .eventCount)
        for id in reports.keys.sorted() {
            reindex(id)
            guard let report = reports[id], let index = report.openStepIndex else { continue }
            scheduleDeadlines(of: report.steps[index], report: id)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reports, forKey: .reports)
        try container.encode(customers, forKey: .customers)
        try container.encodeIfPresent(clock, forKey: .clock)
        try container.encode(eventCount, forKey: .eventCount)
    }

    /// The reports waiting for `person` (to decide, or to revise), unsorted.
    func reportsAwaiting(_ person: PersonID) -> Set<ReportID> { awaiting[person] ?? [] }

    /// Re-files a report under the people it now waits for.
    mutating func reindex(_ id: ReportID) {
        for person in awaitingKeys[id] ?? [] {
            awaiting[person]?.remove(id)
            if awaiting[person]?.isEmpty == true { awaiting[person] = nil }
        }
        let people = reports[id]?.waitingFor ?? []
        for person in people { awaiting[person, default: []].insert(id) }
        awaitingKeys[id] = people.isEmpty ? nil : people
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
