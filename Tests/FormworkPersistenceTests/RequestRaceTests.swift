import FormworkDefinitions
import FormworkEngine
import FormworkStore
import Foundation
import Testing

@testable import FormworkPersistence

/// A store that lets another writer in once, just before the first commit it is handed: the moment between a
/// writer's look for its request id and its append.
final class InterleavingStore: ForwardingStore, @unchecked Sendable {
    var before: (() -> Void)?
    override func commit(_ batch: PreparedBatch) throws(StoreError) -> [StoredRecord] {
        if let other = before {
            before = nil
            other()
        }
        return try base.commit(batch)
    }
}

@Suite struct RequestRaceTests {
    /// Two writers given the same request id for different commands, the second one's append coming just after
    /// the first one's: the store keeps the first batch and answers the second with it. The second writer must
    /// not report its own command as done (it was never written) nor keep its state as the store's.
    @Test func aRequestIDTakenByAnotherWriterInTheMeantimeRefusesTheCommand() throws {
        let formSet = try #require(visitReport)
        let base = InMemoryEventStore()
        let store = InterleavingStore(base)
        var first = try Repository(formSet: formSet, store: base, snapshotInterval: .max)
        var second = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        try drive(&second, from: 0, count: 2)
        store.before = {
            _ = try? first.catchUp()
            let result = first.run(actor: "u1", commandID: "shared") { _ in submission(10, rep: "u1") }
            #expect((try? result.get()) != nil, "the first writer's submit is stored")
        }
        let result = second.run(actor: "u0", commandID: "shared") { _ in submission(11, rep: "u0") }
        guard case .failure(.refused(let refusal)) = result else {
            Issue.record("the second writer's submit was answered \(result), though it was never written")
            return
        }
        #expect(refusal.code == .requestIDReused)
        // Exactly one batch under the id, and it is the first writer's; the second writer's state is the store's.
        let shared = try base.records(after: 0).filter { $0.commandID == "shared" }
        #expect(shared.count > 0 && shared.allSatisfy { $0.actor == "u1" })
        #expect(second.engine.report("r10") != nil)
        #expect(second.engine.report("r11") == nil)
        #expect(second.head == (try base.head()))
        let fresh = try Repository(formSet: formSet, store: base, snapshotInterval: .max)
        #expect(try json(second.engine.state) == (try json(fresh.engine.state)))
        // Retried with the first writer's own command, the request is answered with the stored batch.
        let retried = second.run(actor: "u1", commandID: "shared") { _ in submission(10, rep: "u1") }
        #expect((try? retried.get())?.isEmpty == false)
        #expect(try base.records(after: 0).filter { $0.commandID == "shared" } == shared)
    }
}
