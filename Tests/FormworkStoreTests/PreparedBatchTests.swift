import FormworkStore
import Testing

/// Batches prepared ahead and committed later, directly and through a `CommitQueue`, on every store.
@Suite("prepared batches and the commit queue")
struct PreparedBatchTests {
    @Test("a prepared batch is stored exactly as append would store it", arguments: StoreKind.all)
    func commitMatchesAppend(kind: StoreKind) throws {
        let fixtures = (try kind.make(), try kind.make())
        let (viaCommit, viaAppend) = (fixtures.0.store, fixtures.1.store)
        for number in 0..<12 {
            let drafts = (0...(number % 3)).map { draft(number * 10 + $0) }
            let batch = try PreparedBatch(drafts, commandID: "c-\(number)", after: viaCommit.head())
            let stored = try viaCommit.commit(batch)
            #expect(stored == batch.records)
            #expect(batch.isStored(as: stored))
            #expect(try viaCommit.head() == batch.head)
            #expect(try viaAppend.append(drafts, commandID: "c-\(number)") == stored)
        }
        #expect(try viaCommit.records(after: 0) == viaAppend.records(after: 0))
        #expect(try viaCommit.verify().isValid)
    }

    @Test(
        "a batch prepared after a head that is no longer the head is refused, and nothing is written",
        arguments: StoreKind.all)
    func staleHead(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        try appendBatches(store, count: 4)
        let stale = try PreparedBatch([draft(1)], commandID: "late", after: store.head())
        try appendBatches(store, from: 50, count: 1)
        let before = try store.records(after: 0)
        let error = #expect(throws: StoreError.self) { try store.commit(stale) }
        #expect(error?.code == .conflict)
        #expect(try store.records(after: 0) == before)
        // Prepared again after the head, it goes in.
        let again = try PreparedBatch([draft(1)], commandID: "late", after: store.head())
        #expect(try store.commit(again) == again.records)
    }

    @Test("a batch prepared after one that is not stored yet waits its turn", arguments: StoreKind.all)
    func chainedBatches(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let first = try PreparedBatch([draft(1), draft(2)], commandID: "first", after: store.head())
        let second = try PreparedBatch([draft(3)], commandID: "second", after: first.head)
        #expect(second.records.first?.seq == 3)
        #expect(second.records.first?.prev == first.records.last?.hash)
        let error = #expect(throws: StoreError.self) { try store.commit(second) }
        #expect(error?.code == .conflict)
        #expect(try store.head().seq == 0)
        #expect(try store.commit(first) == first.records)
        #expect(try store.commit(second) == second.records)
        #expect(try store.verify().isValid)
    }

    @Test("a command id committed before returns that batch, whatever the head", arguments: StoreKind.all)
    func committedBefore(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let earlier = try store.append([draft(1)], commandID: "once")
        try appendBatches(store, count: 3)
        let head = try store.head()
        let batch = try PreparedBatch([draft(2), draft(3)], commandID: "once", after: head)
        let stored = try store.commit(batch)
        #expect(stored == earlier)
        #expect(!batch.isStored(as: stored))
        #expect(try store.head() == head)
    }

    @Test(
        "committing several batches at once gives each the outcome commit gives it, in order",
        arguments: StoreKind.all)
    func severalAtOnce(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let earlier = try store.append([draft(7)], commandID: "earlier")
        let first = try PreparedBatch([draft(1), draft(2)], commandID: "first", after: store.head())
        let second = try PreparedBatch([draft(3)], commandID: "second", after: first.head)
        let stale = try PreparedBatch([draft(4)], commandID: "stale", after: first.head)
        let again = try PreparedBatch([draft(5)], commandID: "earlier", after: second.head)
        let third = try PreparedBatch([draft(6)], commandID: "third", after: second.head)
        var outcomes: [(Int, Result<[StoredRecord], StoreError>)] = []
        store.commit(contentsOf: [first, second, stale, again, third]) { outcomes.append(($0, $1)) }
        #expect(outcomes.map(\.0) == [0, 1, 2, 3, 4])
        #expect(try outcomes[0].1.get() == first.records)
        #expect(try outcomes[1].1.get() == second.records)
        #expect(outcomes[2].1.errorCode == .conflict)
        #expect(try outcomes[3].1.get() == earlier)
        #expect(try outcomes[4].1.get() == third.records)
        #expect(try store.records(after: 0) == earlier + first.records + second.records + third.records)
        #expect(try store.verify().isValid)
    }

    @Test("preparing checks the drafts and the head as append does")
    func preparingChecks() throws {
        let bad = RecordDraft(kind: "k", actor: "a", time: "t", body: Array(#"{"open": "#.utf8))
        let body = #expect(throws: StoreError.self) {
            try PreparedBatch([draft(1), bad], commandID: "c", after: .empty)
        }
        #expect(body?.code == .invalidBody)
        let empty = #expect(throws: StoreError.self) { try PreparedBatch([], commandID: "c", after: .empty) }
        #expect(empty?.code == .invalidRecord)
        for hash in ["", "abc", String(repeating: "A", count: 64), String(repeating: "0", count: 63) + "g"] {
            let head = #expect(throws: StoreError.self) {
                try PreparedBatch([draft(1)], commandID: "c", after: StoreHead(seq: 3, hash: hash))
            }
            #expect(head?.code == .invalidRecord, "\(hash)")
        }
    }

    @Test(
        "the commit queue stores batches in the order given, each acknowledged once durable",
        arguments: StoreKind.all)
    func queueInOrder(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let queue = CommitQueue(store: store)
        var head = try store.head()
        var tickets: [CommitQueue.Ticket] = []
        for number in 0..<60 {
            let batch = try PreparedBatch(
                (0...(number % 3)).map { draft(number * 10 + $0) }, commandID: "q-\(number)", after: head)
            tickets.append(queue.enqueue(batch))
            head = batch.head
        }
        for ticket in tickets {
            let stored = try ticket.wait().get()
            #expect(ticket.batch.isStored(as: stored))
            // A second wait gives the same answer at once.
            #expect(try ticket.wait().get() == stored)
        }
        let records = try store.records(after: 0)
        #expect(records == tickets.flatMap(\.batch.records))
        #expect(try store.head() == head)
        #expect(try store.verify().isValid)
    }

    @Test("when a queued batch is not stored, none queued after it is", arguments: StoreKind.all)
    func queueStopsAtFailure(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let queue = CommitQueue(store: store)
        var head = try store.head()
        var batches: [PreparedBatch] = []
        for number in 0..<10 {
            // The fifth batch is prepared after a head that never exists.
            let after =
                number == 4 ? StoreHead(seq: head.seq, hash: String(repeating: "e", count: 64)) : head
            let batch = try PreparedBatch([draft(number)], commandID: "q-\(number)", after: after)
            batches.append(batch)
            head = batch.head
        }
        let outcomes = batches.map { queue.enqueue($0) }.map { $0.wait() }
        for (number, outcome) in outcomes.enumerated() {
            switch outcome {
            case .success(let stored):
                #expect(number < 4)
                #expect(stored == batches[number].records)
            case .failure(let error):
                #expect(number >= 4)
                #expect(error.code == .conflict)
            }
        }
        #expect(try store.records(after: 0) == batches.prefix(4).flatMap(\.records))
        #expect(try store.verify().isValid)
    }
}

extension Result where Failure == StoreError {
    /// The error's code, or nil for a success.
    var errorCode: StoreError.Code? {
        if case .failure(let error) = self { error.code } else { nil }
    }
}
