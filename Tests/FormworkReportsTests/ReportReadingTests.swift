import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkReports
import Testing

/// `ReportReading`: a report made from the parts of each report its kind keeps is the report made from the whole
/// reports, for every kind and scope; and it does keep less.
@Suite struct ReportReadingTests {
    static let scopes: [(period: String?, region: String?, person: String?)] = [
        ("2026-Q1", nil, nil), (nil, nil, nil), ("2026-02", nil, nil), ("2026-Q1", "south", nil),
        ("2026-Q1", nil, "lin.hao"), ("2026-03", "north", "lin.hao"), ("2026", nil, "zhang.yating"),
    ]

    @Test("the report from the kept parts is the report from the whole reports", arguments: ReportKind.allCases)
    func keptPartsMakeTheSameReport(kind: ReportKind) throws {
        let generated = try #require(Fixture.generated)
        let reports = generated.state.reports.values
        let customers = generated.state.customers.values
        var compared = 0
        for (period, region, person) in Self.scopes {
            let scope = ReportScope(
                period: period.flatMap { ReportPeriod(parsing: $0) }, region: region.map { RegionID($0) },
                person: person.map { PersonID($0) }, asOf: generated.end)
            let reading = ReportReading(kind, formSet: generated.formSet, scope: scope)
            let whole = ManagementReports.make(
                kind,
                from: ReportInput(formSet: generated.formSet, reports: reports, customers: customers, scope: scope))
            let kept = ManagementReports.make(
                kind,
                from: ReportInput(
                    formSet: generated.formSet, reports: reports.compactMap(reading.keep),
                    customers: customers.compactMap(reading.keep), scope: scope))
            #expect(
                kept == whole, "\(kind.rawValue) for \(period ?? "every period"), \(region ?? "-"), \(person ?? "-")")
            if whole.tables.contains(where: { !$0.rows.isEmpty }) { compared += 1 }
        }
        // A scope can leave a kind empty (a rep reviews nothing); most must not, or little was compared.
        #expect(compared >= 4)
    }

    @Test func eachKindKeepsLessThanTheWholeReports() throws {
        let generated = try #require(Fixture.generated)
        let reports = generated.state.reports.values
        let scope = ReportScope(person: "lin.hao", asOf: generated.end)
        func kept(_ kind: ReportKind) -> [ReportRecord] {
            reports.compactMap(ReportReading(kind, formSet: generated.formSet, scope: scope).keep)
        }
        #expect(reports.contains { !$0.history.isEmpty && !$0.revision.answers.isEmpty })
        for kind in [ReportKind.activity, .funnel] {
            #expect(kept(kind).count == reports.count)
            #expect(kept(kind).allSatisfy { $0.history.isEmpty && $0.revisions.allSatisfy(\.answers.isEmpty) })
        }
        #expect(kept(.reviews).allSatisfy { $0.history.allSatisfy { $0.kind == "step-opened" } })
        #expect(kept(.reviews).contains { !$0.history.isEmpty })
        // Targets keeps the approved deals only, with their answers; a meeting pack the rep's reports only.
        let deals = kept(.targets)
        #expect(!deals.isEmpty && deals.count < reports.count)
        #expect(deals.allSatisfy { $0.status == .approved && !$0.revision.answers.isEmpty })
        let pack = kept(.meetingPack)
        #expect(!pack.isEmpty && pack.allSatisfy { $0.submitter == "lin.hao" })
        #expect(pack.count < reports.count)
        // Only the funnel reads customers: their stages and first reports, not their open reports.
        let customers = generated.state.customers.values
        #expect(customers.contains { !$0.open.isEmpty })
        for kind in ReportKind.allCases where kind != .funnel {
            #expect(customers.compactMap(ReportReading(kind, formSet: generated.formSet, scope: scope).keep).isEmpty)
        }
        let funnel = customers.compactMap(ReportReading(.funnel, formSet: generated.formSet, scope: scope).keep)
        #expect(funnel.count == customers.count)
        #expect(funnel.allSatisfy { $0.open.isEmpty && $0.latestApproved.isEmpty })
        #expect(funnel.map(\.stageHistory) == customers.map(\.stageHistory))
    }
}
