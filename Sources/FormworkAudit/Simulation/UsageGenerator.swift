public import FormworkDefinitions
public import FormworkEngine
public import FormworkLanguage
import Foundation

/// Simulates weeks of usage of a form set through the real ``Engine``: reps file reports at the
/// org's expected volumes for customers moving through the funnel, supervisors sign, return or
/// reject them (on time, late, or never), reps revise returned ones. Deterministic: the same form
/// set and scenario always give the same events.
public struct UsageGenerator: Sendable {
    public let formSet: FormSet
    public let scenario: UsageScenario

    public init(formSet: FormSet, scenario: UsageScenario) {
        self.formSet = formSet
        self.scenario = scenario
    }

    /// What a simulation produced.
    public struct Result: Sendable {
        /// The engine after the last event: its state holds every report.
        public var engine: Engine
        /// Every event, in order (what a store would hold).
        public var events: [Event]
        /// Reports filed, decisions taken, and reports given up because no valid answers were found.
        public var submitted: Int
        public var decisions: Int
        public var abandoned: Int
        /// The simulation's last instant.
        public var end: Timestamp
    }

    public func run() -> Result {
        var state = Run(formSet: formSet, scenario: scenario)
        state.simulate()
        return Result(
            engine: state.engine, events: state.events, submitted: state.submitted, decisions: state.decisions,
            abandoned: state.abandoned, end: state.clock)
    }
}

/// The mutable state of one simulation.
private struct Run {
    let formSet: FormSet
    let scenario: UsageScenario
    var engine: Engine
    var events: [Event] = []
    var random: SeededRandom
    var answers: AnswerMaker
    var clock: Timestamp
    var submitted = 0
    var decisions = 0
    var abandoned = 0
    let zone: TimeZone
    let behaviour: [PersonID: Behaviour]
    let reportsPerWeek: [FormID: Double]
    /// Forms no stage requires (an overloaded reviewer skips them).
    let optionalForms: Set<FormID>
    /// Each person's customers, oldest first, and the next customer number.
    var customers: [PersonID: [CustomerID]] = [:]
    var nextCustomer = 1
    var nextReport = 1
    /// Reports waiting for a decision, and the business day each open step will be decided on.
    var pending: Set<ReportID> = []
    var planned: [String: Int] = [:]
    var returned: Set<ReportID> = []

    init(formSet: FormSet, scenario: UsageScenario) {
        self.formSet = formSet
        self.scenario = scenario
        engine = Engine(formSet: formSet)
        random = SeededRandom(seed: scenario.seed)
        answers = AnswerMaker(formSet: formSet, random: SeededRandom(seed: scenario.seed &+ 0x5EED))
        zone = TimeZone(identifier: formSet.manifest.calendar.timeZone) ?? TimeZone(secondsFromGMT: 0) ?? .current
        clock = Timestamp(secondsSinceEpoch: 0)
        let context = AuditContext(formSet, options: AuditOptions())
        var loads: [PersonID: Double] = scenario.overload ?? [:]
        if scenario.overload == nil, let org = formSet.org {
            for person in org.people {
                let id = person.id.value
                let budget = person.roles.compactMap { formSet.manifest.audit?.budget(for: $0.value)?.minutes.value }
                    .first
                let seconds =
                    BurdenEstimate.total(context.burden.fill[id]) + BurdenEstimate.total(context.burden.review[id])
                if let budget, budget > 0 { loads[id] = seconds / 60 / Double(budget) }
            }
        }
        behaviour = loads.mapValues { Behaviour(load: max($0, 0.5)) }
        reportsPerWeek = context.burden.reportsPerWeek
        optionalForms = Set(
            formSet.forms.map(\.id.value).filter { form in
                !(context.entries[form] ?? []).contains { $0.entry.required }
            })
    }

    func behaviour(of person: PersonID) -> Behaviour { behaviour[person] ?? Behaviour(load: 1) }

    // MARK: - Time

