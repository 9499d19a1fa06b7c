import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

/// Turns a list of random numbers into a sequence of commands (people acting at random, random
/// decisions, random times, some of them invalid) and runs them, keeping the journal.
struct Simulation {
    let people: [PersonID]
    let customers: [CustomerID]
    let forms: [FormID]
    /// Answers for a form, for a report filed on `today` (local date) for `customer`.
    let answers: (FormID, LocalDate, CustomerID, Engine) -> GivenAnswers
    /// Changes for a resubmission: `material` picks a change to a material field.
    let changes: (FormID, Bool) -> GivenAnswers
    let utcOffsetMinutes: Int

    var engine: Engine
    var journal: [Event] = []
    var time = at("2026-03-02T00:30:00Z")
    var refusals: [Refusal.Code: Int] = [:]

    mutating func run(_ numbers: [Int]) {
        for (step, number) in numbers.enumerated() {
            let advance = Int64((number / 17) % (30 * 3600))
            if number % 23 == 0 {
                // Now and then a command from the past: it must be refused.
                execute(.advanceTime(to: time.adding(seconds: -3600) ?? time))
                continue
            }
            time = time.adding(seconds: advance) ?? time
            execute(command(number, step: step))
        }
    }

    private mutating func execute(_ command: Command) {
        let before = engine.state
        switch engine.handle(command) {
        case .success(let events):
            journal += events
            engine.apply(contentsOf: events)
        case .failure(let refusal):
            refusals[refusal.code, default: 0] += 1
            // A refused command changes nothing.
            if engine.state != before { Issue.record("a refused \(refusal.code) changed the state") }
        }
    }

    private func pick<T>(_ items: [T], _ number: Int) -> T {
        items[abs(number) % items.count]
    }

    private func existingReport(_ number: Int) -> ReportID? {
        let ids = engine.state.reports.keys.sorted()
        return ids.isEmpty ? nil : pick(ids, number)
    }

    private func command(_ number: Int, step: Int) -> Command {
        let today = time.withUTCOffset(minutes: utcOffsetMinutes)?.localDate ?? .minimum
        let person = pick(people, number / 1000)
        switch number % 10 {
        case 0, 1, 2:
            let form = pick(forms, number / 10)
            let customer = pick(customers, number / 100)
            var answers = self.answers(form, today, customer, engine)
            if (number / 7) % 6 == 0, let key = answers.keys.sorted().first { answers[key] = nil }
            let filer = (number / 3) % 3 == 0 ? person : pick(people, 0)
            return .submit(
                .init(
                    report: ReportID("r\(step)"), form: form, customer: customer, answers: answers, by: filer, at: time)
            )
        case 3, 4, 5:
            guard let report = existingReport(number / 10) else { return .advanceTime(to: time) }
            let decision = pick([Decision.approve, .approve, .approve, .return, .reject], number / 100)
            let opinion: String? = (number / 7) % 8 == 0 ? nil : "Opinion \(step)"
            let approver = engine.report(report)?.waitingFor.first
            let actor = (number / 5) % 3 == 0 ? person : (approver ?? person)
            return .decide(.init(report: report, decision: decision, opinion: opinion, by: actor, at: time))
        case 6:
            guard let id = existingReport(number / 10), let report = engine.report(id) else {
                return .advanceTime(to: time)
            }
            let actor = (number / 5) % 4 == 0 ? person : report.submitter
            return .resubmit(
                .init(report: id, changes: changes(report.form, (number / 100) % 2 == 0), by: actor, at: time))
        case 7:
            guard let id = existingReport(number / 10), let report = engine.report(id) else {
                return .advanceTime(to: time)
            }
            return .recall(.init(report: id, by: (number / 5) % 3 == 0 ? person : report.submitter, at: time))
        default:
            return .advanceTime(to: time)
        }
    }
}

extension Simulation {
    /// The committee form set: quorum all, then 2, a material amount, an SLA with escalation.
    static func committee(formSet: FormSet) -> Simulation {
        Simulation(
            people: ["r1", "b1", "b2", "b3", "h1", "h2", "chair", "ghost"],
            customers: ["plant-1", "plant-2"],
            forms: ["capex"],
            answers: { _, _, _, _ in Committee.answers },
            changes: { _, material in
                material ? ["amount": .text("199000")] : ["notes": .text("Revised.")]
            },
            utcOffsetMinutes: 60,
            engine: Engine(formSet: formSet))
    }

    /// The Acme funnel: customer information, qualification, visit plans and records.
    static func acme(formSet: FormSet) -> Simulation {
        Simulation(
            people: ["lin.hao", "zhang.yating", "chen.mei", "wang.li", "huang.zhiming", "wu.jialing"],
            customers: ["hpm", "tsmc-supplier"],
            forms: ["customer_information", "customer_qualification", "visit_plan", "visit_record"],
            answers: { form, today, customer, engine in
                switch form {
                case "customer_information": return Funnel.customerInformation()
                case "customer_qualification": return Funnel.qualification()
                case "visit_plan":
                    return Funnel.visitPlan(date: (today.adding(days: 3) ?? today).description)
                default:
                    let plan = engine.state.customers[customer]?.latestApproved["visit_plan"] ?? "none"
                    var answers = Funnel.visitRecord(plan: plan, date: today.description)
                    answers["next_follow_up_date"] = .text((today.adding(days: 7) ?? today).description)
                    return answers
                }
            },
            changes: { form, material in
                switch form {
                case "visit_plan": material ? ["objective": .text("proposal")] : ["agenda": .text("Demo, Q&A")]
                default: ["notes": .text(material ? "Changed" : "Revised")]
                }
            },
            utcOffsetMinutes: 480,
            engine: Engine(formSet: formSet))
    }
}
