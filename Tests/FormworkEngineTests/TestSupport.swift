import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

/// The example form sets, loaded once.
enum Examples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let acme: FormSet? = FormSetLoader().load(root.appendingPathComponent("examples/acme-industrial").path)
        .formSet
    static let visitReport: FormSet? = FormSetLoader().load(
        root.appendingPathComponent("examples/visit-report").path
    ).formSet

    /// A form set written inline, loaded from memory.
    static func inline(_ files: [String: String]) -> FormSetLoader.Result {
        FormSetLoader(fileSystem: InMemoryFileSystem(files: files)).load(".")
    }
}

/// An RFC 3339 instant; a typo gives the epoch, which every test would notice.
func at(_ text: String) -> Timestamp {
    Timestamp(text) ?? Timestamp(secondsSinceEpoch: 0)
}

/// Text answers, as `--set` flags give them.
func texts(_ pairs: KeyValuePairs<String, String>) -> GivenAnswers {
    var answers = GivenAnswers()
    for (field, text) in pairs { answers[field] = .text(text) }
    return answers
}

/// A scripted funnel over the Acme example: each helper files or decides one thing and fails the
/// test if the engine refuses it.
struct Funnel {
    var engine: Engine
    /// Every event emitted so far, in order, for replay checks.
    var journal: [Event] = []
    private var counter = 0

