import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Synchronization
import Testing

/// `customer(_:latest:)`: a key account's latest reports and history lines, read from its last pages only.
@Suite struct CustomerHistoryTests {
    /// 100 visit reports filed for one customer and approved: 201 history lines (entering the workflow, then a
    /// filing and an approval each), over two pages of 128.
    static func keyAccount(continuing start: Engine? = nil) throws -> Engine {
        var engine = try start ?? Engine(formSet: try #require(Examples.visitReport))
        var time = at("2026-03-02T00:00:00Z")
        for index in 0..<100 {
            time = time.adding(seconds: 60) ?? time
            let answers = texts([
                "report_id": "R-\(String(100_000 + index).suffix(6))", "rep_id": "u0", "customer": "Customer 0",
                "visit_date": "2026-03-02", "stage": "proposal", "amount": "\(1000 + index)", "currency": "CNY",
                "products": "P-1", "visit_type": "video",
            ])
            let submitted = engine.execute(
                .submit(
                    .init(
                        report: ReportID("r\(index)"), form: "visit_report", customer: "c0", answers: answers, by: "u0",
                        at: time)))
            #expect((try? submitted.get()) != nil)
            time = time.adding(seconds: 60) ?? time
            let approved = engine.execute(
                .decide(
                    .init(report: ReportID("r\(index)"), decision: .approve, opinion: "Seen.", by: "u1000", at: time)))
            #expect((try? approved.get()) != nil)
        }
        return engine
    }

    @Test func theWholeOverviewListsEveryReportAndLine() throws {
        let engine = try Self.keyAccount()
        let whole = try #require(engine.customer("c0"))
        #expect(whole.reports.count == 100)
        #expect(whole.history.count == whole.record.lineCount)
        #expect(whole.record.pageCount == 2)
        #expect(whole.earlierReports == 0)
        #expect(whole.earlierHistoryLines == 0)
    }

    @Test(arguments: [0, 1, 5, 73, 128, 150, 201, 10_000])
    func theLatestAreTheEndOfTheWhole(limit: Int) throws {
        let engine = try Self.keyAccount()
        let whole = try #require(engine.customer("c0"))
        let latest = try #require(engine.customer("c0", latest: limit))
        #expect(latest.history == Array(whole.history.suffix(limit)))
        #expect(latest.reports == Array(whole.reports.suffix(limit)))
        #expect(latest.earlierHistoryLines == whole.history.count - min(limit, whole.history.count))
        #expect(latest.earlierReports == 100 - min(limit, 100))
        // What can be filed and what blocks the next stage do not depend on how much history is shown.
        #expect(latest.forms == whole.forms)
        #expect(latest.toAdvance == whole.toAdvance)
    }

    /// With the customer's pages in a snapshot, the latest lines are read from the last page: the first is not
    /// touched unless they reach into it.
    @Test func theLatestReadOnlyTheLastPages() throws {
        let live = try Self.keyAccount()
        let source = CountingSource(live.state)
        let engine = live.replacingState(with: EngineState(globals: live.state.globals, source: source))
        let latest = try #require(engine.customer("c0", latest: 20))
        #expect(latest.history == Array(try #require(live.customer("c0")).history.suffix(20)))
        #expect(source.pagesRead == [1])
        source.reset()
        _ = engine.customer("c0", latest: 150)
        #expect(source.pagesRead == [1, 0])
        source.reset()
        _ = engine.customer("c0")
        #expect(source.pagesRead == [0, 1])
    }

    /// A line count a snapshot was altered to hold (2^40: eight billion pages that were never written) is not looked
    /// through page by page: the pages end at the first one missing.
    @Test func aLineCountBeyondThePagesDoesNotHang() throws {
        let live = try Self.keyAccount()
        let source = CountingSource(live.state) { $0.lineCount = 1 << 40 }
        let engine = live.replacingState(with: EngineState(globals: live.state.globals, source: source))
        let whole = try #require(engine.customer("c0"))
        #expect(whole.reports.count == 100)
        #expect(source.pagesRead == [0, 1, 2])
        source.reset()
        #expect(engine.customer("c0", latest: 20)?.history.isEmpty == true)
        #expect(source.pagesRead.count == 1)
    }
}

/// `reportChoices`: what a `report` field offers, from a key account's last pages and its record.
@Suite struct ReportChoiceTests {
    /// A pending report first, then the key account of `CustomerHistoryTests` after it: the pending one is on the
    /// customer's first page, the latest filings on its second.
    static func keyAccountWithAnOldPendingReport() throws -> Engine {
        var engine = Engine(formSet: try #require(Examples.visitReport))
        let answers = texts([
            "report_id": "R-000999", "rep_id": "u0", "customer": "Customer 0", "visit_date": "2026-03-01",
            "stage": "proposal", "amount": "900", "currency": "CNY", "products": "P-1", "visit_type": "video",
        ])
        let submitted = engine.execute(
            .submit(
                .init(
                    report: "old", form: "visit_report", customer: "c0", answers: answers, by: "u0",
                    at: at("2026-03-01T00:00:00Z"))))
        #expect((try? submitted.get()) != nil)
        let rest = try CustomerHistoryTests.keyAccount(continuing: engine)
        return rest
    }

    @Test func theLatestNineComeLatestFirst() throws {
        let engine = try CustomerHistoryTests.keyAccount()
        let choices = engine.reportChoices(customer: "c0", form: "visit_report")
        #expect(choices.map(\.id.rawValue) == (91...99).reversed().map { "r\($0)" })
        #expect(engine.reportChoices(customer: "c0", form: nil, limit: 3).map(\.id) == ["r99", "r98", "r97"])
        #expect(engine.reportChoices(customer: "c0", form: "other_form").isEmpty)
        #expect(engine.reportChoices(customer: "nobody", form: "visit_report").isEmpty)
    }

    /// Only the last page is read; the pending report of the first page is offered all the same (after the
    /// latest filings), because the customer's record lists its open reports.
    @Test func openReportsBeyondThePagesReadAreOffered() throws {
        let live = try Self.keyAccountWithAnOldPendingReport()
        let source = CountingSource(live.state)
        let engine = live.replacingState(with: EngineState(globals: live.state.globals, source: source))
        let choices = engine.reportChoices(customer: "c0", form: "visit_report", limit: 200, pageLimit: 1)
        #expect(source.pagesRead == [1])
        #expect(choices.last?.id == "old")
        #expect(choices.first?.id == "r99")
        #expect(Set(choices.map(\.id)).count == choices.count)
        // With every page read, every report: the pending one is still the oldest.
        let all = live.reportChoices(customer: "c0", form: "visit_report", limit: 200, pageLimit: 10)
        #expect(all.count == 101)
        #expect(all.last?.id == "old")
        #expect(all.map(\.submittedAt) == all.map(\.submittedAt).sorted(by: >))
    }
}

/// A snapshot stand-in holding a state's entities, which records the numbers of the customer pages read.
final class CountingSource: EntitySource, Sendable {
    private let reports: [ReportID: ReportRecord]
    private let customers: [CustomerID: CustomerRecord]
    private let pages: [CustomerPage.Key: CustomerPage]
    private let reads = Mutex<[Int]>([])

    init(_ state: EngineState, altering alter: (inout CustomerRecord) -> Void = { _ in }) {
        reports = Dictionary(uniqueKeysWithValues: state.reports.values.map { ($0.id, $0) })
        let customers = state.customers.values
        self.customers = Dictionary(
            uniqueKeysWithValues: customers.map { customer in
                var altered = customer
                alter(&altered)
                return (customer.id, altered)
            })
        pages = Dictionary(
            uniqueKeysWithValues: customers.flatMap { state.pages(of: $0.id) }.map { ($0.key, $0) })
    }

    var pagesRead: [Int] { reads.withLock { $0 } }
    func reset() { reads.withLock { $0 = [] } }

    func report(_ id: ReportID) -> ReportRecord? { reports[id] }
    func customer(_ id: CustomerID) -> CustomerRecord? { customers[id] }
    func allReportIDs() -> [ReportID] { reports.keys.sorted() }
    func allCustomerIDs() -> [CustomerID] { customers.keys.sorted() }
    func customerPage(_ key: CustomerPage.Key) -> CustomerPage? {
        reads.withLock { $0.append(key.number) }
        return pages[key]
    }
    func allCustomerPageKeys() -> [CustomerPage.Key] { pages.keys.sorted() }
}
