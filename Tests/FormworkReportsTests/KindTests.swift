import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkReports
import Foundation
import Testing

/// Pinned figures of each report kind on the generated store (Acme, twelve weeks, seed 1), and the
/// filters.
@Suite struct KindTests {
    @Test func activityCountsPerRepRegionAndForm() throws {
        let report = try Fixture.report(.activity)
        let reps = try #require(report.table("reps"))
        let lin = try #require(reps.row("person", "lin.hao"))
        #expect(lin["submitted"] == .int(74))
        #expect(lin["approved"] == .int(73))
        #expect(lin["returned_percent"] == .percent(8.1))
        let north = try #require(report.table("regions")?.row("region", "north"))
        #expect(north["reps"] == .int(3))
        #expect(north["submitted"] == .int(255))
        // The regions add up to the reps.
        let total = reps.rows.reduce(0) { total, row in
            if case .int(let n) = row[3] { return total + n }
            return total
        }
        #expect(total == 255 + 310)
        let followUps = try #require(report.table("forms")?.row("form", "key_account_followup"))
        #expect(followUps["cadence"] == .text("weekly"))
        #expect(followUps["cadence_on_time"] == .int(8))
        #expect(followUps["cadence_late"] == .int(0))
    }

    @Test func reviewsMeasureEachSupervisor() throws {
        let report = try Fixture.report(.reviews)
        let table = try #require(report.table("reviewers"))
        let chen = try #require(table.row("person", "chen.mei"))
        #expect(chen["reviewed"] == .int(288))
        #expect(chen["returned"] == .int(38))
        #expect(chen["median_hours"] == .measure(30.7))
        #expect(chen["p90_hours"] == .measure(78.9))
        #expect(chen["overdue_now"] == .int(1))
        #expect(chen["escalated_away"] == .int(5))
        #expect(chen["substantive_percent"] == .percent(96.9))
        let director = try #require(table.row("person", "wang.li"))
        #expect(director["escalations_received"] == .int(18))
    }

    @Test func aReviewerWhoHasNotDecidedYetHasARow() throws {
        let generated = try #require(Fixture.generated)
        var engine = Engine(formSet: generated.formSet)
        let at = try #require(Timestamp("2026-03-02T09:00:00+08:00"))
        let answers: GivenAnswers = [
            "company_name": .text("Acme TW"), "industry": .text("machinery"), "contact_name": .text("Wang"),
            "contact_phone": .text("03-578-1234"), "lead_source": .text("trade_show"),
        ]
        let filed = engine.execute(
            .submit(
                .init(
                    report: "R-000001", form: "customer_information", customer: "acme-tw", answers: answers,
                    by: "lin.hao", at: at)))
        if case .failure(let refusal) = filed {
            Issue.record("refused: \(refusal)")
            return
        }
        let input = ReportInput(
            formSet: generated.formSet, reports: engine.state.reports.values, customers: engine.state.customers.values,
            scope: ReportScope(period: ReportPeriod(parsing: "2026-03"), region: nil, person: nil, asOf: at))
        let table = try #require(ManagementReports.make(.reviews, from: input).table("reviewers"))
        #expect(engine.state.reports["R-000001"]?.waitingFor == ["chen.mei"])
        let chen = try #require(table.row("person", "chen.mei"), "the supervisor the report waits for")
        #expect(chen["reviewed"] == .int(0))
        #expect(chen["overdue_now"] == .int(0))
        #expect(table.rows.count == 1)
    }

    @Test func reviewsFilterByRegion() throws {
        let report = try Fixture.report(.reviews, region: "south")
        #expect(report.table("reviewers")?.rows.map { $0[1] } == [.text("huang.zhiming")])
    }

    @Test func funnelCountsStagesConversionAndStalls() throws {
        let report = try Fixture.report(.funnel)
        let stages = try #require(report.table("stages"))
        let qualification = try #require(stages.row("stage", "qualification"))
        #expect(qualification["customers_now"] == .int(124))
        #expect(qualification["reached"] == .int(197))
        #expect(qualification["conversion_percent"] == .percent(37.1))
        #expect(qualification["median_days"] == .measure(9))
        #expect(qualification["stalled"] == .int(72))
        // Everyone now in a stage reached it; the last stage is never stalled.
        #expect(stages.row("stage", "service")?["stalled"] == Cell.none)
        let stalled = try #require(report.table("stalled"))
        #expect(stalled.rows.count == 72 + 35 + 1)
    }

    @Test func funnelForOneRep() throws {
        let all = try #require(Fixture.report(.funnel).table("stages")?.row("stage", "information"))
        let lin = try #require(Fixture.report(.funnel, person: "lin.hao").table("stages")?.row("stage", "information"))
        guard case .int(let everyone) = all["reached"], case .int(let one) = lin["reached"] else {
            Issue.record("no counts")
            return
        }
        #expect(one > 0 && one < everyone)
    }

    @Test func targetsAgainstTheOrgAndCoverage() throws {
        let report = try Fixture.report(.targets)
        let table = try #require(report.table("targets"))
        let org = try #require(table.row("level", "organisation"))
        #expect(org["deals"] == .int(2))
        #expect(org["units_target"] == .int(85))
        #expect(org["revenue_target"] == .amount(12_750_000))
        let zhang = try #require(table.row("id", "zhang.yating"))
        #expect(zhang["deals"] == .int(1))
        #expect(zhang["units"] == .int(28))
        #expect(zhang["units_percent"] == .percent(121.7))
        let north = try #require(report.table("coverage")?.row("id", "north"))
        #expect(north["members_revenue_target"] == .amount(10_350_000))
        // 124.66…, cut: a share judged against 120% is never rounded up.
        #expect(north["coverage_percent"] == .percent(124.6))
        #expect(north["meets_rule"] == .text("yes"))
        // A year adds up its quarters' targets.
        let year = try #require(Fixture.report(.targets, period: "2026").table("targets")?.row("level", "organisation"))
        #expect(year["units_target"] == .int(85 + 100 + 100 + 115))
        // A month lies inside a quarter: no target applies.
        let month = try #require(
            Fixture.report(.targets, period: "2026-02").table("targets")?.row("level", "organisation"))
        #expect(month["units_target"] == Cell.none)
    }

    @Test func meetingPackListsEveryReportAndOpinionInOrder() throws {
        let report = try Fixture.report(.meetingPack, period: "2026-02", person: "lin.hao")
        let reports = try #require(report.table("reports"))
        #expect(reports.rows.count == 20)
        let timeline = try #require(report.table("timeline"))
        #expect(timeline.rows.count == 43)
        #expect(
            timeline.rows.prefix(3).map { $0[3] } == [
                .text("submitted customer_information for C-0080"),
                .text("step supervisor overdue; escalated to wang.li"), .text("approve at supervisor"),
            ])
        // Each report's lines are in time order.
        let times = timeline.rows.map { "\($0[0])|\($0[1])" }
        #expect(times == times.sorted())
    }
}
