import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkPersistence
import FormworkStore
import Foundation
import Synchronization
import Testing

/// The visit-report example: its form, org and policy.
let visitReport: FormSet? = FormSetLoader().load(
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/visit-report").path
).formSet

func at(_ seconds: Int) -> Timestamp { Timestamp(secondsSinceEpoch: 1_772_409_600 + Int64(seconds)) }

/// A visit report by `rep` about customer `index % 7`.
func submission(_ index: Int, rep: PersonID) -> Command {
    let answers: GivenAnswers = [
        "report_id": .text("R-\(String(100_000 + index).suffix(6))"), "rep_id": .text(rep.rawValue),
        "customer": .text("Customer \(index % 7)"), "visit_date": .text("2026-03-02"), "stage": .text("proposal"),
        "amount": .text("\(1000 + index)"), "currency": .text("CNY"), "products": .text("P-1, P-2"),
        "visit_type": .text("video"),
    ]
    return .submit(
        .init(
            report: ReportID("r\(index)"), form: "visit_report", customer: CustomerID("c\(index % 7)"),
            answers: answers, by: rep, at: at(index * 10)))
}

/// The whole state as JSON (every entity, read through the source when there is one).
func json(_ state: EngineState) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(state)
}

/// Files `count` reports and approves every other one through `repository`.
func drive(_ repository: inout Repository, from start: Int, count: Int) throws {
    for index in start..<(start + count) {
        let result = repository.run(actor: "u0", commandID: "submit-\(index)") { _ in submission(index, rep: "u0") }
        _ = try result.get()
        if index % 2 == 0 {
            let decided = repository.run(actor: "u1000", commandID: "approve-\(index)") { _ in
                .decide(
                    .init(
                        report: ReportID("r\(index)"), decision: .approve, opinion: "Seen.", by: "u1000",
                        at: at(index * 10 + 5)))
            }
            _ = try decided.get()
        }
    }
}

/// A store holding four reports (two approved) and a snapshot of them: the form set, the store, the repository
/// that wrote it, the head and that snapshot.
func snapshotted() throws -> (FormSet, InMemoryEventStore, Repository, StoreHead, Snapshot) {
    let formSet = try #require(visitReport)
    let store = InMemoryEventStore()
    var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 1000)
    try drive(&repository, from: 0, count: 4)
    try repository.writeSnapshot()
    let latest = try store.latestSnapshot()
    return (formSet, store, repository, try store.head(), try #require(latest))
}

