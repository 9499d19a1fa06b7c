import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import Testing

/// Every usage finding fires on reports filed through the engine with its flaw, and stays silent on
/// careful usage: varied answers, reviewed within the hour, with real opinions.
@Suite struct UsageFindingTests {
    static let companies = [
        "Hsinchu Precision", "Taichung Motor", "Tainan Foods", "Keelung Marine", "Yilan Paper", "Pingtung Agri",
    ]

    /// Good answers to f1 for report `i`: every field, all different.
    static func good(_ i: Int) -> [String: String] {
        [
            "contact_name": "Contact \(i)", "region_note": "Plant \(i) is near the port",
            "channel": ["email", "visit", "phone"][i % 3],
            "remarks": "Visit \(i): \(companies[i % companies.count]) asked for a quotation for line \(i).",
            "kind": "kind \(i)",
        ]
    }

    /// Six f1 reports by rep1 with `answers(i)`, each reviewed by `review(report, i)`.
    static func usage(
        answers: (Int) -> [String: String] = good,
        review: (inout EngineUsage, ReportID, Int) throws -> Void = { usage, id, _ in try usage.decide(id) }
    ) throws -> EngineUsage {
        var usage = EngineUsage(try SmallSet.set())
        for i in 0..<6 {
            let id = try usage.submit("f1", customer: "c\(i)", answers: answers(i))
            try review(&usage, id, i)
        }
        return usage
    }

    @Test func carefulUsageHasNoUsageFinding() throws {
        let report = try Self.usage().audit()
        #expect(report.findings.filter { $0.category == .usage }.isEmpty, "\(report.ids)")
        #expect(report.usage?.reports == 6)
    }

    @Test func unreviewedAndUnreadForm() throws {
        var usage = try Self.usage(review: { _, _, _ in })
        usage.later(hours: 24 * 5)
        let report = usage.audit()
        let unreviewed = try #require(report.findings("audit.usage.unreviewed").first)
        #expect(unreviewed.subject.person == "boss")
        #expect(unreviewed.location?.file == "org.yaml")
        #expect(unreviewed.figures.contains(.int("unreviewed", 6)))
        let unread = try #require(report.findings("audit.usage.form-unread").first)
        #expect(unread.subject.form == "f1")
        // Not yet due: a report filed an hour ago is waiting, not unreviewed.
        let fresh = try Self.usage(review: { _, _, _ in }).audit()
        #expect(fresh.findings("audit.usage.unreviewed").isEmpty)
        #expect(fresh.findings("audit.usage.form-unread").isEmpty)
    }

    @Test func reviewedLate() throws {
        // Filed on Monday; the supervisor step is due two business days later, at the end of Wednesday.
        var usage = EngineUsage(try SmallSet.set())
        var ids: [ReportID] = []
        for i in 0..<5 { ids.append(try usage.submit("f1", customer: "c\(i)", answers: Self.good(i))) }
        usage.later(hours: 24 * 4)
        for id in ids { try usage.decide(id) }
        let finding = try #require(usage.audit().findings("audit.usage.reviewed-late").first)
        #expect(finding.subject.person == "boss")
        #expect(finding.figures.contains(.int("late", 5)))
        #expect(finding.figures.contains(.int("average_days_late", 2)))
        #expect(try Self.usage().audit().findings("audit.usage.reviewed-late").isEmpty)
    }

    @Test func placeholderOpinions() throws {
        let usage = try Self.usage(review: { usage, id, i in
            try usage.decide(id, opinion: i % 2 == 0 ? "OK" : "閱")
        })
        let finding = try #require(usage.audit().findings("audit.usage.placeholder-opinions").first)
        #expect(finding.figures.contains(.int("placeholder_opinions", 6)))
        #expect(try Self.usage().audit().findings("audit.usage.placeholder-opinions").isEmpty)
    }

    @Test func highReturnRate() throws {
        let usage = try Self.usage(review: { usage, id, i in
            try usage.decide(id, i < 2 ? .return : .approve, opinion: "Name the decision maker, please.")
        })
        let finding = try #require(usage.audit().findings("audit.usage.high-return-rate").first)
        #expect(finding.subject.form == "f1")
        #expect(finding.figures.contains(.int("returned", 2)))
        #expect(finding.figures.contains(.int("decided", 6)))
        #expect(try Self.usage().audit().findings("audit.usage.high-return-rate").isEmpty)
    }