    func offsetMinutes(_ date: LocalDate) -> Int {
        let noon = Timestamp(date: date, hour: 12, minute: 0, second: 0, utcOffsetMinutes: 0)
        let seconds = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(noon?.secondsSinceEpoch ?? 0)))
        return seconds / 60
    }

    /// Moves the clock to `hour` of `date` (never back), then on by a minute per command.
    mutating func move(to date: LocalDate, hour: Int) {
        if let time = Timestamp(date: date, hour: hour, minute: 0, second: 0, utcOffsetMinutes: offsetMinutes(date)),
            time > clock
        {
            clock = time
        }
        execute(.advanceTime(to: clock))
    }

    mutating func tick() {
        clock = clock.adding(seconds: 60) ?? clock
    }

    @discardableResult
    mutating func execute(_ command: Command) -> Result<[Event], Refusal> {
        let result = engine.execute(command)
        if case .success(let produced) = result { events += produced }
        return result
    }

    func isBusinessDay(_ date: LocalDate) -> Bool {
        let calendar = formSet.manifest.calendar
        return calendar.workdays.contains(date.weekday.rawValue) && !calendar.holidays.contains(date)
    }

    // MARK: - The days

    mutating func simulate() {
        guard let org = formSet.org else { return }
        let reps = org.people.filter(\.active).sorted { $0.id.value < $1.id.value }
        let workdays = Double(max(1, formSet.manifest.calendar.workdays.count))
        var businessDay = 0
        var last = scenario.start
        for offset in 0..<scenario.days {
            guard let date = scenario.start.adding(days: offset) else { break }
            last = date
            guard isBusinessDay(date) else { continue }
            move(to: date, hour: 9)
            revise(on: date)
            for person in reps {
                for form in formSet.forms where mayFile(form, person) {
                    let rate = reportsPerWeek[form.id.value] ?? scenario.defaultReportsPerWeek
                    for _ in 0..<random.count(mean: rate / workdays) { file(form, by: person.id.value, on: date) }
                }
            }
            move(to: date, hour: 16)
            review(on: date, businessDay: businessDay)
            businessDay += 1
        }
        move(to: last, hour: 20)
    }

    func mayFile(_ form: Form, _ person: Person) -> Bool {
        formSet.workflows.contains { workflow in
            workflow.stages.contains { stage in
                stage.forms.contains { entry in
                    guard entry.form.value == form.id.value else { return false }
                    let roles = entry.filledBy ?? workflow.filledBy
                    return roles.isEmpty || roles.contains { person.has(role: $0.value) }
                }
            }
        }
    }

    /// Whether the form is offered by the first stage of a workflow (filing it opens a new customer).
    func opensCustomers(_ form: FormID) -> Bool {
        formSet.workflows.contains { $0.stages.first?.forms.contains { $0.form.value == form } ?? false }
    }

    // MARK: - Filing

    mutating func file(_ form: Form, by person: PersonID, on date: LocalDate) {
        guard let customer = customer(for: form, person: person) else { return }
        let id = ReportID(String(format: "R-%06d", nextReport))
        var drop = Set<FieldID>()
        var force = Set<FieldID>()
        for attempt in 0..<8 {
            tick()
            let given = answers.answers(
                for: form, customer: customer, by: person, behaviour: behaviour(of: person), today: date, at: clock,
                engine: engine, attempt: attempt, drop: drop, answer: force)
            let command = Command.submit(
                .init(report: id, form: form.id.value, customer: customer, answers: given, by: person, at: clock))
            switch execute(command) {
            case .success:
                nextReport += 1
                submitted += 1
                pending.insert(id)
                if !(customers[person] ?? []).contains(customer) { customers[person, default: []].append(customer) }
                return
            case .failure(let refusal) where refusal.code == .invalidAnswers:
                for error in refusal.fieldErrors {
                    guard let path = error.field else { continue }
                    let top = FieldID(String(path.prefix { $0 != "[" && $0 != "." }))
                    guard let field = form.field(top) else { continue }
                    if given[top.rawValue] == nil {
                        force.insert(top)
                    } else if !field.isRequired && field.requiredIf == nil && !force.contains(top) {
                        drop.insert(top)
                    }
                }
            case .failure:
                abandoned += 1
                return
            }
        }
        abandoned += 1
    }

    /// A customer the person may file `form` for now: one of theirs, least recently served first, or
    /// a new one when the form opens the funnel.
    mutating func customer(for form: Form, person: PersonID) -> CustomerID? {
        let mine = customers[person] ?? []
        let opens = opensCustomers(form.id.value)
        if !opens || !random.chance(0.5) {
            let candidates = mine.sorted { lastFiled(form.id.value, $0) < lastFiled(form.id.value, $1) }
            for candidate in candidates.prefix(12)
            where engine.explainSubmission(form: form.id.value, customer: candidate, person: person, at: clock).allowed
            {
                return candidate
            }
        }
        guard opens else { return nil }
        let id = CustomerID(String(format: "C-%04d", nextCustomer))
        nextCustomer += 1
        return id
    }

    /// When the customer's latest report of `form` was filed (the epoch when never).
    func lastFiled(_ form: FormID, _ customer: CustomerID) -> Int64 {
        guard let last = engine.state.latestFiled(of: customer, form: form, limit: 1).last,
            let report = engine.report(last.report)
        else { return 0 }
        return report.submittedAt.secondsSinceEpoch
    }

    // MARK: - Signing

    mutating func review(on date: LocalDate, businessDay: Int) {
        for id in pending.sorted() {
            guard let report = engine.report(id), report.status == .pending else {
                pending.remove(id)
                if engine.report(id)?.status == .returned { returned.insert(id) }
                continue
            }
            guard let index = report.openStepIndex, let reviewer = report.waitingFor.sorted().first else { continue }
            let key = "\(id)#\(index)#\(report.revision.number)"
            let style = behaviour(of: reviewer)
            if planned[key] == nil {
                if style.skipsOptionalForms && optionalForms.contains(report.form) {
                    planned[key] = Int.max
                } else if random.chance(style.late) {
                    let days = report.routing.steps[index].sla?.days ?? 2
                    planned[key] = businessDay + days + random.int(1...4)
                } else {
                    planned[key] = businessDay + random.int(0...1)
                }
            }
            guard let day = planned[key], day <= businessDay else { continue }
            let padded = report.revision.answers.entries.contains {
                $0.value.answerText.map { Placeholder.kind(of: $0) != nil } ?? false
            }
            let offered = report.routing.steps[index].decisions
            var decision = Decision.approve
            let roll = random.int(0...99)
            let returns = scenario.returnPercent + (padded && !style.skipsOptionalForms ? 35 : 0)
            if roll < scenario.rejectPercent && offered.contains(.reject) {
                decision = .reject
            } else if roll < scenario.rejectPercent + returns && offered.contains(.return) {
                decision = .return
            }
            let opinion =
                random.chance(style.placeholderOpinion)
                ? random.pick(SampleText.placeholderOpinions) : random.pick(SampleText.opinions)
            tick()
            let command = Command.decide(
                .init(report: id, decision: decision, opinion: opinion, by: reviewer, at: clock))
            if case .success = execute(command) {
                decisions += 1
            } else {
                planned[key] = Int.max
            }
            if let after = engine.report(id), after.status != .pending {
                pending.remove(id)
                if after.status == .returned { returned.insert(id) }
            }
        }
    }

    /// Reps revise the reports returned to them: one free-text answer rewritten, then resubmitted.
    mutating func revise(on date: LocalDate) {
        for id in returned.sorted() {
            returned.remove(id)
            guard let report = engine.report(id), report.status == .returned,
                let form = formSet.form(report.form)
            else { continue }
            var changes = GivenAnswers()
            let texts = form.fields.filter {
                [.text, .longText].contains($0.type.value) && $0.pattern == nil && $0.prefill == nil
            }
            if let field = texts.first(where: { report.revision.answers[$0.id.value] != nil }) {
                var text = random.pick(SampleText.sentences)
                let minimum = field.length?.min?.value ?? 0
                while text.count < minimum { text += " " + random.pick(SampleText.sentences) }
                if let maximum = field.length?.max?.value, text.count > maximum { text = String(text.prefix(maximum)) }
                changes[field.id.value.rawValue] = .json(.string(text))
            }
            tick()
            let command = Command.resubmit(.init(report: id, changes: changes, by: report.submitter, at: clock))
            if case .success = execute(command) { pending.insert(id) }
        }
    }
}
