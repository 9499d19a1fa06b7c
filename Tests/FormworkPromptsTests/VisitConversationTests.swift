import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkPrompts
import Foundation
import Testing

/// The visit plan and visit record: prefill and defaults kept with Enter, warnings confirmed, long
/// texts and lists over several lines, read-only answers taken from the signed plan.
@Suite struct VisitConversationTests {
    static let plan = [
        "",  // company name: keeps the prefilled name
        "2026-02-27",  // visit date in the past: an error, asked again
        "2026-03-03",  // tomorrow: a warning…
        "n",  // …not kept: asked again
        "2026-03-06",
        "",  // visit type: keeps the default, on-site
        "",  // meeting place: keeps the prefilled address
        "dem",  // objective
        "Show the sealed 6204 bearing", "on their spindle test rig.", "",  // long text, two lines
        "Wang Da-wei (plant manager)", "Chen Li (maintenance lead)", "",  // a list, one per line
        "", "", "",  // who goes with you, agenda, questions
        "",  // products to present: keeps the prefilled ones
        "A trial order for 200 bearings.", "",
        "y",  // the supervisor joins: what the supervisor should do there shows
        "Meet the plant manager with me.", "",
        "s",
    ]

    @Test func prefillAndDefaultsAreShownAndKeptWithEnterAndWarningsAreConfirmed() throws {
        var acme = try Acme()
        try acme.walkToVisit()
        let run = Scripted("visit_plan", on: acme.engine, typing: Self.plan)
        let answers = try #require(run.answers, "\(run.transcript)")
        #expect(
            answers == [
                "visit_date": .text("2026-03-06"), "objective": .text("demonstration"),
                "objective_detail": .text("Show the sealed 6204 bearing\non their spindle test rig."),
                "customer_attendees": .value(
                    .list([.string("Wang Da-wei (plant manager)"), .string("Chen Li (maintenance lead)")])),
                "expected_outcome": .text("A trial order for 200 bearings."), "supervisor_joins": .text("yes"),
                "support_request": .text("Meet the plant manager with me."),
            ])
        #expect(
            run.transcript.contains(
                "  [from customer_information.company_name, report R-000001]\n[新竹精密機械股份有限公司] > \n"))
        #expect(run.transcript.contains("[On-site visit] > \n"))
        #expect(run.transcript.contains("[新竹市東區工業一路 12 號] > \n"))
        #expect(run.transcript.contains("> 2026-02-27\n  error: Plan the visit for today or later.\nVisit date *\n"))
        #expect(
            run.transcript.contains(
                "> 2026-03-03\n  warning: Your supervisor may need up to two working days to sign. "
                    + "Plan further ahead when you can.\n  Keep this answer? [Y/n] n\nVisit date *\n> 2026-03-06\n"))
        #expect(
            run.after("What we want to achieve").contains(
                "(several lines; an empty line ends; from 20 to 1000 characters)"))
        #expect(run.after("Who we will meet").contains("(one per line; an empty line ends; from 1 to 10 items)"))
        let revision = try #require(try expectFiled(answers, form: "visit_plan", on: acme.engine))
        #expect(revision.prefilled.map(\.field) == ["company_name", "location", "products_to_present"])
        #expect(revision.defaulted == ["visit_type"])
        #expect(revision.answers["location"] == .string("新竹市東區工業一路 12 號"))
    }

    @Test func aHiddenFieldIsSkippedAndAFormWarningIsListedByTheLabelsItReads() throws {
        var acme = try Acme()
        try acme.walkToVisit()
        var lines = Self.plan
        lines[5] = "video"  // a video meeting: no meeting place
        lines.remove(at: 6)
        let run = Scripted("visit_plan", on: acme.engine, typing: lines)
        let answers = try #require(run.answers, "\(run.transcript)")
        #expect(answers["visit_type"] == .text("video"))
        #expect(!run.transcript.contains("Meeting place"))
        #expect(
            run.after("== Review ==").contains(
                "warning: I would like my supervisor to join (12), Visit type (3): "
                    + "A supervisor usually joins in person; check the visit type."))
        try expectFiled(answers, form: "visit_plan", on: acme.engine)
    }

    @Test func aReportFieldOffersTheCustomersReportsAndReadOnlyAnswersAreShownNotAsked() throws {
        var acme = try Acme()
        try acme.walkToVisit()
        let plan = try acme.submit(
            "visit_plan", at: at("2026-03-02T09:00:00+08:00"),
            answers: texts([
                "visit_date": "2026-03-06", "objective": "demonstration",
                "objective_detail": "Show the sealed 6204 bearing on their test rig.",
                "customer_attendees": "Wang Da-wei", "expected_outcome": "A trial order.",
            ]))
        try acme.approve(plan, at: at("2026-03-02T10:00:00+08:00"))
        // A plan still waiting for its signature is not offered: the record names a signed plan (`status: approved`).
        _ = try acme.submit(
            "visit_plan", at: at("2026-03-03T09:00:00+08:00"),
            answers: texts([
                "visit_date": "2026-03-09", "objective": "demonstration",
                "objective_detail": "Show the sealed 6204 bearing on the second line.",
                "customer_attendees": "Wang Da-wei", "expected_outcome": "A trial order.",
            ]))
        let run = Scripted(
            "visit_record", on: acme.engine, at: at("2026-03-06T17:00:00+08:00"), typing: ["2", "1", ""],
            then: .interrupted)
        #expect(run.transcript.contains("a report id of an approved visit_plan report"), "\(run.transcript)")
        #expect(run.transcript.contains("    1  R-000003  Visit plan, approved, 2026-03-02T09:00:00+08:00\n> 2\n"))
        // A number off the list is asked again, as a choice list asks.
        #expect(run.transcript.contains("> 2\n  error: choose a number from 1 to 1, or type a report's id\n> 1\n"))
        #expect(
            run.transcript.contains(
                "Planned date: 2026-03-06 (cannot be changed here, from report R-000003)\n"))
        #expect(run.transcript.contains("[2026-03-06] > \n"))
        #expect(run.partial["visit_plan_report"] == .text("R-000003"))
    }
}