    @Test func fieldEmpty() throws {
        let usage = try Self.usage(answers: { i in Self.good(i).filter { $0.key != "region_note" } })
        let finding = try #require(usage.audit().findings("audit.usage.field-empty").first)
        #expect(finding.subject.field == "region_note")
        #expect(finding.figures.contains(.int("empty", 6)))
    }

    @Test func alwaysDefault() throws {
        let usage = try Self.usage(answers: { i in Self.good(i).filter { $0.key != "channel" } })
        let finding = try #require(usage.audit().findings("audit.usage.always-default").first)
        #expect(finding.subject.field == "channel")
        #expect(finding.figures.contains(.int("defaulted", 6)))
        // Typing the default counts too.
        let typed = try Self.usage(answers: { i in Self.good(i).merging(["channel": "phone"]) { _, new in new } })
        #expect(typed.audit().findings("audit.usage.always-default").count == 1)
    }

    @Test func alwaysPrefilled() throws {
        var usage = try Self.usage()
        for i in 0..<6 {
            let answers = ["summary": "Follow-up \(i) on the quotation"]
            try usage.submit("f2", customer: "c\(i)", answers: answers)
        }
        let finding = try #require(usage.audit().findings("audit.usage.always-prefilled").first)
        #expect(finding.subject.field == "contact")
        #expect(finding.suggestion.contains("f1"))
        var changed = try Self.usage()
        for i in 0..<6 {
            try changed.submit(
                "f2", customer: "c\(i)", answers: ["summary": "Follow-up \(i)", "contact": "New person \(i)"])
        }
        #expect(changed.audit().findings("audit.usage.always-prefilled").isEmpty)
    }

    @Test func placeholderAnswers() throws {
        let usage = try Self.usage(answers: { i in
            Self.good(i).merging(["region_note": ["N/A", "TBD", "-", "k", "Plant north", "同上"][i]]) { _, new in new }
        })
        let finding = try #require(usage.audit().findings("audit.usage.placeholder-answers").first)
        #expect(finding.subject.field == "region_note")
        #expect(finding.figures.contains(.int("placeholders", 4)))
        #expect(finding.figures.contains(.int("one_character", 1)))
    }

    @Test func copiesOfThePreviousReport() throws {
        let copied = "Visited the plant, discussed prices and delivery; they will call back."
        let usage = try Self.usage(answers: { i in Self.good(i).merging(["remarks": copied]) { _, new in new } })
        let finding = try #require(usage.audit().findings("audit.usage.placeholder-answers").first)
        #expect(finding.subject.field == "remarks")
        #expect(finding.figures.contains(.int("copies", 5)))
    }

    @Test func fewDistinctAnswers() throws {
        let usage = try Self.usage(answers: { i in
            Self.good(i).merging(["kind": i % 2 == 0 ? "New" : "old "]) { _, new in new }
        })
        let finding = try #require(usage.audit().findings("audit.usage.few-distinct-answers").first)
        #expect(finding.subject.field == "kind")
        #expect(finding.figures.contains(.int("distinct", 2)))
        #expect(finding.suggestion.contains("'new'"))
    }

    @Test func periodAndAsOf() throws {
        var usage = try Self.usage()
        usage.later(hours: 24 * 40)
        try usage.submit("f1", customer: "late", answers: Self.good(9))
        let april = try #require(AuditPeriod(parsing: "2026-04"))
        let report = Audit(options: .small).run(
            usage.engine.formSet, usage: UsageSource(reports: usage.engine.state.reports.values, period: april))
        #expect(report.usage?.reports == 1)
        #expect(report.usage?.storeReports == 7)
        #expect(report.usage?.period == "2026-04")
        #expect(report.usage?.asOf == usage.time)
    }

    @Test func periodsParse() throws {
        #expect(AuditPeriod(parsing: "2026-Q1")?.end.description == "2026-03-31")
        #expect(AuditPeriod(parsing: "2024-02")?.end.description == "2024-02-29")
        #expect(AuditPeriod(parsing: "2026")?.start.description == "2026-01-01")
        #expect(
            AuditPeriod(parsing: "2026-01-05..2026-03-27")?.contains(
                LocalDate(year: 2026, month: 3, day: 27) ?? .minimum) == true)
        for bad in ["2026-Q5", "26-Q1", "2026-13", "2026-03-27..2026-01-05", "soon"] {
            #expect(AuditPeriod(parsing: bad) == nil, "\(bad)")
        }
    }
}
