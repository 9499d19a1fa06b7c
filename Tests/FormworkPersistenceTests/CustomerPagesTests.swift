import FormworkDefinitions
import FormworkStore
import Foundation
import Testing

@testable import FormworkEngine
@testable import FormworkPersistence

/// A customer's reports and history live in pages, so that a key account with thousands of reports costs a
/// command what a small customer does: the record stays small, and filing or deciding touches one page.
@Suite struct CustomerPagesTests {
    static let hot: CustomerID = "key-account"

    /// 150 reports filed for one customer, every third approved by the supervisor, none snapshotted.
    static func hotCustomer() throws -> (FormSet, InMemoryEventStore, Repository) {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var repository = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        for index in 1...150 {
            _ = try repository.run(actor: "u0", commandID: "s\(index)") { _ in
                IdentityKeyTests.visit(index, for: hot)
            }.get()
            guard index % 3 == 0 else { continue }
            _ = try repository.run(actor: "u1000", commandID: "a\(index)") { _ in
                .decide(
                    .init(
                        report: ReportID("r\(index)"), decision: .approve, opinion: "Seen.", by: "u1000",
                        at: at(index * 10 + 5)))
            }.get()
        }
        return (formSet, store, repository)
    }

    @Test("a customer's reports and history fill pages in order, and its record stays the size of a small one's")
    func pagesHoldTheReportsAndHistory() throws {
        let (_, _, repository) = try Self.hotCustomer()
        let state = repository.engine.state
        let record = try #require(state.customers[Self.hot])
        #expect(record.reportCount == 150)
        #expect(record.firstReport == "r1")
        #expect(record.latestApproved["visit_report"] == "r150")
        // Every report not approved is still pending: open, by form, oldest first.
        #expect(record.open["visit_report"] == (1...150).filter { $0 % 3 != 0 }.map { ReportID("r\($0)") })
        #expect(state.filedReports(of: Self.hot).map(\.report) == (1...150).map { ReportID("r\($0)") })
        let history = state.history(of: Self.hot)
        #expect(history.count == record.lineCount && history.count == 1 + 150 + 50)
        #expect(history.first?.kind == "customer-opened")
        #expect(history.filter { $0.kind == "report-submitted" }.count == 150)
        #expect(history.last?.text == "visit_report r150 approved")
        // Every page but the last holds its 128 lines, the last the rest, and the pages' numbers run on.
        let pages = state.pages(of: Self.hot)
        #expect(pages.count == record.pageCount && pages.count == 2)
        #expect(pages.map(\.number) == [0, 1])
        #expect(pages.map(\.history.count) == [CustomerPage.lineLimit, 201 - CustomerPage.lineLimit])
        #expect(pages.map(\.reports.count).reduce(0, +) == 150)
        // The record's own history is the customer's stages only, and but for its open work (the 100 pending
        // reports) its bytes do not grow with its reports.
        #expect(record.stageHistory.map(\.kind) == ["customer-opened"])
        var settled = record
        settled.open = [:]
        #expect(EntityCodec.encode(settled).count < 300)
        #expect(state.latestFiled(of: Self.hot, limit: 3).map(\.report) == ["r148", "r149", "r150"])
        #expect(state.latestPages(of: Self.hot, reports: 0, lines: 2).history == Array(history.suffix(2)))
        #expect(state.latestPages(of: Self.hot, reports: 0, lines: 500).history == history)
    }

    @Test("the pages are read back from a snapshot as written, and a command on the customer changes one page")
    func aCommandTouchesOnePage() throws {
        let (formSet, store, writer) = try Self.hotCustomer()
        var written = writer
        try written.writeSnapshot()
        var reopened = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        #expect(reopened.engine.state.customerPages.changed.isEmpty)
        #expect(reopened.engine.state.pages(of: Self.hot) == writer.engine.state.pages(of: Self.hot))
        #expect(reopened.engine.state.customers[Self.hot] == writer.engine.state.customers[Self.hot])
        _ = try reopened.run(actor: "u0", commandID: "s151") { _ in IdentityKeyTests.visit(151, for: Self.hot) }.get()
        let changed = reopened.engine.state.customerPages.changed
        #expect(changed.count == 1)
        #expect(changed.values.first?.reports.last == FiledReport(report: "r151", form: "visit_report"))
        // The same pages as a replay of the whole journal.
        let replayed = Engine.replaying(
            try store.records(after: 0).map { try #require(Event.fromJournal($0.body)) }, formSet: formSet)
        #expect(replayed.state.pages(of: Self.hot) == reopened.engine.state.pages(of: Self.hot))
        #expect(replayed.state.customers[Self.hot] == reopened.engine.state.customers[Self.hot])
        // The customer's overview lists every report and line, as the customer command prints them.
        let overview = try #require(reopened.engine.customer(Self.hot))
        #expect(overview.reports.count == 151)
        #expect(overview.history == replayed.state.history(of: Self.hot))
        // Its JSON (the record with its reports and history beside its fields) reads back as the same overview.
        let decoded = try JSONDecoder().decode(CustomerOverview.self, from: try JSONEncoder().encode(overview))
        #expect(decoded == overview)
    }

    @Test("a page's key names its customer even when the id holds slashes, and only page keys parse")
    func pageKeys() {
        let key = CustomerPage.Key(customer: "north/acme/2", number: 12)
        let text = StateCodec.pageKey(key)
        #expect(text == "l/north/acme/2/12")
        #expect(StateCodec.pageKey(parsing: text.dropFirst(2)) == key)
        #expect(StateCodec.pageKey(parsing: "acme") == nil)
        #expect(StateCodec.pageKey(parsing: "acme/x") == nil)
        #expect(StateCodec.pageKey(parsing: "acme/-1") == nil)
    }

    @Test("a page round-trips through its bytes, and damaged bytes are refused, not trusted")
    func pageBytes() throws {
        let page = CustomerPage(
            customer: "c1", number: 3, reports: [FiledReport(report: "r1", form: "visit_plan")],
            history: [HistoryEntry(at: at(5), kind: "report-submitted", text: "u0 filed visit_plan r1")])
        let bytes = EntityCodec.encode(page)
        #expect(try EntityCodec.decodeCustomerPage(bytes) == page)
        #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeCustomerPage(Array(bytes.dropLast())) }
        #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeCustomer(bytes) }
    }
}
