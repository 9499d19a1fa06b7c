import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Testing

@Suite struct GateTests {
    @Test func aVisitRecordIsRefusedBeforeThePlanIsApproved() throws {
        var funnel = try Funnel()
        try funnel.walkToVisit("hpm")
        let noPlan = try Self.refusedRecord(
            &funnel, answers: Funnel.visitRecord(plan: "none", date: "2026-03-06"), at: "2026-03-06T17:00:00+08:00")
        #expect(noPlan.code == .gateClosed)
        #expect(noPlan.category == .refusedByRule)
        #expect(
            noPlan.message
                == "visit_record can be filed for customer hpm only once its visit_plan is approved; none is filed")
        let plan = try funnel.submit(
            "visit_plan", for: "hpm", at: at("2026-03-03T09:00:00+08:00"), answers: Funnel.visitPlan(date: "2026-03-06")
        )
        let pending = try Self.refusedRecord(
            &funnel, answers: Funnel.visitRecord(plan: plan, date: "2026-03-06"), at: "2026-03-06T17:00:00+08:00")
        #expect(pending.code == .gateClosed)
        #expect(pending.message.hasSuffix("report \(plan) is still waiting for sign-off"))
        try funnel.decide(plan, .approve, at: at("2026-03-06T17:30:00+08:00"))
        let record = try funnel.submit(
            "visit_record", for: "hpm", at: at("2026-03-06T18:00:00+08:00"),
            answers: Funnel.visitRecord(plan: plan, date: "2026-03-06"))
        let answers = try #require(funnel.engine.report(record)?.revision.answers)
        // The plan's answers are prefilled and read-only.
        #expect(answers["planned_date"] == .date(LocalDate(year: 2026, month: 3, day: 6) ?? .minimum))
        #expect(answers["visit_type"] == .string("onsite"))
        #expect(
            answers["attendees_met"]
                == .list([.string("Wang Da-wei (plant manager)"), .string("Chen Li (maintenance lead)")]))
    }

    /// Customer hpm's visit record with `answers`, filed by lin.hao at `time`, which must be refused.
    static func refusedRecord(
        _ funnel: inout Funnel, answers: GivenAnswers, at time: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Refusal {
        try funnel.refuse(
            .submit(
                .init(
                    report: "rec", form: "visit_record", customer: "hpm", answers: answers, by: "lin.hao",
                    at: at(time))),
            sourceLocation: sourceLocation)
    }

    /// Customer hpm at the visit stage with two approved visit plans: an onsite visit on 6 March, then a video call
    /// on 10 March.
    static func twoApprovedPlans(_ funnel: inout Funnel) throws -> (ReportID, ReportID) {
        var later = Funnel.visitPlan(date: "2026-03-10")
        later["visit_type"] = .text("video")
        let (first, second) = try twoPlans(&funnel, first: "2026-03-06", second: later)
        try funnel.decide(second, .approve, at: at("2026-03-03T12:00:00+08:00"))
        return (first, second)
    }

    /// Customer hpm at the visit stage with an approved plan for the `first` date (filed 3 March 09:00), and a
    /// second plan with the `second` answers filed at 11:00, waiting for its signature.
    static func twoPlans(
        _ funnel: inout Funnel, first date: String, second answers: GivenAnswers
    ) throws -> (ReportID, ReportID) {
        try funnel.walkToVisit("hpm")
        let first = try funnel.submit(
            "visit_plan", for: "hpm", at: at("2026-03-03T09:00:00+08:00"), answers: Funnel.visitPlan(date: date))
        try funnel.decide(first, .approve, at: at("2026-03-03T10:00:00+08:00"))
        let second = try funnel.submit("visit_plan", for: "hpm", at: at("2026-03-03T11:00:00+08:00"), answers: answers)
        return (first, second)
    }

    @Test("a visit record reads its plan's answers from the plan it names, not from the latest approved one")
    func prefillFollowsTheNamedReport() throws {
        var funnel = try Funnel()
        let (first, second) = try Self.twoApprovedPlans(&funnel)
        // The record of the first visit, filed after the second plan was approved.
        let record = try funnel.submit(
            "visit_record", for: "hpm", at: at("2026-03-06T18:00:00+08:00"),
            answers: Funnel.visitRecord(plan: first, date: "2026-03-06"))
        let revision = try #require(funnel.engine.report(record)?.revision)
        #expect(revision.answers["planned_date"] == .date(LocalDate(year: 2026, month: 3, day: 6) ?? .minimum))
        #expect(revision.answers["visit_type"] == .string("onsite"))
        #expect(revision.prefilled.first { $0.field == "planned_date" }?.report == first)
        // And the second visit's record, its own.
        let next = try funnel.submit(
            "visit_record", for: "hpm", at: at("2026-03-10T18:00:00+08:00"),
            answers: Funnel.visitRecord(plan: second, date: "2026-03-10"))
        let answers = try #require(funnel.engine.report(next)?.revision.answers)
        #expect(answers["planned_date"] == .date(LocalDate(year: 2026, month: 3, day: 10) ?? .minimum))
        #expect(answers["visit_type"] == .string("video"))
    }

    @Test("a returned visit record resubmitted naming the other plan takes that plan's answers, unasked")
    func resubmittingWithAnotherPlan() throws {
        var funnel = try Funnel()
        let (first, second) = try Self.twoApprovedPlans(&funnel)
        let record = try funnel.submit(
            "visit_record", for: "hpm", at: at("2026-03-10T18:00:00+08:00"),
            answers: Funnel.visitRecord(plan: first, date: "2026-03-10"))
        try funnel.decide(record, .return, at: at("2026-03-10T19:00:00+08:00"), opinion: "This was the video call.")
        // The rep names the other plan only: the read-only planned answers follow it, and so do the editable
        // prefilled ones the rep had not changed.
        try funnel.run(
            .resubmit(
                .init(
                    report: record, changes: texts(["visit_plan_report": second.rawValue]), by: "lin.hao",
                    at: at("2026-03-10T20:00:00+08:00"))))
        let revision = try #require(funnel.engine.report(record)?.revision)
        #expect(revision.number == 2)
        #expect(revision.answers["planned_date"] == .date(LocalDate(year: 2026, month: 3, day: 10) ?? .minimum))
        #expect(revision.answers["visit_type"] == .string("video"))
        #expect(revision.prefilled.filter { $0.field == "planned_date" }.map(\.report) == [second])
        #expect(Set(revision.prefilled.map(\.field)).count == revision.prefilled.count)
    }

    /// The shipped set with the visit record's plan field taking a plan of any status (no `status: approved`), as a
    /// form set may let a record name a plan that is still being revised.
    static func anyPlanStatus() throws -> FormSet {
        var set = try #require(Examples.acme)
        let index = try #require(set.forms.firstIndex { $0.id.value == "visit_record" })
        let form = set.forms[index]
        let sections = form.sections.map { section in
            var section = section
            for field in section.fields.indices where section.fields[field].id.value == "visit_plan_report" {
                section.fields[field].reportStatuses = nil
            }
            return section
        }
        var changed = Form(
            id: form.id, title: form.title, description: form.description, policy: form.policy, sections: sections,
            checks: form.checks, file: form.file)
        changed.version = form.version
        set.forms[index] = changed
        return set
    }

    /// On `anyPlanStatus()`, customer hpm at the visit stage with an approved plan for 5 March and a second plan, for
    /// 6 March, waiting for its signature.
    static func planWaitingOnAnyStatusSet() throws -> (Funnel, ReportID) {
        var funnel = Funnel(formSet: try anyPlanStatus())
        let (_, waiting) = try twoPlans(&funnel, first: "2026-03-05", second: Funnel.visitPlan(date: "2026-03-06"))
        return (funnel, waiting)
    }

    @Test("a visit record must name an approved plan: a pending or returned one is refused, naming its status")
    func theNamedPlanMustBeApproved() throws {
        var funnel = try Funnel()
        let (first, _) = try Self.twoApprovedPlans(&funnel)
        let pending = try funnel.submit(
            "visit_plan", for: "hpm", at: at("2026-03-04T09:00:00+08:00"), answers: Funnel.visitPlan(date: "2026-03-06")
        )
        let returned = try funnel.submit(
            "visit_plan", for: "hpm", at: at("2026-03-04T10:00:00+08:00"), answers: Funnel.visitPlan(date: "2026-03-06")
        )
        try funnel.decide(returned, .return, at: at("2026-03-04T11:00:00+08:00"), opinion: "Which day?")
        for (plan, status) in [(pending, "pending"), (returned, "returned")] {
            // The gate is open (other plans are approved), but the plan this record names is not signed.
            let refusal = try Self.refusedRecord(
                &funnel, answers: Funnel.visitRecord(plan: plan, date: "2026-03-06"), at: "2026-03-06T18:00:00+08:00")
            #expect(refusal.code == .invalidAnswers)
            #expect(
                refusal.fieldErrors.map(\.message)
                    == ["Visit plan names report \(plan), which is \(status); it must be approved"])
            #expect(refusal.fieldErrors.map(\.field) == ["visit_plan_report"])
        }
        let record = try funnel.submit(
            "visit_record", for: "hpm", at: at("2026-03-06T18:00:00+08:00"),
            answers: Funnel.visitRecord(plan: first, date: "2026-03-06"))
        #expect(funnel.engine.report(record)?.status == .pending)
        // Without `status`, any plan of the customer's will do.
        var (open, waiting) = try Self.planWaitingOnAnyStatusSet()
        _ = try open.submit(
            "visit_record", for: "hpm", at: at("2026-03-06T18:00:00+08:00"),
            answers: Funnel.visitRecord(plan: waiting, date: "2026-03-06"))
    }

    @Test("the report choices of a field that names statuses are the customer's reports of those statuses only")
    func choicesFollowTheStatus() throws {
        var funnel = try Funnel()
        let (first, second) = try Self.twoApprovedPlans(&funnel)
        let pending = try funnel.submit(
            "visit_plan", for: "hpm", at: at("2026-03-04T09:00:00+08:00"), answers: Funnel.visitPlan(date: "2026-03-06")
        )
        let field = try #require(funnel.engine.formSet.form("visit_record")?.field("visit_plan_report"))
        #expect(field.reportStatuses?.value == [.approved])
        let offered = funnel.engine.reportChoices(
            customer: "hpm", form: "visit_plan", statuses: field.reportStatuses?.value)
        #expect(offered.map(\.id) == [second, first])
        #expect(funnel.engine.reportChoices(customer: "hpm", form: "visit_plan").map(\.id) == [pending, second, first])
    }

    @Test("a visit record resubmitted after its plan was revised takes the plan's new answers, not as the rep's change")
    func resubmittingAfterThePlanChanged() throws {
        // A record can name a plan still being revised only where the field takes a plan of any status.
        var (funnel, plan) = try Self.planWaitingOnAnyStatusSet()
        // The plan the record names is returned, and revised after the record was filed.
        try funnel.decide(plan, .return, at: at("2026-03-03T12:00:00+08:00"), opinion: "Which day?")
        let record = try funnel.submit(
            "visit_record", for: "hpm", at: at("2026-03-06T18:00:00+08:00"),
            answers: Funnel.visitRecord(plan: plan, date: "2026-03-06"))
        try funnel.run(
            .resubmit(
                .init(
                    report: plan, changes: texts(["visit_date": "2026-03-07"]), by: "lin.hao",
                    at: at("2026-03-06T18:30:00+08:00"))))
        try funnel.decide(record, .return, at: at("2026-03-06T19:00:00+08:00"), opinion: "Say more.")
        // The rep changes only what happened: the planned date follows the plan, and is not refused as changed.
        try funnel.run(
            .resubmit(
                .init(
                    report: record, changes: texts(["what_happened": "Ran the demo for three hours in the end."]),
                    by: "lin.hao", at: at("2026-03-06T20:00:00+08:00"))))
        let revision = try #require(funnel.engine.report(record)?.revision)
        #expect(revision.answers["planned_date"] == .date(LocalDate(year: 2026, month: 3, day: 7) ?? .minimum))
        #expect(revision.prefilled.filter { $0.field == "planned_date" }.map(\.report) == [plan])
    }

    @Test func aReadOnlyPrefilledAnswerCannotBeChanged() throws {
        var funnel = try Funnel()
        try funnel.walkToVisit("hpm")
        let plan = try funnel.submit(
            "visit_plan", for: "hpm", at: at("2026-03-03T09:00:00+08:00"), answers: Funnel.visitPlan(date: "2026-03-06")
        )
        try funnel.decide(plan, .approve, at: at("2026-03-03T10:00:00+08:00"))
        var answers = Funnel.visitRecord(plan: plan, date: "2026-03-06")
        answers["planned_date"] = .text("2026-03-05")
        let refusal = try Self.refusedRecord(&funnel, answers: answers, at: "2026-03-06T18:00:00+08:00")
        #expect(refusal.fieldErrors.map(\.field) == ["planned_date"])
        #expect(refusal.fieldErrors.first?.message.contains("read-only") == true)
    }

    @Test func aReportFieldMustNameAReportOfTheRightFormAndCustomer() throws {
        var funnel = try Funnel()
        try funnel.walkToVisit("hpm")
        try funnel.walkToVisit("other-co", hour: 13)
        let plan = try funnel.submit(
            "visit_plan", for: "other-co", at: at("2026-03-03T09:00:00+08:00"),
            answers: Funnel.visitPlan(date: "2026-03-06"))
        try funnel.decide(plan, .approve, at: at("2026-03-03T10:00:00+08:00"))
        let own = try funnel.submit(
            "visit_plan", for: "hpm", at: at("2026-03-03T11:00:00+08:00"), answers: Funnel.visitPlan(date: "2026-03-06")
        )
        try funnel.decide(own, .approve, at: at("2026-03-03T12:00:00+08:00"))
        let refusal = try Self.refusedRecord(
            &funnel, answers: Funnel.visitRecord(plan: plan, date: "2026-03-06"), at: "2026-03-06T18:00:00+08:00")
        #expect(
            refusal.fieldErrors.map(\.message).contains(
                "Visit plan names report \(plan) of customer other-co, not of hpm"))
    }

    @Test func aFormOfALaterStageWaitsForTheCustomerToReachIt() throws {
        var funnel = try Funnel()
        let refusal = try funnel.refuse(
            .submit(
                .init(
                    report: "plan", form: "visit_plan", customer: "new-co",
                    answers: Funnel.visitPlan(date: "2026-03-06"),
                    by: "lin.hao", at: at("2026-03-02T09:00:00+08:00"))))
        #expect(refusal.code == .stageNotReached)
        #expect(
            refusal.message.contains(
                "visit_plan belongs to stage visit of b2b_funnel, and customer new-co has not started it"))
    }

    @Test func aCustomerWhoIsNotQualifiedStaysInQualification() throws {
        var funnel = try Funnel()
        let info = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        try funnel.decide(info, .approve, at: at("2026-03-02T10:00:00+08:00"))
        var answers = Funnel.qualification()
        answers["qualified"] = .text("no")
        answers["disqualify_reason"] = .text("credit_risk")
        answers["qualification_notes"] = .text("Their last two suppliers were never paid on time.")
        let qualification = try funnel.submit(
            "customer_qualification", for: "hpm", at: at("2026-03-02T11:00:00+08:00"), answers: answers)
        let events = try funnel.decide(qualification, .approve, at: at("2026-03-02T12:00:00+08:00"))
        #expect(!events.map(\.kind).contains("customer-advanced"))
        #expect(funnel.engine.customer("hpm")?.record.positions["b2b_funnel"]?.stage == "qualification")
        let overview = try #require(funnel.engine.customer("hpm"))
        #expect(
            overview.toAdvance == [
                "qualification: the exit condition `has(customer_qualification) && customer_qualification.qualified` must hold"
            ])
        #expect(overview.forms.map(\.available) == [true])
    }

    @Test func aNonRepeatableFormIsFiledOnceUnlessTheEarlierOneWasRejected() throws {
        var funnel = try Funnel()
        let first = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let again = Command.submit(
            .init(
                report: "again", form: "customer_information", customer: "hpm", answers: Funnel.customerInformation(),
                by: "zhang.yating", at: at("2026-03-02T10:30:00+08:00")))
        let refusal = try funnel.refuse(again)
        #expect(refusal.code == .alreadyFiled)
        try funnel.decide(
            first, .reject, at: at("2026-03-02T10:00:00+08:00"), opinion: "Duplicate of an existing account.")
        try funnel.run(again)
        #expect(funnel.engine.report("again")?.status == .pending)
    }

    @Test func onlyTheRolesOfTheWorkflowMayFile() throws {
        var funnel = try Funnel()
        let refusal = try funnel.refuse(
            .submit(
                .init(
                    report: "r", form: "customer_information", customer: "hpm", answers: Funnel.customerInformation(),
                    by: "chen.mei", at: at("2026-03-02T09:00:00+08:00"))))
        #expect(refusal.code == .notAllowedToFile)
        #expect(refusal.category.exitCode == 77)
        #expect(
            refusal.message
                == "chen.mei may not file customer_information: it is filed by rep; their roles are supervisor")
    }

    @Test func severalStagesInARowWhenTheirExitConditionsAlreadyHold() throws {
        var formSet = try #require(Examples.acme)
        // Make qualification optional and without an exit condition: the customer passes through it.
        formSet.workflows[0].stages[1].exitWhen = nil
        formSet.workflows[0].stages[1].forms[0].required = false
        var funnel = Funnel(formSet: formSet)
        let info = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let events = try funnel.decide(info, .approve, at: at("2026-03-02T10:00:00+08:00"))
        let moves = events.compactMap { event -> String? in
            guard case .customerAdvanced(let body) = event else { return nil }
            return "\(body.from)→\(body.to)"
        }
        #expect(moves == ["information→qualification", "qualification→visit"])
    }

    @Test(arguments: [
        ("nobody", Refusal.Code.unknownPerson), ("", .unknownPerson),
    ])
    func unknownPeopleAreRefused(_ person: String, _ code: Refusal.Code) throws {
        var funnel = try Funnel()
        let refusal = try funnel.refuse(
            .submit(
                .init(
                    report: "r", form: "customer_information", customer: "hpm", answers: Funnel.customerInformation(),
                    by: PersonID(person), at: at("2026-03-02T09:00:00+08:00"))))
        #expect(refusal.code == code)
    }

    @Test func inactivePeopleCannotFile() throws {
        var formSet = try #require(Examples.acme)
        let index = try #require(formSet.org?.people.firstIndex { $0.id.value == "lin.hao" })
        formSet.org?.people[index].active = false
        var funnel = Funnel(formSet: formSet)
        let refusal = try funnel.refuse(
            .submit(
                .init(
                    report: "r", form: "customer_information", customer: "hpm", answers: Funnel.customerInformation(),
                    by: "lin.hao", at: at("2026-03-02T09:00:00+08:00"))))
        #expect(refusal.code == .inactivePerson)
    }

    @Test func ids() throws {
        var funnel = try Funnel()
        try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation(), id: "r-1")
        let duplicate = try funnel.refuse(
            .submit(
                .init(
                    report: "r-1", form: "customer_information", customer: "other",
                    answers: Funnel.customerInformation(),
                    by: "lin.hao", at: at("2026-03-02T09:00:00+08:00"))))
        #expect(duplicate.code == .duplicateReport)
        let unknownForm = try funnel.refuse(
            .submit(
                .init(
                    report: "r-2", form: "visit_pln", customer: "other", answers: [:], by: "lin.hao",
                    at: at("2026-03-02T09:00:00+08:00"))))
        #expect(unknownForm.message == "there is no form 'visit_pln'; did you mean 'visit_plan'?")
        let blank = try funnel.refuse(
            .submit(
                .init(
                    report: "r-2", form: "customer_information", customer: " hpm", answers: [:], by: "lin.hao",
                    at: at("2026-03-02T09:00:00+08:00"))))
        #expect(blank.code == .invalidCustomer)
        let early = try funnel.refuse(
            .submit(
                .init(
                    report: "r-2", form: "customer_information", customer: "other", answers: [:], by: "lin.hao",
                    at: at("2026-03-01T09:00:00+08:00"))))
        #expect(early.code == .timeOutOfOrder)
    }
}
