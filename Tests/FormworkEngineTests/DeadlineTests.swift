import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Testing

@Suite struct DeadlineTests {
    private func openStep(of report: ReportID, in engine: Engine) -> StepProgress? {
        engine.report(report).flatMap { record in record.openStepIndex.map { record.steps[$0] } }
    }

    @Test(arguments: [
        // Monday morning: one business day is the end of Tuesday, two the end of Wednesday.
        ("2026-03-02T09:00:00+08:00", "2026-03-03T23:59:59+08:00", "2026-03-04T23:59:59+08:00"),
        // Friday afternoon: the weekend does not count.
        ("2026-03-06T16:00:00+08:00", "2026-03-09T23:59:59+08:00", "2026-03-10T23:59:59+08:00"),
        // Saturday: the next business day is Monday.
        ("2026-03-07T10:00:00+08:00", "2026-03-09T23:59:59+08:00", "2026-03-10T23:59:59+08:00"),
        // Thursday before Children's Day and Tomb Sweeping Day (Friday 3 and Monday 6 April).
        ("2026-04-02T10:00:00+08:00", "2026-04-07T23:59:59+08:00", "2026-04-08T23:59:59+08:00"),
        // Friday before Lunar New Year: the holidays of 16–20 February and two weekends.
        ("2026-02-13T17:00:00+08:00", "2026-02-23T23:59:59+08:00", "2026-02-24T23:59:59+08:00"),
        // 23:30 UTC on Sunday is already Monday in Taipei.
        ("2026-03-01T23:30:00Z", "2026-03-03T23:59:59+08:00", "2026-03-04T23:59:59+08:00"),
    ])
    func deadlinesCountBusinessDaysOnTheCalendar(_ submitted: String, _ reminder: String, _ due: String) throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at(submitted), answers: Funnel.customerInformation())
        let step = try #require(openStep(of: report, in: funnel.engine))
        #expect(step.remindAt?.description == reminder)
        #expect(step.dueAt?.description == due)
    }

    @Test(arguments: [
        // Europe/Berlin moves to summer time on Sunday 29 March 2026.
        ("2026-03-27T15:00:00Z", "2026-03-30T23:59:59+02:00"),
        ("2026-03-20T15:00:00Z", "2026-03-23T23:59:59+01:00"),
        // Good Friday and Easter Monday are holidays of the committee's calendar.
        ("2026-04-02T08:00:00Z", "2026-04-07T23:59:59+02:00"),
    ])
    func deadlinesFollowTheCalendarsTimeZone(_ submitted: String, _ due: String) throws {
        var funnel = Funnel(formSet: try #require(Committee.formSet()))
        let report = try funnel.submit("capex", for: "plant-2", by: "r1", at: at(submitted), answers: Committee.answers)
        #expect(openStep(of: report, in: funnel.engine)?.dueAt?.description == due)
        #expect(openStep(of: report, in: funnel.engine)?.remindAt == nil)
    }

    @Test func aDayWhoseLastHourHappensTwiceEndsAtItsLaterLastSecond() throws {
        // America/Santiago goes back from 24:00 to 23:00 on Saturday 4 April 2026: 23:59:59 happens twice, first
        // at -03:00, then at -04:00. (Every day a workday; Friday 3 April is a holiday of the calendar.)
        var funnel = Funnel(
            formSet: try #require(
                Committee.formSet(zone: "America/Santiago", workdays: "mon, tue, wed, thu, fri, sat, sun")))
        let report = try funnel.submit(
            "capex", for: "plant-2", by: "r1", at: at("2026-04-02T10:00:00-03:00"), answers: Committee.answers)
        #expect(openStep(of: report, in: funnel.engine)?.dueAt?.description == "2026-04-04T23:59:59-04:00")
        // At 23:30 the second time round it is still the due day: nothing has fallen due.
        let early = try funnel.run(.advanceTime(to: at("2026-04-04T23:30:00-04:00")))
        #expect(early.isEmpty)
        let late = try funnel.run(.advanceTime(to: at("2026-04-05T00:00:00-04:00")))
        #expect(late.map(\.kind) == ["step-escalated"])
    }

    @Test func aReminderThenAnEscalationFallDueOnTheRightBusinessDayEachOnce() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-04-02T10:00:00+08:00"),
            answers: Funnel.customerInformation())
        // 24 hours later (or even three calendar days later) nothing is due yet.
        #expect(try funnel.run(.advanceTime(to: at("2026-04-03T10:00:00+08:00"))).isEmpty)
        #expect(try funnel.run(.advanceTime(to: at("2026-04-07T23:59:59+08:00"))).isEmpty)
        let reminder = try funnel.run(.advanceTime(to: at("2026-04-08T00:00:00+08:00")))
        #expect(reminder.map(\.kind) == ["reminder-sent"])
        guard case .reminderSent(let sent) = reminder.first else { return }
        #expect(sent.to == ["chen.mei"])
        #expect(sent.remindAt.description == "2026-04-07T23:59:59+08:00")
        #expect(try funnel.run(.advanceTime(to: at("2026-04-08T18:00:00+08:00"))).isEmpty)
        #expect(funnel.engine.inbox(for: "wang.li").isEmpty)
        let escalation = try funnel.run(.advanceTime(to: at("2026-04-09T08:00:00+08:00")))
        #expect(escalation.map(\.kind) == ["step-escalated"])
        guard case .stepEscalated(let escalated) = escalation.first else { return }
        #expect(escalated.added == ["wang.li"])
        #expect(escalated.trace == ["manager 2 levels up: wang.li"])
        #expect(try funnel.run(.advanceTime(to: at("2026-04-20T08:00:00+08:00"))).isEmpty)
        // Escalation adds an approver; it never approves.
        #expect(funnel.engine.report(report)?.status == .pending)
        #expect(funnel.engine.inbox(for: "wang.li").map(\.report) == [report])
        let events = try funnel.decide(report, .approve, by: "wang.li", at: at("2026-04-20T09:00:00+08:00"))
        #expect(events.map(\.kind).contains("report-approved"))
        #expect(funnel.engine.report(report)?.decisions.first?.signature.actingFor == nil)
    }

    @Test func aDecidedStepHasNoDeadlinesLeft() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        try funnel.decide(report, .return, at: at("2026-03-02T10:00:00+08:00"), opinion: "Which plant?")
        #expect(try funnel.run(.advanceTime(to: at("2026-03-31T00:00:00+08:00"))).isEmpty)
        // The resubmission opens the step again with new deadlines.
        try funnel.run(
            .resubmit(
                .init(
                    report: report, changes: ["notes": .text("Plant 2")], by: "lin.hao",
                    at: at("2026-03-31T09:00:00+08:00"))))
        #expect(openStep(of: report, in: funnel.engine)?.dueAt?.description == "2026-04-02T23:59:59+08:00")
    }
}
