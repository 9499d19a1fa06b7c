import Dispatch
import Synchronization

/// Commits prepared batches on a thread of its own, one at a time and in the order they were handed over, each
/// with `commit`'s own write and fdatasync (the batches waiting when the thread gets to them go in one
/// `commit(contentsOf:)`, under one lock, but each is still written, synced and acknowledged on its own). A writer hands over batch N, then decides and prepares batch N+1 while
/// N is being synced, so the disk never waits for the processor; each batch is still acknowledged only once it is
/// durable, by its own sync.
///
/// Nothing is ever stored out of order: batch N+1 is prepared after the head N will leave, so when N is not
/// stored (it failed, or another writer came first), committing N+1 fails with `.conflict` and writes nothing.
public final class CommitQueue: Sendable {
    /// One batch handed over, and what became of it.
    public final class Ticket: Sendable {
        /// The batch.
        public let batch: PreparedBatch
        private let outcome = Mutex<Result<[StoredRecord], StoreError>?>(nil)
        private let settled = DispatchSemaphore(value: 0)

        init(_ batch: PreparedBatch) {
            self.batch = batch
        }

        func settle(_ result: Result<[StoredRecord], StoreError>) {
            outcome.withLock { $0 = result }
            settled.signal()
        }

        /// Waits until the batch is durable or refused: what `commit` returned or threw.
        public func wait() -> Result<[StoredRecord], StoreError> {
            while true {
                if let result = outcome.withLock({ $0 }) { return result }
                settled.wait()
                // Another waiter may come after this one.
                settled.signal()
            }
        }
    }

    /// The store batches are committed to.
    public let store: any EventStore
    private let queue = DispatchQueue(label: "formwork.commit-queue")
    /// The batches handed over and not yet taken by the queue's thread, and whether that thread is at work.
    private let waiting = Mutex<(tickets: [Ticket], draining: Bool)>(([], false))

    /// How many waiting batches the thread takes at once: the store may hold its lock for all of them, so this
    /// bounds how long another process waits for it.
    static let takenAtOnce = 16

    public init(store: any EventStore) {
        self.store = store
    }

    /// Hands `batch` over to be committed after the batches handed over before it.
    public func enqueue(_ batch: PreparedBatch) -> Ticket {
        let ticket = Ticket(batch)
        let start = waiting.withLock { waiting in
            waiting.tickets.append(ticket)
            defer { waiting.draining = true }
            return !waiting.draining
        }
        if start { queue.async { self.drain() } }
        return ticket
    }

    /// Commits what is waiting, as it comes, until nothing is.
    private func drain() {
        while true {
            let taken = waiting.withLock { waiting in
                let count = min(Self.takenAtOnce, waiting.tickets.count)
                let taken = Array(waiting.tickets.prefix(count))
                waiting.tickets.removeFirst(count)
                if taken.isEmpty { waiting.draining = false }
                return taken
            }
            if taken.isEmpty { return }
            store.commit(contentsOf: taken.map(\.batch)) { index, result in taken[index].settle(result) }
        }
    }
}
