public import FormworkDefinitions
public import FormworkEngine
import FormworkStore

extension Repository {
    /// One command for `runAll`: who acts, the request's idempotency id, and how to make the command from the
    /// state it will run on (as `run` takes them).
    public struct Request {
        public var actor: PersonID?
        public var commandID: String
        public var build: (Engine) -> Command

        public init(actor: PersonID?, commandID: String, build: @escaping (Engine) -> Command) {
            self.actor = actor
            self.commandID = commandID
            self.build = build
        }
    }

    /// Runs `requests` in order, each exactly as `run` would: its own batch, with its own write and fdatasync,
    /// reported only once it is durable. But while one batch is being synced, the next requests are decided on the
    /// state the earlier ones leave and encoded after the head they will leave, so the disk and the processor work
    /// at the same time. At most `depth` batches are in flight: 2 keeps the disk busy whenever deciding a request
    /// takes less time than syncing one; more only adds latency.
    ///
    /// `report` is called once per request, in order, with what `run` would have returned for it. A request
    /// decided ahead is only reported once everything before it is durable. When a batch is not stored (an I/O
    /// error, or another writer came first), nothing after it is stored either (each batch chains onto the one
    /// before); the state is reloaded from the store, and the requests after the failed one are decided again.
    /// A batch refused as a conflict is decided again too, at most `conflictRetries` times.
    ///
    /// Snapshots are written as `run` writes them, each once the batches in flight are durable; a long-running
    /// writer can open the repository with a larger `snapshotInterval` to pause less often.
    public mutating func runAll(
        _ requests: [Request], depth: Int = 2, report: (Int, Result<[Event], CommandFailure>) -> Void
    ) {
        let depth = max(1, depth)
        do {
            try catchUp()
        } catch {
            for index in requests.indices { report(index, .failure(.store(error))) }
            return
        }
        let queue = CommitQueue(store: store)
        var pipeline = Pipeline()
        var next = requests.startIndex
        var conflicts = 0
        // Set when deciding read a damaged value of the snapshot: nothing more is decided until the batches in
        // flight are durable and the state is rebuilt from the journal, as `run` rebuilds it.
        var faulted = false
        while next < requests.endIndex || !pipeline.isEmpty {
            let snapshotDue = self.snapshotDue
            if next < requests.endIndex, pipeline.batches < depth, !faulted, !(snapshotDue && !pipeline.isEmpty) {
                if snapshotDue { snapshotIfDueOrWarn() }
                if let decided = decideAhead(requests[next], index: next, queue: queue) {
                    pipeline.append(decided)
                    next += 1
                } else {
                    faulted = true
                }
                continue
            }
            guard let oldest = pipeline.removeFirst() else {
                // Only a fault stops deciding with nothing in flight.
                faulted = false
                do {
                    try rebuildIfFaulty()
                } catch {
                    for index in next..<requests.endIndex { report(index, .failure(.store(error))) }
                    return
                }
                continue
            }
            let settled = settle(oldest, request: requests[oldest.index])
            switch settled {
            case .final(let result):
                conflicts = 0
                report(oldest.index, result)
                continue
            case .finalThenRedecide(let result):
                conflicts = 0
                report(oldest.index, result)
                next = oldest.index + 1
            case .retry:
                conflicts += 1
                if conflicts > Self.conflictRetries {
                    conflicts = 0
                    report(oldest.index, .failure(.store(Self.keptChanging)))
                    next = oldest.index + 1
                } else {
                    next = oldest.index
                }
            }
            // What was decided after the oldest request stands on a batch that was not stored: those commits fail
            // (or have failed) without writing; the state is taken from the store again.
            pipeline.drain()
            do {
                try load()
            } catch {
                for index in next..<requests.endIndex { report(index, .failure(.store(error))) }
                return
            }
        }
        snapshotIfDueOrWarn()
    }

    /// A request decided ahead, and what it came to.
    struct Decided {
        var index: Int
        var outcome: Outcome

        enum Outcome {
            /// Its batch is in the queue: its events count once the ticket says the batch is durable.
            case queued([Event], CommitQueue.Ticket)
            /// Refused, on the state the batches before it leave.
            case refused(Refusal)
            /// Nothing to store.
            case nothing
            /// The batch could not even be prepared.
            case failed(StoreError)
        }

        /// The ticket of its batch, when it has one in the queue.
        var ticket: CommitQueue.Ticket? {
            if case .queued(_, let ticket) = outcome { ticket } else { nil }
        }
    }

