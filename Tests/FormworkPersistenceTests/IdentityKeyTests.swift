import FormworkDefinitions
import FormworkEngine
import FormworkStore
import Foundation
import Testing

@testable import FormworkPersistence

/// Ids that Swift's `String` equality takes for one (canonically equivalent, different bytes) are one customer
/// whether the state is in memory or read back from a snapshot's segments.
@Suite struct IdentityKeyTests {
    static let precomposed = CustomerID("caf\u{e9}")
    static let decomposed = CustomerID("cafe\u{301}")

    static func visit(_ index: Int, for customer: CustomerID) -> Command {
        guard case .submit(var submit) = submission(index, rep: "u0") else { return submission(index, rep: "u0") }
        submit.customer = customer
        return .submit(submit)
    }

    @Test func aCustomerIsFoundUnderEitherSpellingAfterASnapshot() throws {
        #expect(Self.precomposed == Self.decomposed)
        #expect(Array(Self.precomposed.rawValue.utf8) != Array(Self.decomposed.rawValue.utf8))
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var writer = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        _ = try writer.run(actor: "u0", commandID: "first") { _ in Self.visit(1, for: Self.decomposed) }.get()
        try writer.writeSnapshot()
        // Read back from the segments, the customer is there under both spellings, with its report.
        var reader = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        #expect(reader.snapshotSeq == (try store.head().seq))
        for id in [Self.precomposed, Self.decomposed] {
            #expect(reader.engine.state.filedReports(of: id).map(\.report) == ["r1"], "\(Array(id.rawValue.utf8))")
        }
        // A second report under the other spelling goes to the same customer, as it does in memory.
        _ = try reader.run(actor: "u0", commandID: "second") { _ in Self.visit(2, for: Self.precomposed) }.get()
        #expect(reader.engine.state.filedReports(of: Self.decomposed).map(\.report) == ["r1", "r2"])
        try reader.writeSnapshot()
        let replayed = Engine.replaying(
            try store.records(after: 0).map { try #require(Event.fromJournal($0.body)) }, formSet: formSet)
        let reopened = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        #expect(reopened.engine.state.filedReports(of: Self.precomposed).map(\.report) == ["r1", "r2"])
        // The same customers and reports as a replay of the journal (a listing spells an id as its key does, NFC;
        // each record keeps the spelling it was filed with).
        let (read, kept) = (reopened.engine.state, replayed.state)
        #expect(Set(read.customers.keys) == Set(kept.customers.keys) && read.customers.keys.count == 1)
        #expect(Set(read.reports.keys) == Set(kept.reports.keys))
        for id in kept.customers.keys { #expect(read.customers[id] == kept.customers[id]) }
        for id in kept.reports.keys { #expect(read.reports[id] == kept.reports[id]) }
        for id in kept.customers.keys { #expect(read.pages(of: id) == kept.pages(of: id)) }
        #expect(read.customers[Self.precomposed]?.id.rawValue.unicodeScalars.count == 5)
    }

    @Test func aSnapshotOfTheLayoutThatKeyedIdsAsGivenIsReplayedOnce() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var writer = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        _ = try writer.run(actor: "u0", commandID: "first") { _ in Self.visit(1, for: Self.decomposed) }.get()
        let head = try store.head()
        var globals = Array("formwork-state 3\n".utf8)
        globals += StateCodec.encodeGlobals(writer.engine.state).dropFirst(StateCodec.magic.count)
        try store.writeSnapshot(Snapshot(seq: head.seq, hash: head.hash, state: globals))
        let reopened = try Repository(formSet: formSet, store: store)
        #expect(reopened.warnings.contains { $0.contains("older layout") })
        #expect(reopened.engine.state.filedReports(of: Self.precomposed).map(\.report) == ["r1"])
    }
}