@Suite struct RepositoryTests {
    @Test("a reopened repository reads the same state from snapshot segments and the journal's tail")
    func reopenMatchesReplay() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 16)
        try drive(&repository, from: 0, count: 60)
        #expect(!repository.segmentNames.isEmpty)
        let reopened = try Repository(formSet: formSet, store: store, snapshotInterval: 16)
        #expect(reopened.warnings.isEmpty)
        #expect(reopened.head == repository.head)
        // Only the tail after the snapshot is held in memory; everything else is read on demand.
        #expect(reopened.engine.state.reports.changed.count < 60)
        let replayed = Engine.replaying(
            try store.records(after: 0).map { try JSONDecoder().decode(Event.self, from: Data($0.body)) },
            formSet: formSet)
        #expect(try json(reopened.engine.state) == json(replayed.state))
        #expect(try json(repository.engine.state) == json(replayed.state))
        #expect(reopened.engine.state.reportCount == 60)
        #expect(reopened.engine.inbox(for: "u1000").map(\.report) == replayed.inbox(for: "u1000").map(\.report))
    }

    @Test("commands on a reopened repository see reports that live only in the snapshot")
    func commandsReadTheSnapshot() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var first = try Repository(formSet: formSet, store: store, snapshotInterval: 8)
        try drive(&first, from: 0, count: 20)
        var second = try Repository(formSet: formSet, store: store, snapshotInterval: 8)
        // r1 was never approved; its record is in a segment, not in memory.
        #expect(second.engine.state.reports.changed["r1"] == nil)
        let approved = second.run(actor: "u1000", commandID: "late-approve") { _ in
            .decide(.init(report: "r1", decision: .approve, opinion: "Fine.", by: "u1000", at: at(1000)))
        }
        #expect(try approved.get().last?.kind == "report-approved")
        // A report number never repeats, whoever holds the count.
        #expect(second.engine.state.reportCount == 20)
        let refused = second.run(actor: "u1000", commandID: "self") { _ in
            .decide(.init(report: "r3", decision: .approve, opinion: "x", by: "u0", at: at(1001)))
        }
        guard case .failure(.refused(let refusal)) = refused else {
            Issue.record("expected a refusal, got \(refused)")
            return
        }
        #expect(refusal.code == .selfApproval)
    }

    @Test("segments are merged as they grow, so a snapshot names few of them")
    func segmentsStayFew() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 4)
        var most = 0
        for round in 0..<40 {
            try drive(&repository, from: round * 5, count: 5)
            most = max(most, repository.segmentNames.count)
        }
        #expect(most <= 10)
        let reopened = try Repository(formSet: formSet, store: store)
        #expect(reopened.engine.state.reports.keys.count == 200)
        #expect(reopened.engine.state.customers.keys.count == 7)
        // Reading everything in one pass gives the same reports as reading each by its id.
        let all = reopened.engine.state.reports.values
        #expect(all.map(\.id) == reopened.engine.state.reports.keys)
        #expect(all == reopened.engine.state.reports.keys.compactMap { reopened.engine.state.reports[$0] })
        #expect(reopened.engine.state.customers.values.count == 7)
    }

    @Test("a snapshot merges older segments only up to its byte limit until the count is reached; compact merges all")
    func mergeLimit() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 2, mergeBytes: 6_000)
        var counts: [Int] = []
        var sizes: [[Int]] = []
        var warned: [Bool] = []
        for round in 0..<40 {
            let before = repository.warnings.count
            try drive(&repository, from: round * 2, count: 2)
            let segments = try repository.segmentNames.map { try store.segment(named: $0) }
            counts.append(segments.count)
            sizes.append(segments.map(\.byteCount))
            warned.append(repository.warnings.dropFirst(before).contains { $0.contains("run 'formwork compact'") })
        }
        // Each snapshot's changes (a few reports and their customers) are more than the limit here: no snapshot
        // merges until the count is reached, and then the one that would pass it merges them all.
        let full = try #require(counts.indices.dropFirst().first { counts[$0] < counts[$0 - 1] })
        #expect(counts.max() == 24 || counts.max() == 23)
        #expect(counts[..<full] == ArraySlice(1...full))
        for segments in sizes[..<full] { #expect(segments.allSatisfy { $0 <= 12_000 }, "\(segments)") }
        // From 20 segments on, the command that wrote the snapshot warns that a compaction is due (the round that
        // merged them all wrote one of 20 or more first).
        for (round, count) in counts.enumerated() where round != full {
            #expect(warned[round] == (count >= 20), "round \(round): \(count) segments")
        }
        #expect(warned[full])
        let replayed = Engine.replaying(
            try store.records(after: 0).map { try JSONDecoder().decode(Event.self, from: Data($0.body)) },
            formSet: formSet)
        let reopened = try Repository(formSet: formSet, store: store)
        #expect(try json(reopened.engine.state) == json(replayed.state))
        // Compacted, the store names one segment and reads the same; commands go on over it.
        let compaction = try store.compact()
        #expect(compaction.merged.count == counts.last)
        var compacted = try Repository(formSet: formSet, store: store, snapshotInterval: 2)
        #expect(compacted.segmentNames.count == 1)
        #expect(try json(compacted.engine.state) == json(replayed.state))
        try drive(&compacted, from: 80, count: 4)
        #expect(compacted.segmentNames.count == 2)
        #expect(try Repository(formSet: formSet, store: store).engine.state.reports.keys.count == 84)
    }

    @Test("a snapshot replaced, and its segments removed, between reading it and opening them: the newer one is used")
    func snapshotReplacedWhileOpening() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var writer = try Repository(formSet: formSet, store: store, snapshotInterval: 4)
        try drive(&writer, from: 0, count: 10)
        let stale = try #require(try store.latestSnapshot())
        // Other commands go on until a segment the stale snapshot names is gone.
        var next = 10
        while stale.segments.allSatisfy({ name in (try? store.segment(named: name)) != nil }) {
            try drive(&writer, from: next, count: 5)
            next += 5
            try #require(next < 200)
        }
        let racing = StaleOnceStore(store, stale: stale)
        let reopened = try Repository(formSet: formSet, store: racing)
        #expect(reopened.warnings.isEmpty, "\(reopened.warnings)")
        let replayed = Engine.replaying(
            try store.records(after: 0).map { try JSONDecoder().decode(Event.self, from: Data($0.body)) },
            formSet: formSet)
        #expect(try json(reopened.engine.state) == json(replayed.state))
        #expect(reopened.segmentNames == (try store.latestSnapshot())?.segments)
    }

    @Test(
        "a repository open while others snapshot and compact writes its snapshot over theirs, not over what it loaded")
    func longOpenRepositoryFollowsNewerSnapshots() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var others = try Repository(formSet: formSet, store: store, snapshotInterval: 4)
        try drive(&others, from: 0, count: 10)
        // Opened now, used again only after the others have written snapshots, compacted, and written more. It merges
        // nothing (`mergeBytes` 0), so its snapshot names whatever it writes over.
        var open = try Repository(formSet: formSet, store: store, snapshotInterval: 1_000, mergeBytes: 0)
        let loaded = open.segmentNames
        try drive(&others, from: 10, count: 10)
        #expect(try store.compact().segment != nil)
        try drive(&others, from: 20, count: 10)
        #expect(loaded.contains { name in (try? store.segment(named: name)) == nil })
        try drive(&open, from: 30, count: 2)
        let theirs = try #require(try store.latestSnapshot()).segments
        try open.writeSnapshot()
        #expect(open.warnings.isEmpty, "\(open.warnings)")
        let latest = try #require(try store.latestSnapshot())
        #expect(latest.seq == open.head.seq)
        // Its new segment over the others' latest snapshot's segments (which stand on the compaction).
        #expect(Array(latest.segments.dropFirst()) == theirs)
        #expect(latest.segments == open.segmentNames)
        let replayed = Engine.replaying(
            try store.records(after: 0).map { try JSONDecoder().decode(Event.self, from: Data($0.body)) },
            formSet: formSet)
        let reopened = try Repository(formSet: formSet, store: store)
        #expect(reopened.warnings.isEmpty)
        #expect(try json(reopened.engine.state) == json(replayed.state))
        #expect(try json(open.engine.state) == json(replayed.state))
    }

    @Test(
        "reading every report and customer a window at a time gives what reading each by its id gives",
        arguments: [1, 700, 1 << 20])
    func windowedBulkRead(windowBytes: Int) throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 4)
        var compared = 0
        for round in 0..<12 {
            try drive(&repository, from: round * 5, count: 5)
            // Only while several segments hold values (newer ones over older ones of the same reports).
            guard repository.segmentNames.count > 1 else { continue }
            compared += 1
            let segments = try repository.segmentNames.map { name throws(StoreError) in
                try store.segment(named: name)
            }
            let source = SegmentSource(segments: segments, windowBytes: windowBytes)
            // In the order the segments hold them (newest segment first, each in file order), whatever the threads
            // that decoded them.
            var seen = Set<String>()
            let order = try segments.flatMap { segment in
                try segment.locate(keyPrefix: "r/").map { String($0.key.dropFirst(2)) }.filter {
                    seen.insert($0).inserted
                }
            }
            #expect(source.allReports(progress: nil).map(\.id.rawValue) == order)
            let ids = source.allReportIDs().sorted()
            let reports = source.allReports(progress: nil).sorted { $0.id < $1.id }
            #expect(reports.map(\.id) == ids)
            #expect(reports == ids.compactMap { source.report($0) })
            let customers = source.allCustomers(progress: nil).sorted { $0.id < $1.id }
            #expect(customers == source.allCustomerIDs().sorted().compactMap { source.customer($0) })
            // Keeping part of each report, as a management report does, on the decoding threads: what is kept of
            // each, and nothing of the others.
            let kept = SegmentSource(segments: segments, windowBytes: windowBytes).allReports(progress: nil) {
                report in
                guard report.status == .approved else { return nil }
                var part = report
                part.history = []
                return part
            }
            #expect(
                kept.sorted { $0.id < $1.id }
                    == reports.filter { $0.status == .approved }.map { report in
                        var part = report
                        part.history = []
                        return part
                    })
            // Half the reports are approved (`drive` approves every other one): some are kept, not all.
            #expect(!kept.isEmpty && kept.count < reports.count)
            #expect(source.faults.isEmpty)
            // Progress ends at the number of reports, and only ever grows.
            let told = Mutex<[Int]>([])
            _ = SegmentSource(segments: segments, windowBytes: windowBytes).allReports { done, total in
                #expect(total == ids.count)
                told.withLock { $0.append(done) }
            }
            let counts = told.withLock { $0 }
            #expect(counts.last == ids.count)
            #expect(counts == counts.sorted())
        }
        #expect(compared > 0)
    }

    @Test("a damaged segment is not trusted: the state is rebuilt from the journal, with a warning")
    func damagedSegmentRebuilds() throws {
        let formSet = try #require(visitReport)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fw-repo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let (store, _) = try JournalStore.open(at: directory.path, create: true)
            var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 10)
            try drive(&repository, from: 0, count: 30)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("seg-") }
        #expect(!names.isEmpty)
        for name in names {
            let path = directory.appendingPathComponent(name).path
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            // Flip a byte in the values area: the value's checksum no longer matches.
            bytes[bytes.count - 20] ^= 0x5a
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let (store, _) = try JournalStore.open(at: directory.path, create: false)
        var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 10)
        // Reading every entity meets the damage.
        _ = repository.engine.state.reports.values
        let result = repository.run(actor: "u1000", commandID: "after-damage") { _ in
            .decide(.init(report: "r1", decision: .approve, opinion: "Fine.", by: "u1000", at: at(1000)))
        }
        #expect(try result.get().last?.kind == "report-approved")
        #expect(repository.warnings.contains { $0.contains("rebuilt from the journal") })
        let replayed = Engine.replaying(
            try store.records(after: 0).map { try JSONDecoder().decode(Event.self, from: Data($0.body)) },
            formSet: formSet)
        #expect(try json(repository.engine.state) == json(replayed.state))
    }

    @Test(
        "segments written before they kept their identity are replaced once: the journal is replayed, the state is the same"
    )
    func segmentsWithoutIdentityAreReplacedOnce() throws {
        let formSet = try #require(visitReport)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fw-repo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let before: EngineState
        do {
            let (store, _) = try JournalStore.open(at: directory.path, create: true)
            var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 10)
            try drive(&repository, from: 0, count: 30)
            before = repository.engine.state
        }
        let old = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("seg-") }
        #expect(!old.isEmpty)
        for name in old {
            // As an earlier version wrote them: bytes 48..<64 zero.
            let url = directory.appendingPathComponent(name)
            var bytes = try [UInt8](Data(contentsOf: url))
            bytes.replaceSubrange(48..<64, with: [UInt8](repeating: 0, count: 16))
            try Data(bytes).write(to: url)
        }
        let (store, _) = try JournalStore.open(at: directory.path, create: false)
        let upgraded = try Repository(formSet: formSet, store: store, snapshotInterval: 10)
        #expect(upgraded.warnings.count == 1)
        #expect(upgraded.warnings.first?.contains("holds no identity") == true, "\(upgraded.warnings)")
        #expect(try json(upgraded.engine.state) == json(before))
        // The segments now carry their identity: the next open reads them without a warning.
        let again = try Repository(formSet: formSet, store: store, snapshotInterval: 10)
        #expect(again.warnings.isEmpty, "\(again.warnings)")
        #expect(try json(again.engine.state) == json(before))
        // (The previous snapshot's segments stay on disk until a later snapshot replaces it.)
        let current = try #require(try store.latestSnapshot())
        #expect(!current.segments.isEmpty)
        for name in current.segments {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            #expect(bytes[48..<64].contains { $0 != 0 }, "\(name)")
        }
    }

    @Test("a snapshot whose globals are damaged is not used: the journal is replayed and a sound one written")
    func damagedGlobals() throws {
        let (formSet, store, repository, head, sound) = try snapshotted()
        var damaged = sound.state
        damaged.removeLast(3)
        try store.writeSnapshot(Snapshot(seq: head.seq, hash: head.hash, state: damaged, segments: sound.segments))
        let reopened = try Repository(formSet: formSet, store: store)
        #expect(reopened.warnings.contains { $0.contains("globals are damaged") })
        #expect(reopened.engine.state == repository.engine.state)
        let again = try Repository(formSet: formSet, store: store)
        #expect(again.warnings.isEmpty)
        #expect(again.engine.state == repository.engine.state)
    }

    @Test("a repository opened with the largest snapshot interval goes on after a snapshot, and never snapshots")
    func largestSnapshotInterval() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var repository = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        try drive(&repository, from: 0, count: 2)
        try repository.writeSnapshot()
        let snapshotSeq = repository.snapshotSeq
        for depth in [0, 2] {
            if depth == 0 {
                try drive(&repository, from: 2, count: 2)
            } else {
                repository.runAll(
                    [.init(actor: "u0", commandID: "piped") { _ in submission(9, rep: "u0") }], depth: depth
                ) {
                    _, result in #expect((try? result.get()) != nil)
                }
            }
        }
        #expect(repository.snapshotSeq == snapshotSeq)
        #expect(repository.head == (try store.head()))
    }

    @Test("opening a store whose snapshot is missing or far behind replays the journal once and keeps it")
    func missingSnapshot() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var writer = try Repository(formSet: formSet, store: store, snapshotInterval: .max)
        try drive(&writer, from: 0, count: 40)
        let head = try store.head()
        #expect(try store.latestSnapshot() == nil)
        // A reader (it runs no command) keeps what it replayed: the next one starts from there.
        let reader = try Repository(formSet: formSet, store: store)
        #expect(reader.snapshotSeq == head.seq)
        #expect(try store.latestSnapshot()?.seq == head.seq)
        let again = try Repository(formSet: formSet, store: store)
        #expect(again.snapshotSeq == head.seq)
        #expect(try json(again.engine.state) == (try json(writer.engine.state)))
        // Fewer records than the interval since the snapshot: nothing is written.
        try drive(&writer, from: 40, count: 2)
        let near = try Repository(formSet: formSet, store: store)
        #expect(near.snapshotSeq == head.seq)
        #expect(near.head == (try store.head()))
    }

    @Test("a snapshot in an older layout is ignored with a warning, the journal replayed once and kept")
    func olderLayout() throws {
        let formSet = try #require(visitReport)
        let store = InMemoryEventStore()
        var repository = try Repository(formSet: formSet, store: store, snapshotInterval: 1000)
        try drive(&repository, from: 0, count: 4)
        let head = try store.head()
        try store.writeSnapshot(Snapshot(seq: head.seq, hash: head.hash, state: Array(#"{"reports":{}}"#.utf8)))
        let reopened = try Repository(formSet: formSet, store: store)
        #expect(reopened.warnings.contains { $0.contains("older layout") })
        #expect(reopened.engine.state.reportCount == 4)
        // The replay was kept in the current layout: the next command opens without replaying.
        let again = try Repository(formSet: formSet, store: store)
        #expect(again.warnings.isEmpty)
        #expect(again.snapshotSeq == head.seq)
        #expect(again.engine.state == reopened.engine.state)
    }
}

/// A store whose first `latestSnapshot()` answers `stale`, as a snapshot read a moment before another process replaced
/// it and removed its segments.
final class StaleOnceStore: ForwardingStore, @unchecked Sendable {
    private let stale = Mutex<Snapshot?>(nil)

    init(_ base: InMemoryEventStore, stale: Snapshot) {
        self.stale.withLock { $0 = stale }
        super.init(base)
    }

    override func latestSnapshot() throws(StoreError) -> Snapshot? {
        if let first = stale.withLock({ value in
            defer { value = nil }; return value
        }) {
            return first
        }
        return try base.latestSnapshot()
    }
}
