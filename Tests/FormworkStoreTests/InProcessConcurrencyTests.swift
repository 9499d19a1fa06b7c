import Dispatch
import FormworkStore
import Testing

/// Several threads, one store object or several store objects on one directory: the lock and the mutex keep
/// the chain whole.
@Suite("threads writing at once")
struct InProcessConcurrencyTests {
    @Test("threads sharing one store, and stores sharing one directory", arguments: [false, true])
    func threads(separateStores: Bool) throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (shared, _) = try JournalStore.open(at: path, create: true, options: smallIndex(every: 16))
        let stores = try (0..<4).map { _ in
            separateStores ? try JournalStore.open(at: path, create: false, options: smallIndex(every: 16)).0 : shared
        }
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for number in 0..<40 {
                // Every batch is sent twice, as a client retrying after a timeout would.
                for _ in 0..<2 {
                    _ = try? stores[worker].append(
                        [draft(number), draft(number + 1)], commandID: "t\(worker)-\(number)")
                }
            }
        }
        let records = try shared.records(after: 0)
        #expect(records.count == 4 * 40 * 2)
        #expect(records.map(\.seq) == Array(1...UInt64(records.count)))
        #expect(Set(records.map(\.commandID)).count == 160)
        #expect(try shared.verify().isValid)
    }

    @Test("threads sharing the in-memory twin")
    func twin() throws {
        let store = InMemoryEventStore()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for number in 0..<100 {
                _ = try? store.append([draft(number)], commandID: "t\(worker)-\(number % 50)")
            }
        }
        let records = try store.records(after: 0)
        #expect(records.count == 200)
        #expect(records.map(\.seq) == Array(1...200))
        #expect(try store.verify().isValid)
    }
}
