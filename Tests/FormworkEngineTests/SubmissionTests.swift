import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

@Suite struct SubmissionTests {
    @Test func aRepFilesCustomerInformationAndItIsRoutedToTheirSupervisor() throws {
        var funnel = try Funnel()
        let events = try funnel.run(
            .submit(
                .init(
                    report: "r-1", form: "customer_information", customer: "hpm", answers: Funnel.customerInformation(),
                    by: "lin.hao", at: at("2026-03-02T09:00:00+08:00"))))
        #expect(events.map(\.kind) == ["customer-opened", "report-submitted", "step-opened"])
        let report = try #require(funnel.engine.report("r-1"))
        #expect(report.status == .pending)
        #expect(report.stage == "information")
        let form = try #require(Examples.acme?.form("customer_information"))
        #expect(report.revision.formVersion == form.version)
        #expect(report.routing.policyVersion == Examples.acme?.policy("standard_signoff")?.version)
        #expect(report.revision.hash.hasPrefix("sha256:") && report.revision.hash.count == 71)
        let step = report.routing.steps[0]
        #expect(step.id == "supervisor")
        #expect(step.approvers == ["chen.mei"])
        #expect(step.trace == ["manager 1 level up: chen.mei"])
        #expect(step.sla?.escalateTo == ["wang.li"])
        #expect(report.steps[0].status == .open)
        // One business day after Monday 9:00 is the end of Tuesday, two is the end of Wednesday.
        #expect(report.steps[0].remindAt?.description == "2026-03-03T23:59:59+08:00")
        #expect(report.steps[0].dueAt?.description == "2026-03-04T23:59:59+08:00")
        // Defaults are applied and recorded: overseas is false, the first contact is today.
        #expect(report.revision.answers["overseas"] == .bool(false))
        #expect(report.revision.answers["first_contact_date"] == .date(LocalDate("2026-03-02") ?? .minimum))
        #expect(report.revision.defaulted.contains("first_contact_date"))
        #expect(
            report.revision.answers["products_of_interest"] == .list([.string("bearing_6204"), .string("grease_ep2")]))
        #expect(funnel.engine.inbox(for: "chen.mei").map(\.report) == ["r-1"])
    }

    @Test func aSubmittersLaterReportsAreRoutedAsAFreshEngineRoutesThem() throws {
        // The engine remembers each step's resolved approvers per submitter: the routing of a later report must be
        // the one a new engine, which remembers nothing, works out.
        var funnel = try Funnel()
        var reports: [ReportID] = []
        for (index, customer) in ["hpm", "tsmc", "umc"].enumerated() {
            reports.append(
                try funnel.submit(
                    "customer_information", for: CustomerID(customer),
                    at: at("2026-03-0\(2 + index)T09:00:00+08:00"), answers: Funnel.customerInformation()))
        }
        for report in reports {
            let record = try #require(funnel.engine.report(report))
            var fresh = try Funnel()
            let only = try fresh.submit(
                "customer_information", for: record.customer, at: record.submittedAt,
                answers: Funnel.customerInformation())
            #expect(fresh.engine.report(only)?.routing == record.routing)
        }
    }

    @Test func theSupervisorApprovesWithAnOpinionAndTheCustomerMovesOn() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let events = try funnel.decide(report, .approve, at: at("2026-03-02T15:30:00+08:00"), opinion: "Good lead.")
        #expect(events.map(\.kind) == ["decision-recorded", "step-completed", "report-approved", "customer-advanced"])
        let record = try #require(funnel.engine.report(report))
        #expect(record.status == .approved)
        let signature = try #require(record.decisions.first?.signature)
        #expect(signature.signer == "chen.mei")
        #expect(signature.name == "陳美")
        #expect(signature.revisionHash == record.revision.hash)
        #expect(signature.meaning == "approve: The supervisor has read this report and gives an opinion on it")
        #expect(record.decisions.first?.opinion == "Good lead.")
        let customer = try #require(funnel.engine.customer("hpm"))
        #expect(customer.record.positions["b2b_funnel"]?.stage == "qualification")
        #expect(customer.record.positions["b2b_funnel"]?.visited == ["information", "qualification"])
        #expect(funnel.engine.inbox(for: "chen.mei").isEmpty)
    }

    @Test func aVisitPlanIsSignedBeforeTheVisit() throws {
        var funnel = try Funnel()
        try funnel.walkToVisit("hpm")
        let plan = try funnel.submit(
            "visit_plan", for: "hpm", at: at("2026-03-03T09:00:00+08:00"), answers: Funnel.visitPlan(date: "2026-03-06")
        )
        let record = try #require(funnel.engine.report(plan))
        // Prefilled from the approved customer information; defaults for the visit type and the
        // supervisor question.
        #expect(record.revision.answers["company_name"] == .string("Hsinchu Precision Machining Co., Ltd."))
        #expect(record.revision.answers["location"] == .string("No. 12, Gongye 1st Rd, Hsinchu"))
        #expect(record.revision.prefilled.map(\.field).contains("company_name"))
        #expect(record.revision.answers["visit_type"] == .string("onsite"))
        #expect(record.revision.answers["supervisor_joins"] == .bool(false))
        try funnel.decide(plan, .approve, at: at("2026-03-03T11:00:00+08:00"), opinion: "Bring the test rig data.")
        #expect(funnel.engine.report(plan)?.status == .approved)
    }

    @Test func warningsAreRecordedNotRefused() throws {
        var funnel = try Funnel()
        try funnel.walkToVisit("hpm")
        // The visit is tomorrow: less than two days ahead is a warning.
        let plan = try funnel.submit(
            "visit_plan", for: "hpm", at: at("2026-03-03T09:00:00+08:00"), answers: Funnel.visitPlan(date: "2026-03-04")
        )
        let warnings = try #require(funnel.engine.report(plan)?.revision.warnings)
        #expect(warnings.map(\.field) == ["visit_date"])
        #expect(warnings.first?.message.hasPrefix("Your supervisor may need up to two working days") == true)
    }

    @Test func computedValuesUseExactDecimals() throws {
        var funnel = try Funnel()
        try funnel.walkToClose("hpm")
        let deal = try funnel.submit(
            "closed_deal", for: "hpm", at: at("2026-03-16T10:00:00+08:00"),
            answers: Funnel.closedDeal(quantity: 200, unitPrice: "180.35", discount: "2.5"))
        let answers = try #require(funnel.engine.report(deal)?.revision.answers)
        guard case .list(let rows) = answers["products"], case .record(let row) = rows.first else {
            Issue.record("no product rows")
            return
        }
        #expect(row["line_total"] == .decimal(36070))
        #expect(answers["list_total"] == .decimal(36070))
        // 36070 × 97.5% = 35168.25, rounded to 35168.
        #expect(answers["deal_value"] == .decimal(35168))
        #expect(answers["gross_profit"] == .decimal(8440))
        #expect(answers["payment_terms"] == .string("net_30"))
    }

    @Test func theQualificationScoreIsComputedAndProposesTheDecision() throws {
        var funnel = try Funnel()
        let info = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        try funnel.decide(info, .approve, at: at("2026-03-02T10:00:00+08:00"))
        let qualification = try funnel.submit(
            "customer_qualification", for: "hpm", at: at("2026-03-02T11:00:00+08:00"), answers: Funnel.qualification())
        let answers = try #require(funnel.engine.report(qualification)?.revision.answers)
        #expect(answers["bant_score"] == .int(100))
        #expect(answers["qualified"] == .bool(true))
        #expect(answers["customer_tier"] == .string("standard"))
        // Prefilled from the customer information's contact role.
        #expect(answers["highest_contact_role"] == .string("decision_maker"))
    }

    @Test func theVisitReportExampleHidesTheCustomerRecordBehindItsOwnField() throws {
        var funnel = Funnel(formSet: try #require(Examples.visitReport))
        var answers = texts([
            "report_id": "R-000042", "rep_id": "u0", "customer": "Acme Trading", "visit_date": "2026-03-02",
            "stage": "proposal", "amount": "650000", "currency": "CNY", "products": "P-100, P-200",
            "visit_type": "onsite", "justification": "Large order for the new plant; discount already agreed.",
        ])
        answers["discount_rate"] = .json(.number(Decimal(string: "0.05") ?? 0))
        let report = try funnel.submit(
            "visit_report", for: "acme-trading", by: "u0", at: at("2026-03-02T09:00:00Z"), answers: answers)
        let record = try #require(funnel.engine.report(report))
        #expect(record.routing.steps.map(\.skipped) == [false, false])
        #expect(record.routing.steps[1].reason == "`amount > 500000` is true (amount = 650000)")
        #expect(record.routing.steps[1].approvers == ["d1"])
        #expect(record.revision.answers["customer"] == .string("Acme Trading"))
    }

    @Test func aListItemThatBreaksALimitIsNamedByItsNumber() throws {
        let engine = Engine(formSet: try #require(Examples.visitReport))
        var answers = texts([
            "report_id": "R-000043", "rep_id": "u0", "customer": "Acme Trading", "visit_date": "2026-03-02",
            "stage": "proposal", "amount": "1000", "currency": "CNY", "visit_type": "onsite",
        ])
        answers["products"] = .json(.array([.string("P-100"), .string(""), .string("P-200")]))
        let command = Command.submit(
            .init(
                report: "r-9", form: "visit_report", customer: "acme-trading", answers: answers, by: "u0",
                at: at("2026-03-02T09:00:00Z")))
        guard case .failure(let refusal) = engine.handle(command) else {
            Issue.record("an empty product was accepted")
            return
        }
        #expect(
            refusal.fieldErrors.map(\.message) == ["item 2 of Products needs at least 1 character; it has 0"])
    }
}