    /// The requests decided ahead, oldest first.
    struct Pipeline {
        private var entries: [Decided] = []
        private var first = 0
        /// How many of them wait for their batch to be committed.
        private(set) var batches = 0

        var isEmpty: Bool { first == entries.count }

        mutating func append(_ decided: Decided) {
            if decided.ticket != nil { batches += 1 }
            entries.append(decided)
        }

        mutating func removeFirst() -> Decided? {
            guard first < entries.count else { return nil }
            let decided = entries[first]
            first += 1
            if decided.ticket != nil { batches -= 1 }
            if first == entries.count {
                entries.removeAll(keepingCapacity: true)
                first = 0
            }
            return decided
        }

        /// Waits for every batch still in flight and forgets them.
        mutating func drain() {
            while let decided = removeFirst() { _ = decided.ticket?.wait() }
        }
    }

    /// What became of the oldest request decided ahead.
    enum Settled {
        /// Its outcome, and the state after it is the one the next request was decided on.
        case final(Result<[Event], CommandFailure>)
        /// Its outcome, but the requests after it must be decided again on the store's state.
        case finalThenRedecide(Result<[Event], CommandFailure>)
        /// Another writer came first: the request and those after it are decided again.
        case retry
    }

    /// Decides `request` on the state the batches in flight leave, and hands its batch over to `queue`; nil,
    /// with nothing changed, when deciding read a damaged value of the snapshot.
    ///
    /// The engine is advanced in place: deciding on a copy, as `run` does, would copy the whole state for every
    /// request of a long run.
    private mutating func decideAhead(_ request: Request, index: Int, queue: CommitQueue) -> Decided? {
        let command = request.build(engine)
        var after: Engine?
        let outcome: Result<[Event], Refusal>
        if let clock = engine.state.clock, command.at > clock,
            case .success(let due) = engine.handle(.advanceTime(to: command.at)), !due.isEmpty
        {
            // Reminders or escalations fall due first: the command is decided on a copy, which a refusal drops.
            switch decide(command) {
            case .success(let (trial, events)):
                after = trial
                outcome = .success(events)
            case .failure(let refusal):
                outcome = .failure(refusal)
            }
        } else if case .advanceTime = command {
            outcome = .success([])
        } else {
            outcome = engine.handle(command)
        }
        if let source, !source.faults.isEmpty { return nil }
        switch outcome {
        case .failure(let refusal):
            return Decided(index: index, outcome: .refused(refusal))
        case .success(let events):
            if events.isEmpty { return Decided(index: index, outcome: .nothing) }
            do throws(StoreError) {
                let drafts = try Self.drafts(for: events, actor: request.actor)
                let batch = try PreparedBatch(drafts, commandID: request.commandID, after: head)
                let ticket = queue.enqueue(batch)
                if let after { engine = after } else { engine.apply(contentsOf: events) }
                head = batch.head
                return Decided(index: index, outcome: .queued(events, ticket))
            } catch {
                return Decided(index: index, outcome: .failed(error))
            }
        }
    }

    /// Waits for the oldest request's batch and says what it means for the requests decided after it.
    private mutating func settle(_ decided: Decided, request: Request) -> Settled {
        let events: [Event]
        let ticket: CommitQueue.Ticket
        switch decided.outcome {
        case .failed(let error):
            return .final(.failure(.store(error)))
        case .refused, .nothing:
            // Unless the request was committed before: then `run` returns its events.
            do {
                if let earlier = try store.committedBatch(request.commandID) {
                    return .finalThenRedecide(outcome(ofEarlier: earlier, commandID: request.commandID, request.build))
                }
            } catch {
                return .final(.failure(.store(error)))
            }
            if case .refused(let refusal) = decided.outcome { return .final(.failure(.refused(refusal))) }
            return .final(.success([]))
        case .queued(let decidedEvents, let queued):
            (events, ticket) = (decidedEvents, queued)
        }
        switch ticket.wait() {
        case .success(let stored) where ticket.batch.isStored(as: stored):
            return .final(.success(events))
        case .success(let earlier):
            // Committed before under the same id: its events, as `run` returns them; nothing of this decision stands.
            return .finalThenRedecide(outcome(ofEarlier: earlier, commandID: request.commandID, request.build))
        case .failure(let error) where error.code == .conflict:
            return .retry
        case .failure(let error):
            return .finalThenRedecide(.failure(.store(error)))
        }
    }
}