    init() throws {
        engine = Engine(formSet: try #require(Examples.acme))
    }

    init(formSet: FormSet) {
        engine = Engine(formSet: formSet)
    }

    mutating func nextID(_ prefix: String) -> ReportID {
        counter += 1
        return ReportID("\(prefix)-\(counter)")
    }

    /// Runs a command that must succeed; returns its events.
    @discardableResult
    mutating func run(_ command: Command, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Event] {
        switch engine.execute(command) {
        case .success(let events):
            journal += events
            return events
        case .failure(let refusal):
            Issue.record("refused: \(refusal)", sourceLocation: sourceLocation)
            throw refusal
        }
    }

    /// Runs a command that must be refused; returns the refusal.
    mutating func refuse(_ command: Command, sourceLocation: SourceLocation = #_sourceLocation) throws -> Refusal {
        switch engine.execute(command) {
        case .success(let events):
            Issue.record("accepted with \(events.map(\.kind))", sourceLocation: sourceLocation)
            throw RefusalExpected()
        case .failure(let refusal):
            return refusal
        }
    }

    struct RefusalExpected: Error {}

    @discardableResult
    mutating func submit(
        _ form: FormID, for customer: CustomerID, by person: PersonID = "lin.hao", at time: Timestamp,
        answers: GivenAnswers, id: ReportID? = nil
    ) throws -> ReportID {
        let report = id ?? nextID(form.rawValue)
        try run(
            .submit(.init(report: report, form: form, customer: customer, answers: answers, by: person, at: time)))
        return report
    }

    @discardableResult
    mutating func decide(
        _ report: ReportID, _ decision: Decision, by person: PersonID = "chen.mei", at time: Timestamp,
        opinion: String? = "Read and discussed with the rep."
    ) throws -> [Event] {
        try run(.decide(.init(report: report, decision: decision, opinion: opinion, by: person, at: time)))
    }

    // MARK: - Realistic answers

    static func customerInformation(_ company: String = "Hsinchu Precision Machining Co., Ltd.") -> GivenAnswers {
        texts([
            "company_name": company, "tax_id": "24536806", "industry": "machinery", "company_size": "medium",
            "address": "No. 12, Gongye 1st Rd, Hsinchu", "contact_name": "Wang Da-wei",
            "contact_role": "decision_maker",
            "contact_email": "dawei.wang@hpm.com.tw", "lead_source": "trade_show",
            "products_of_interest": "bearing_6204, grease_ep2",
        ])
    }

    static func qualification() -> GivenAnswers {
        texts([
            "budget_status": "approved", "budget_amount": "1200000", "need_level": "urgent",
            "pain_points": "Bearing failures on line 3, Unplanned downtime", "purchase_timeline": "within_month",
            "expected_annual_value": "2400000",
        ])
    }

    static func visitPlan(date: String) -> GivenAnswers {
        texts([
            "visit_date": date, "objective": "demonstration",
            "objective_detail": "Show the sealed 6204 bearing running on their spindle test rig.",
            "customer_attendees": "Wang Da-wei (plant manager), Chen Li (maintenance lead)",
            "expected_outcome": "A trial order for 200 bearings.",
        ])
    }

    static func visitRecord(plan: ReportID, date: String, outcome: String = "advanced") -> GivenAnswers {
        texts([
            "visit_plan_report": plan.rawValue, "visit_date": date,
            "what_happened": "Ran the demo for two hours; the plant manager asked for a quotation for 200 pieces.",
            "objective_met": "yes", "outcome": outcome, "estimated_deal_value": "900000",
            "next_steps": "Send quotation for 200 bearings", "next_follow_up_date": "2026-03-20",
        ])
    }

    static func followUp(week: String) -> GivenAnswers {
        texts([
            "week_of": week, "status": "on_track",
            "activities": "Sent the quotation and agreed on the delivery schedule with purchasing.",
            "win_probability": "80", "outlook": "ready_to_close", "expected_close_date": "2026-04-10",
            "next_actions": "Collect the signed order",
        ])
    }

    static func closedDeal(
        quantity: Int, unitPrice: String, discount: String? = nil, signed: String = "2026-03-16",
        delivery: String = "2026-04-01"
    ) -> GivenAnswers {
        var answers = texts([
            "contract_number": "PO-2026-0042", "signed_date": signed, "gross_margin_percent": "24",
            "delivery_date": delivery,
        ])
        answers["products"] = .json(
            .array([
                .object([
                    "product": .string("bearing_6204"), "quantity": .number(Decimal(quantity)),
                    "unit_price": .number(Decimal(string: unitPrice) ?? 0),
                ])
            ]))
        if let discount { answers["discount_percent"] = .text(discount) }
        return answers
    }

    /// Files and approves customer information and a qualification, so that the customer is at
    /// the visit stage: four commands an hour apart from `hour`:00 on Monday 2 March 2026.
    mutating func walkToVisit(
        _ customer: CustomerID, by rep: PersonID = "lin.hao", approver: PersonID = "chen.mei", hour: Int = 9
    ) throws {
        func time(_ offset: Int) -> Timestamp {
            let hour = hour + offset
            return at("2026-03-02T\(hour < 10 ? "0" : "")\(hour):00:00+08:00")
        }
        let info = try submit(
            "customer_information", for: customer, by: rep, at: time(0), answers: Self.customerInformation())
        try decide(info, .approve, by: approver, at: time(1))
        let qualification = try submit(
            "customer_qualification", for: customer, by: rep, at: time(2), answers: Self.qualification())
        try decide(qualification, .approve, by: approver, at: time(3))
    }

    /// Continues to the close stage: an approved visit plan, visit record and ready-to-close follow-up.
    mutating func walkToClose(_ customer: CustomerID) throws {
        try walkToVisit(customer)
        let plan = try submit(
            "visit_plan", for: customer, at: at("2026-03-03T09:00:00+08:00"),
            answers: Self.visitPlan(date: "2026-03-06"))
        try decide(plan, .approve, at: at("2026-03-03T10:00:00+08:00"))
        let record = try submit(
            "visit_record", for: customer, at: at("2026-03-06T17:00:00+08:00"),
            answers: Self.visitRecord(plan: plan, date: "2026-03-06"))
        try decide(record, .approve, at: at("2026-03-09T09:00:00+08:00"))
        let followUp = try submit(
            "key_account_followup", for: customer, at: at("2026-03-13T16:00:00+08:00"),
            answers: Self.followUp(week: "2026-03-09"))
        try decide(followUp, .approve, at: at("2026-03-13T17:00:00+08:00"))
    }
}
