import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

/// The example companies' audits with twelve weeks of simulated usage (seed 1) from the start of
/// 2026-Q1, pinned as golden files: what `formwork audit DIR --period 2026-Q1 --simulate-weeks 12`
/// prints. Re-record with FORMWORK_RECORD=1 (the recording run fails on purpose).
@Suite struct ExampleAuditTests {
    struct Audited {
        var loaded: FormSetLoader.Result
        var report: AuditReport
        var simulation: UsageGenerator.Result

        var renderer: AuditRenderer { AuditRenderer(sources: loaded.sources) }
    }

    static func audit(_ path: String) throws -> Audited {
        let loaded = Sets.folder(path)
        let set = try #require(loaded.formSet)
        let period = try #require(AuditPeriod(parsing: "2026-Q1"))
        let simulation = UsageGenerator(formSet: set, scenario: UsageScenario(seed: 1, start: period.start, weeks: 12))
            .run()
        let usage = UsageSource(reports: simulation.engine.state.reports.values, period: period, asOf: simulation.end)
        return Audited(loaded: loaded, report: Audit().run(set, usage: usage), simulation: simulation)
    }

    /// The audit reads a store through `UsageSource.keep`: its findings from the kept parts of the reports are its
    /// findings from the whole reports, for each example company, with a period and without.
    @Test(arguments: ["examples/too-few", "examples/too-many", "examples/acme-industrial"])
    func keptPartsAuditTheSame(path: String) throws {
        let audited = try Self.audit(path)
        let set = try #require(audited.loaded.formSet)
        let reports = audited.simulation.engine.state.reports.values
        let kept = reports.compactMap(UsageSource.keep)
        #expect(kept.count == reports.count)
        #expect(kept.allSatisfy { $0.history.isEmpty && $0.revisions.count == 1 })
        for period in [AuditPeriod(parsing: "2026-Q1"), AuditPeriod(parsing: "2026-02"), nil] {
            let whole = Audit().run(
                set, usage: UsageSource(reports: reports, period: period, asOf: audited.simulation.end))
            let fromKept = Audit().run(
                set, usage: UsageSource(reports: kept, period: period, asOf: audited.simulation.end))
            #expect(try audited.renderer.json(fromKept) == audited.renderer.json(whole))
            #expect(!whole.findings.isEmpty)
        }
        // Without a time given, "now" is the latest time the reports record: the same from the kept parts.
        let whole = Audit().run(set, usage: UsageSource(reports: reports))
        #expect(
            try audited.renderer.json(Audit().run(set, usage: UsageSource(reports: kept)))
                == audited.renderer.json(whole))
    }

    @Test func tooFew() throws {
        let audited = try Self.audit("examples/too-few")
        try expectGolden(Sets.relative(audited.renderer.text(audited.report)), named: "too-few.txt")
        try expectGolden(Sets.relative(try audited.renderer.json(audited.report)), named: "too-few.json")
        let ids = Set(audited.report.ids)
        for id in [
            "audit.too-few.short-funnel", "audit.too-few.visit-record-ungated", "audit.too-many.field-asked-again",
            "audit.too-many.over-budget", "audit.usage.reviewed-late", "audit.usage.few-distinct-answers",
        ] {
            #expect(ids.contains(id), "too-few should show \(id)")
        }
    }

    @Test func tooMany() throws {
        let audited = try Self.audit("examples/too-many")
        try expectGolden(Sets.relative(audited.renderer.text(audited.report)), named: "too-many.txt")
        try expectGolden(Sets.relative(audited.renderer.markdown(audited.report)), named: "too-many.md")
        let report = audited.report
        #expect(audited.loaded.formSet?.forms.count == 20)
        // Fields asked three times or more.
        let asked = report.findings("audit.too-many.field-asked-again")
        #expect(asked.contains { $0.figures.contains(.int("times_asked", 5)) })
        #expect(
            asked.filter { finding in
                finding.figures.contains {
                    if case .int(let n) = $0.value, $0.name == "times_asked" { n >= 3 } else { false }
                }
            }.count >= 4)
        // Forms nobody reviews, reps and supervisors over budget, padding.
        #expect(report.findings("audit.usage.form-unread").count >= 3)
        #expect(report.burden.filter(\.isOverBudget).map(\.role) == ["rep", "supervisor"])
        #expect(!report.findings("audit.usage.placeholder-answers").isEmpty)
        #expect(!report.findings("audit.usage.unreviewed").isEmpty)
        #expect(!report.findings("audit.too-many.form-asked-elsewhere").isEmpty)
    }

    /// The shipped B2B set, run by Acme for a quarter, audits with no error and under its budget.
    @Test func acmeWithUsageHasNoError() throws {
        let audited = try Self.audit("examples/acme-industrial")
        #expect(audited.report.count(.error) == 0, "\(audited.report.ids)")
        #expect(audited.report.burden.count == 3)
        #expect(audited.report.burden.allSatisfy { !$0.isOverBudget })
        #expect(audited.simulation.submitted > 300)
    }
}
