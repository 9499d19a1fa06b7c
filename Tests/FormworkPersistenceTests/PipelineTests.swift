import FormworkDefinitions
import FormworkEngine
import FormworkPersistence
import FormworkStore
import Foundation
import Testing

/// Submissions of reports 0..<count, each followed by the supervisor's approval of the even ones: every approval
/// depends on the submission decided just before it, still in flight when the approval is decided.
func pipelineRequests(_ count: Int, from start: Int = 0) -> [Repository.Request] {
    (start..<(start + count)).flatMap { index in
        var requests = [
            Repository.Request(actor: "u0", commandID: "submit-\(index)") { _ in submission(index, rep: "u0") }
        ]
        if index % 2 == 0 {
            requests.append(
                Repository.Request(actor: "u1000", commandID: "approve-\(index)") { _ in
                    .decide(
                        .init(
                            report: ReportID("r\(index)"), decision: .approve, opinion: "Seen.", by: "u1000",
                            at: at(index * 10 + 5)))
                })
        }
        return requests
    }
}

/// What `run` gives for each request, one after the other.
func runOneByOne(_ requests: [Repository.Request], on repository: inout Repository) -> [Result<[Event], CommandFailure>]
{
    requests.map { request in repository.run(actor: request.actor, commandID: request.commandID, request.build) }
}

/// What `runAll` reports, checking that every request is reported once and in order.
func runPipelined(
    _ requests: [Repository.Request], on repository: inout Repository, depth: Int = 4
) -> [Result<[Event], CommandFailure>] {
    var results: [Result<[Event], CommandFailure>] = []
    repository.runAll(requests, depth: depth) { index, result in
        #expect(index == results.count, "reported out of order")
        results.append(result)
    }
    #expect(results.count == requests.count)
    return results
}

/// The events of a result, or the refusal's code as text.
func outcome(_ result: Result<[Event], CommandFailure>) -> String {
    switch result {
    case .success(let events): events.map(\.kind).joined(separator: ",")
    case .failure(.refused(let refusal)): "refused \(refusal.code)"
    case .failure(.store(let error)): "store \(error.code)"
    }
}

@Suite struct PipelineTests {
    @Test("runAll stores what run stores one request at a time, byte for byte", arguments: [1, 2, 4, 16])
    func sameAsRun(depth: Int) throws {
        let formSet = try #require(visitReport)
        let requests = pipelineRequests(40)
        let oneByOne = InMemoryEventStore()
        var sequential = try Repository(formSet: formSet, store: oneByOne, snapshotInterval: 16)
        let expected = runOneByOne(requests, on: &sequential)
        let piped = InMemoryEventStore()
        var pipelined = try Repository(formSet: formSet, store: piped, snapshotInterval: 16)
        let results = runPipelined(requests, on: &pipelined, depth: depth)
        #expect(results.map(outcome) == expected.map(outcome))
        #expect(try results.map { try $0.get() } == expected.map { try $0.get() })
        #expect(try piped.records(after: 0) == oneByOne.records(after: 0))
        #expect(pipelined.head == sequential.head)
        // Snapshots were written on the way, and the state is the journal's.
        #expect(!pipelined.segmentNames.isEmpty)
        let reopened = try Repository(formSet: formSet, store: piped)
        #expect(try json(reopened.engine.state) == json(pipelined.engine.state))
        #expect(try json(pipelined.engine.state) == json(sequential.engine.state))
    }

    @Test("a refused request is reported as run reports it, and the requests after it go on")
    func refusalInTheMiddle() throws {
        let formSet = try #require(visitReport)
        var requests = pipelineRequests(6)
        // u0 may not approve the report u0 submitted; r3 is still pending when this is decided.
        requests.insert(
            Repository.Request(actor: "u0", commandID: "self-approve") { _ in
                .decide(.init(report: "r3", decision: .approve, opinion: "Mine.", by: "u0", at: at(36)))
            }, at: 6)
        let oneByOne = InMemoryEventStore()
        var sequential = try Repository(formSet: formSet, store: oneByOne)
        let expected = runOneByOne(requests, on: &sequential)
        let piped = InMemoryEventStore()
        var pipelined = try Repository(formSet: formSet, store: piped)
        let results = runPipelined(requests, on: &pipelined)
        #expect(outcome(results[6]) == "refused self-approval")
        #expect(results.map(outcome) == expected.map(outcome))
        #expect(try piped.records(after: 0) == oneByOne.records(after: 0))
    }

