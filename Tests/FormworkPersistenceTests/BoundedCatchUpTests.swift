import FormworkDefinitions
import FormworkStore
import Foundation
import Testing

@testable import FormworkEngine
@testable import FormworkPersistence

/// A store whose snapshots cannot be written (a read-only store, or a full disk).
final class SnapshotRefusingStore: ForwardingStore, @unchecked Sendable {
    override func writeSnapshot(_ snapshot: Snapshot, segments: [SegmentFile]) throws(StoreError) {
        throw StoreError(.io, "the store is read-only")
    }
    override func writeSnapshot(_ snapshot: Snapshot, merging merge: SegmentMerge) throws(StoreError) -> Snapshot {
        throw StoreError(.io, "the store is read-only")
    }
}

@Suite struct BoundedCatchUpTests {
    /// A journal of 40 reports, half of them approved, and no snapshot.
    static func journal() throws -> (FormSet, InMemoryEventStore) {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var writer = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        try drive(&writer, from: 0, count: 40)
        #expect(try store.latestSnapshot() == nil)
        return (formSet, store)
    }

    static func replayed(_ store: InMemoryEventStore, _ formSet: FormSet) throws -> Data {
        try json(
            Engine.replaying(
                try store.records(after: 0).map { try JSONDecoder().decode(Event.self, from: Data($0.body)) },
                formSet: formSet
            ).state)
    }

    @Test("a long replay writes snapshots on the way, holds few entities, and ends in the state a whole replay gives")
    func snapshotsOnTheWay() throws {
        let (formSet, store) = try Self.journal()
        var repository = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        #expect(repository.segmentNames.isEmpty)
        // Pages of 8 records: the journal's 147 records end inside one, so the replay's last snapshot is before the end.
        try repository.load(holding: 5, page: 8)
        let head = try store.head()
        #expect(repository.head == head)
        #expect(try json(repository.engine.state) == Self.replayed(store, formSet))
        // Snapshots were written before the end, each at a record of the journal, and the state now holds in
        // memory only what changed after the last of them.
        let latest = try store.latestSnapshot()
        let snapshot = try #require(latest)
        #expect(snapshot.seq > 0 && snapshot.seq < head.seq, "\(snapshot.seq) \(head.seq)")
        #expect(!repository.segmentNames.isEmpty)
        let state = repository.engine.state
        let held = state.reports.changed.count + state.customers.changed.count + state.customerPages.changed.count
        // A record changes at most a report, its customer and one of the customer's pages.
        #expect(held < 5 + 3 * 8)
        // Opening again starts from that snapshot and gives the same state.
        let reopened = try Repository(formSet: formSet, store: store)
        #expect(reopened.warnings.isEmpty)
        #expect(try json(reopened.engine.state) == Self.replayed(store, formSet))
        #expect(
            reopened.engine.inbox(for: "u1000").map(\.report) == repository.engine.inbox(for: "u1000").map(\.report))
    }

    @Test("when no snapshot can be written, a long replay still ends in the right state, holding everything")
    func readOnly() throws {
        let (formSet, store) = try Self.journal()
        let refusing = SnapshotRefusingStore(store)
        var repository = try Repository(formSet: formSet, store: refusing, snapshotInterval: .max)
        try repository.load(holding: 5, page: 7)
        #expect(repository.segmentNames.isEmpty)
        #expect(repository.head == (try store.head()))
        #expect(try json(repository.engine.state) == Self.replayed(store, formSet))
        #expect(repository.engine.state.reports.changed.count == 40)
        // Said once, not once per page.
        #expect(repository.warnings.filter { $0.contains("during the replay") }.count == 1)
    }

    @Test(
        "a snapshot whose counts the journal could not have made is not used: the journal is replayed",
        arguments: [(Int.max, 4), (10, Int.max), (-1, 0), (10, -5), (10, 11)])
    func absurdCounts(events: Int, reports: Int) throws {
        let (formSet, store, repository, head, sound) = try snapshotted()
        var globals = try #require(try StateCodec.decodeGlobals(sound.state))
        globals.eventCount = events
        globals.reportCount = reports
        try store.writeSnapshot(
            Snapshot(
                seq: head.seq, hash: head.hash, state: StateCodec.magic + EntityCodec.encode(globals),
                segments: sound.segments))
        var reopened = try Repository(formSet: formSet, store: store)
        #expect(reopened.warnings.contains { $0.contains("globals are damaged") })
        #expect(reopened.engine.state == repository.engine.state)
        // And the next report is numbered from the journal's count, not the forged one.
        let filed = reopened.run(actor: "u0", commandID: "after") { _ in submission(99, rep: "u0") }
        #expect(try filed.get().contains { $0.kind == "report-submitted" })
        #expect(reopened.engine.state.reportCount == 5)
    }
}