    @Test("running the same requests again writes nothing and returns the events first stored")
    func idempotent() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var repository = try Repository(formSet: formSet, store: store)
        let requests = pipelineRequests(10)
        let first = runPipelined(requests, on: &repository)
        let head = try store.head()
        var again = try Repository(formSet: formSet, store: store)
        let second = runPipelined(requests, on: &again)
        #expect(try store.head() == head)
        #expect(try second.map { try $0.get() } == first.map { try $0.get() })
    }

    @Test("a request id used before for another command is refused, by run and by runAll, and nothing is written")
    func reusedRequestID() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var repository = try Repository(formSet: formSet, store: store)
        _ = try repository.run(actor: "u0", commandID: "x") { _ in submission(0, rep: "u0") }.get()
        _ = try repository.run(actor: "u0", commandID: "y") { _ in submission(1, rep: "u0") }.get()
        let head = try store.head()
        let approve = Command.decide(
            .init(report: "r1", decision: .approve, opinion: "Fine.", by: "u1000", at: at(100)))
        guard case .failure(.refused(let refusal)) = repository.run(actor: "u1000", commandID: "x", { _ in approve })
        else {
            Issue.record("run answered a reused request id with the other command's outcome")
            return
        }
        #expect(refusal.code == .requestIDReused)
        #expect(refusal.message.contains("report-submitted r0"))
        let results = runPipelined(
            [
                Repository.Request(actor: "u1000", commandID: "y") { _ in approve },
                Repository.Request(actor: "u0", commandID: "x") { _ in submission(0, rep: "u0") },
            ], on: &repository)
        guard case .failure(.refused(let second)) = results[0] else {
            Issue.record("runAll answered a reused request id with \(results[0])")
            return
        }
        #expect(second.code == .requestIDReused)
        // The same submission under its own id is the same request: its first outcome.
        #expect(try results[1].get().contains { $0.kind == "report-submitted" })
        #expect(try store.head() == head)
    }

    @Test("another writer coming in between: what was decided after it is decided again, and nothing is lost")
    func anotherWriter() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var repository = try Repository(formSet: formSet, store: store)
        var other = try Repository(formSet: formSet, store: store)
        var interrupted = false
        var requests = pipelineRequests(12)
        // Request 9 is the submission of r6, at(60).
        let original = requests[9].build
        requests[9].build = { engine in
            if !interrupted {
                interrupted = true
                // While earlier batches of this writer are still in flight, another writer files report r500 (at the
                // time of the submission being decided: times only move forward).
                guard case .submit(var submit) = submission(500, rep: "u0") else { return original(engine) }
                submit.at = at(60)
                _ = other.run(actor: "u0", commandID: "other-writer") { _ in .submit(submit) }
            }
            return original(engine)
        }
        let results = runPipelined(requests, on: &repository)
        #expect(interrupted)
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } }, "\(results.map(outcome))")
        let records = try store.records(after: 0)
        #expect(records.filter { $0.commandID == "other-writer" }.count == 2)
        // The other writer came in while this one had batches in flight: submit-6 was decided before it, on a head
        // that stopped being the head, and was stored after it.
        let otherAt = try #require(records.firstIndex { $0.commandID == "other-writer" })
        let submit6At = try #require(records.firstIndex { $0.commandID == "submit-6" })
        #expect(otherAt > 0 && otherAt < submit6At)
        #expect(Set(records.map(\.commandID)).count == requests.count + 1)
        #expect(try store.verify().isValid)
        let reopened = try Repository(formSet: formSet, store: store)
        #expect(try json(reopened.engine.state) == json(repository.engine.state))
        #expect(repository.engine.report("r500") != nil)
    }

    @Test("a failed sync fails that request; the requests after it are decided again on what is stored")
    func failedSync() throws {
        let formSet = try #require(visitReport)
        let fileSystem = InMemoryFileSystem()
        let options = JournalStore.Options(fileSystem: fileSystem)
        let (store, _) = try JournalStore.open(at: "/s", create: true, options: options)
        var repository = try Repository(formSet: formSet, store: store)
        var requests = pipelineRequests(12)
        let original = requests[8].build
        var injected = false
        requests[8].build = { engine in
            // Once: a request is built again when it is decided again.
            if !injected { fileSystem.inject(.init(.syncData, pathSuffix: "journal.jsonl")) }
            injected = true
            return original(engine)
        }
        let results = runPipelined(requests, on: &repository)
        let failed = results.indices.filter { if case .failure = results[$0] { true } else { false } }
        // The sync fails for one batch in flight when request 8 is built (the queue may be one or two behind).
        let io = try #require(failed.first, "\(results.map(outcome))")
        #expect(io <= 8 && outcome(results[io]) == "store io", "\(results.map(outcome))")
        // What depended on it is decided again without it: the approval of a submission that failed finds no
        // report. Everything else is stored.
        let dependent = failed.dropFirst()
        #expect(dependent.count <= 1, "\(results.map(outcome))")
        for index in dependent {
            #expect(outcome(results[index]) == "refused unknown-report")
            #expect(requests[io].commandID.hasPrefix("submit-"))
            #expect(
                requests[index].commandID == requests[io].commandID.replacingOccurrences(of: "submit", with: "approve"))
        }
        let stored = Set(try store.records(after: 0).map(\.commandID))
        for (index, request) in requests.enumerated() {
            #expect(stored.contains(request.commandID) == !failed.contains(index), "\(request.commandID)")
        }
        let (reopened, _) = try JournalStore.open(at: "/s", create: false, options: options)
        #expect(try reopened.verify().isValid)
        let fresh = try Repository(formSet: formSet, store: reopened)
        #expect(try json(fresh.engine.state) == json(repository.engine.state))
    }

    @Test("a damaged snapshot value read while deciding ahead: what is in flight is stored, the state rebuilt")
    func damagedSegment() throws {
        let formSet = try #require(visitReport)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fw-pipe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let (store, _) = try JournalStore.open(at: directory.path, create: true)
            var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 10)
            try drive(&repository, from: 0, count: 30)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasPrefix("seg-") {
            let path = directory.appendingPathComponent(name).path
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            // Flip a byte in the values area: the value's checksum no longer matches.
            bytes[bytes.count - 20] ^= 0x5a
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let (store, _) = try JournalStore.open(at: directory.path, create: false)
        var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 1000)
        // New reports first (in flight when the damage is met), then approvals of reports only the snapshot holds.
        var requests = pipelineRequests(4, from: 100)
        for index in [1, 3, 5, 7, 9, 11] {
            requests.append(
                Repository.Request(actor: "u1000", commandID: "late-approve-\(index)") { _ in
                    .decide(
                        .init(
                            report: ReportID("r\(index)"), decision: .approve, opinion: "Fine.", by: "u1000",
                            at: at(2000 + index)))
                })
        }
        let results = runPipelined(requests, on: &repository)
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } }, "\(results.map(outcome))")
        #expect(results.suffix(6).allSatisfy { (try? $0.get().last?.kind) == "report-approved" })
        #expect(repository.warnings.contains { $0.contains("rebuilt from the journal") })
        let replayed = Engine.replaying(
            try store.records(after: 0).map { try JSONDecoder().decode(Event.self, from: Data($0.body)) },
            formSet: formSet)
        #expect(try json(repository.engine.state) == json(replayed.state))
    }
}
