import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import FormworkPersistence
import FormworkStore
import Foundation
import Synchronization

// Benchmarks on the workload of ../shared/bench/WORKLOAD.md. Usage:
//   formwork-bench fsync DIR [N]          the disk's limit: append 300 B + fdatasync, N times
//   formwork-bench s1 DIR [N]             durable submits through engine + journal, one fdatasync each
//   formwork-bench s1p DIR [N] [SNAP] [DEPTH]  S1 through Repository.runAll: the next submit decided while one syncs
//   formwork-bench s1-paired DIR [R] [N]  R rounds of: the limit, S1, S1 pipelined; medians of the ratios
//   formwork-bench append DIR N BYTES     the store's commit of one BYTES record beside a raw append of BYTES
//   formwork-bench s3 [N]                 the approval flow in memory (fill+validate, supervisor, director)
//   formwork-bench seed STORE N           a store with N approved-or-pending reports, for the CLI figures
//                                         (FORMWORK_BENCH_CUSTOMERS=K: over K customers, not 9,973)
// FORMWORK_BENCH_SLOWEST=K makes s1p list its K slowest requests on stderr.
// FORMWORK_BENCH_PADDING=0 writes every store without journal padding (format 1), FORMWORK_BENCH_CHECKPOINT=N
// checkpoints the index every N records: figures to compare with the defaults'.
// Each prints one JSON line per figure: {"id": ..., "figure": ..., "unit": ...}.

let arguments = CommandLine.arguments
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func emit(_ id: String, _ figure: Double, _ unit: String, _ extra: String = "") {
    print("{\"id\": \"formwork.\(id)\", \"figure\": \(String(format: "%.3f", figure)), \"unit\": \"\(unit)\"\(extra)}")
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("formwork-bench: \(message)\n".utf8))
    exit(1)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// The options of the stores the benchmarks write: the defaults, but for `FORMWORK_BENCH_PADDING=0` (the journal
/// without padding, format 1) and `FORMWORK_BENCH_CHECKPOINT=N` (the index's checkpoint every N records), for
/// figures beside the default ones from the same sitting.
let storeOptions: JournalStore.Options = {
    let environment = ProcessInfo.processInfo.environment
    var options = JournalStore.Options()
    if let padding = environment["FORMWORK_BENCH_PADDING"].flatMap(Int64.init) { options.journalPadding = padding }
    if let records = environment["FORMWORK_BENCH_CHECKPOINT"].flatMap(Int.init) {
        options.indexCheckpointRecords = records
    }
    return options
}()

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

// MARK: - The workload

let stages = ["lead", "qualified", "proposal", "negotiation", "closed_won", "closed_lost"]
let currencies = ["CNY", "USD", "EUR"]
let visitTypes = ["onsite", "phone", "video"]
let products = ["P-100", "P-200", "P-300", "P-400", "P-500", "P-600", "P-700", "P-800"]

func amount(_ i: Int) -> Int { (i * 7919) % 1_000_000 }

/// `form_data(i)` of gen_data.py, as the answers a JSON file would give (made in one dictionary of the size it
/// ends at, as the peer's `form_data` makes one dict).
func formData(_ i: Int) -> GivenAnswers {
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    // In the form's order, as a front end gives them; each field once.
    var d = GivenAnswers()
    d.reserveCapacity(12)
    func set(_ field: String, _ value: JSONValue) { d.append(uniqueField: field, .json(value)) }
    set("report_id", .string("R-" + String(repeating: "0", count: 6 - String(i).count) + String(i)))
    set("rep_id", .string("u\(i % 500)"))
    set("customer", .string("Customer \(i % customerCount) Holdings Ltd."))
    set("visit_date", .string("2025-\(two(1 + i % 12))-\(two(1 + i % 28))"))
    set("stage", .string(stages[i % 6]))
    set("amount", .number(Decimal(amount(i))))
    set("currency", .string(currencies[i % 3]))
    set("products", .array((0...(i % 3)).map { .string(products[$0 % 8]) }))
    set("visit_type", .string(visitTypes[i % 3]))
    if i % 4 != 0 {
        // (i mod 26) / 100, written as significand and exponent (a Decimal division costs more than a submit's routing).
        set("discount_rate", .number(Decimal(sign: .plus, exponent: -2, significand: Decimal(i % 26))))
        if i % 26 > 10 {
            set("discount_reason", .string("Strategic account, multi-year commitment expected."))
        }
    }
    if amount(i) > 500_000 {
        set("justification", .string("Large order; director sign-off required by policy."))
    }
    return d
}

/// The visit-report example with the benchmark's whole org: reps u0…u499, supervisors u1000…u1049, d1.
func benchFormSet(in path: String? = nil) -> FormSet {
    let folder =
        path.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("formwork-bench-set-\(getpid())")
    try? FileManager.default.removeItem(at: folder)
    let example = repository.appendingPathComponent("examples/visit-report")
    do {
        try FileManager.default.copyItem(at: example, to: folder)
        var org = """
            org: bench
            roles: [{id: rep}, {id: supervisor}, {id: director}]
            people:
              - {id: d1, name: Director, roles: [director]}

            """
        for s in 1000..<1050 { org += "  - {id: u\(s), name: Supervisor \(s), roles: [supervisor], manager: d1}\n" }
        for r in 0..<500 { org += "  - {id: u\(r), name: Rep \(r), roles: [rep], manager: u\(1000 + r % 50)}\n" }
        try org.write(to: folder.appendingPathComponent("org.yaml"), atomically: true, encoding: .utf8)
    } catch {
        fail("cannot prepare the form set: \(error)")
    }
    let result = FormSetLoader().load(folder.path)
    guard let set = result.formSet, !result.diagnostics.contains(where: { $0.severity == .error }) else {
        fail("the benchmark form set has errors: \(result.diagnostics.map(\.message))")
    }
    return set
}

let start = Timestamp(secondsSinceEpoch: 1_767_603_600)  // 2026-01-05T09:00:00Z, a Monday
func time(_ step: Int) -> Timestamp { start.adding(seconds: Int64(step)) ?? start }

struct Counts: Equatable, CustomStringConvertible {
    var approved = 0, rejected = 0, escalated = 0, userSteps = 0
    var description: String {
        "\(approved) approved / \(rejected) rejected / \(escalated) escalated / \(userSteps) user steps"
    }
}

/// Runs instance i through the engine: fill, supervisor, maybe director. `persist` sees each step's events.
/// How many customers the workload's reports are spread over (instance i is for customer i mod this): the
/// workload's 9,973, or `FORMWORK_BENCH_CUSTOMERS` to seed a store whose few customers hold many reports each.
let customerCount =
    ProcessInfo.processInfo.environment["FORMWORK_BENCH_CUSTOMERS"].flatMap(Int.init).map {
        max(1, $0)
    } ?? 9973

func flow(_ i: Int, engine: inout Engine, clock: inout Int, counts: inout Counts, persist: ([Event]) -> Void) {
    func run(_ command: Command) -> [Event] {
        switch engine.execute(command) {
        case .success(let events):
            persist(events)
            return events
        case .failure(let refusal): fail("instance \(i): \(refusal)")
        }
    }
    let report = ReportID("R-\(i)")
    clock += 1
    _ = run(
        .submit(
            .init(
                report: report, form: "visit_report", customer: CustomerID("c\(i % customerCount)"),
                answers: formData(i),
                by: PersonID("u\(i % 500)"), at: time(clock))))
    counts.userSteps += 1
    let supervisorRejects = i % 10 == 0
    clock += 1
    _ = run(
        .decide(
            .init(
                report: report, decision: supervisorRejects ? .reject : .approve,
                opinion: (supervisorRejects ? "sup no " : "sup ok ") + "\(i)", by: PersonID("u\(1000 + i % 50)"),
                at: time(clock))))
    counts.userSteps += 1
    if !supervisorRejects && amount(i) > 500_000 {
        counts.escalated += 1
        let directorRejects = i % 20 == 7
        clock += 1
        _ = run(
            .decide(
                .init(
                    report: report, decision: directorRejects ? .reject : .approve,
                    opinion: "dir \(directorRejects ? "reject" : "approve") \(i)", by: "d1", at: time(clock))))
        counts.userSteps += 1
    }
    switch engine.report(report)?.status {
    case .approved?: counts.approved += 1
    case .rejected?: counts.rejected += 1
    default: fail("instance \(i) ended \(String(describing: engine.report(report)?.status))")
    }
}

func expectedCounts(_ n: Int) -> Counts {
    var c = Counts()
    for i in 0..<n {
        if i % 10 == 0 {
            c.rejected += 1
            c.userSteps += 2
        } else if amount(i) > 500_000 {
            c.escalated += 1
            c.userSteps += 3
            if i % 20 == 7 { c.rejected += 1 } else { c.approved += 1 }
        } else {
            c.approved += 1
            c.userSteps += 2
        }
    }
    return c
}

/// The events as journal records, encoded as the CLI encodes them (`Event.journalJSON`).
func drafts(_ events: [Event]) -> [RecordDraft] {
    events.map { event in
        RecordDraft(kind: event.kind, actor: "bench", time: event.at.description, body: event.journalJSON)
    }
}

// MARK: - Scenarios

/// A fresh file in `directory` opened for appending, as the disk probes of the peers open theirs.
func scratchFile(_ directory: String, _ name: String) -> (Int32, String) {
    let path = directory + "/\(name)-\(getpid()).bin"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o644)
    guard fd >= 0 else { fail("cannot open \(path)") }
    return (fd, path)
}

/// A rate and its latency percentiles, in seconds.
struct Throughput {
    var perSecond: Double
    var p50: Double
    var p99: Double
}

@discardableResult
func fsyncLimit(_ directory: String, _ n: Int, emitting: Bool = true) -> Throughput {
    let (fd, path) = scratchFile(directory, "fsync")
    defer {
        close(fd)
        unlink(path)
    }
    let record = [UInt8](repeating: UInt8(ascii: "x"), count: 299) + [10]
    var latencies: [Double] = []
    let begin = now()
    for _ in 0..<n {
        let t = now()
        _ = record.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard fdatasync(fd) == 0 else { fail("fdatasync failed") }
        latencies.append(now() - t)
    }
    let total = now() - begin
    latencies.sort()
    let result = Throughput(
        perSecond: Double(n) / total, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99))
    if emitting {
        emit("fsync.fdatasync.appends_per_s", result.perSecond, "appends/s")
        emit("fsync.fdatasync.p99_us", result.p99 * 1e6, "us")
    }
    return result
}

/// The store's own cost per durable batch: `n` one-record batches whose lines are about `bytes` long, committed
/// one at a time, beside `n` raw appends of `bytes` with one fdatasync each, in the same folder.
func storeAppend(_ directory: String, _ n: Int, _ bytes: Int) {
    let folder = directory + "/formwork-append-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store: JournalStore
    do {
        (store, _) = try JournalStore.open(at: folder, create: true, options: storeOptions)
    } catch {
        fail("cannot open the store: \(error)")
    }
    let body =
        Array(#"{"text":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: max(0, bytes - 300)) + [0x22, 0x7d]
    let (fd, path) = scratchFile(directory, "formwork-raw")
    defer {
        close(fd)
        unlink(path)
    }
    let raw = [UInt8](repeating: UInt8(ascii: "x"), count: bytes - 1) + [10]
    var storeSeconds = 0.0
    var rawSeconds = 0.0
    for i in 0..<n {
        var t = now()
        do {
            let batch = try PreparedBatch(
                [RecordDraft(kind: "k", actor: "bench", time: "2026-01-05T09:00:00Z", body: body)], commandID: "a-\(i)",
                after: store.head())
            t = now()
            _ = try store.commit(batch)
        } catch {
            fail("append \(i): \(error)")
        }
        storeSeconds += now() - t
        t = now()
        _ = raw.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard fdatasync(fd) == 0 else { fail("fdatasync failed") }
        rawSeconds += now() - t
    }
    emit("append.store_commit_us", storeSeconds / Double(n) * 1e6, "us", ", \"bytes\": \(bytes)")
    emit("append.raw_fdatasync_us", rawSeconds / Double(n) * 1e6, "us", ", \"bytes\": \(bytes)")
}

@discardableResult
func s1(_ directory: String, _ n: Int, emitting: Bool = true) -> Throughput {
    let folder = directory + "/formwork-s1-\(getpid())"
    let set = benchFormSet()
    let store: JournalStore
    do {
        (store, _) = try JournalStore.open(at: folder, create: true, options: storeOptions)
    } catch {
        fail("cannot open the store: \(error)")
    }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var engine = Engine(formSet: set)
    var latencies: [Double] = []
    let begin = now()
    for i in 0..<n {
        let t = now()
        let command = Command.submit(
            .init(
                report: ReportID("R-\(i)"), form: "visit_report", customer: CustomerID("c\(i % customerCount)"),
                answers: formData(i), by: PersonID("u\(i % 500)"), at: time(i + 1)))
        switch engine.handle(command) {
        case .success(let events):
            do {
                _ = try store.append(drafts(events), commandID: "s1-\(i)")
            } catch {
                fail("append \(i): \(error)")
            }
            engine.apply(contentsOf: events)
        case .failure(let refusal): fail("submit \(i): \(refusal)")
        }
        latencies.append(now() - t)
    }
    let total = now() - begin
    // Freeing every report the engine holds is the process's teardown, not a submit's work: keep it out of the time.
    withExtendedLifetime(engine) {}
    latencies.sort()
    let result = Throughput(
        perSecond: Double(n) / total, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99))
    if emitting {
        emit("S1.submits_per_s", result.perSecond, "submits/s", ", \"n\": \(n)")
        emit("S1.p50_us", result.p50 * 1e6, "us")
        emit("S1.p99_us", result.p99 * 1e6, "us")
        emit("S1.p90_us", percentile(latencies, 0.9) * 1e6, "us")
        emit("S1.p95_us", percentile(latencies, 0.95) * 1e6, "us")
        emit("S1.p98_us", percentile(latencies, 0.98) * 1e6, "us")
    }
    return result
}

/// A store that hands every call to `base`: the benchmarks' wrappers change only what they measure or hide.
class ForwardingStore: EventStore, @unchecked Sendable {
    let base: any EventStore

    init(_ base: any EventStore) { self.base = base }

    func commit(_ batch: PreparedBatch) throws(StoreError) -> [StoredRecord] { try base.commit(batch) }
    func commit(contentsOf batches: [PreparedBatch], settle: (Int, Result<[StoredRecord], StoreError>) -> Void) {
        base.commit(contentsOf: batches, settle: settle)
    }
    func append(
        _ drafts: [RecordDraft], commandID: String, expecting: StoreHead?
    ) throws(StoreError)
        -> [StoredRecord]
    { try base.append(drafts, commandID: commandID, expecting: expecting) }
    func committedBatch(_ commandID: String) throws(StoreError) -> [StoredRecord]? {
        try base.committedBatch(commandID)
    }
    func records(after seq: UInt64) throws(StoreError) -> [StoredRecord] { try base.records(after: seq) }
    func records(after seq: UInt64, limit: Int) throws(StoreError) -> [StoredRecord] {
        try base.records(after: seq, limit: limit)
    }
    func head() throws(StoreError) -> StoreHead { try base.head() }
    func latestSnapshot() throws(StoreError) -> Snapshot? { try base.latestSnapshot() }
    func writeSnapshot(_ snapshot: Snapshot, segments: [SegmentFile]) throws(StoreError) {
        try base.writeSnapshot(snapshot, segments: segments)
    }
    func writeSnapshot(_ snapshot: Snapshot, merging merge: SegmentMerge) throws(StoreError) -> Snapshot {
        try base.writeSnapshot(snapshot, merging: merge)
    }
    func compact() throws(StoreError) -> Compaction { try base.compact() }
    func segment(named name: String) throws(StoreError) -> Segment { try base.segment(named: name) }
    func verify() throws(StoreError) -> VerifyReport { try base.verify() }
}

/// A store that times the commits (the work on the commit queue's thread). `spent` sums whole calls: lock, look,
/// write, fdatasync, and what follows the acknowledgements (the index's checkpoint), then unlock. `moments` keeps, by
/// command id, when each batch was taken up (the call's start, or the batch before it settling) and when it was
/// durable, to say where a slow request's time went.
final class TimedStore: ForwardingStore, @unchecked Sendable {
    let spent = Mutex<(count: Int, seconds: Double)>((0, 0))
    /// By command id: when the queue's thread took the batch up, and when it was durable.
    let moments = Mutex<[String: (taken: Double, durable: Double)]>([:])

    override func commit(_ batch: PreparedBatch) throws(StoreError) -> [StoredRecord] {
        let start = now()
        defer {
            let end = now()
            spent.withLock { $0 = ($0.count + 1, $0.seconds + end - start) }
            moments.withLock { $0[batch.commandID] = (start, end) }
        }
        return try base.commit(batch)
    }
    override func commit(
        contentsOf batches: [PreparedBatch], settle: (Int, Result<[StoredRecord], StoreError>) -> Void
    ) {
        let start = now()
        var taken = start
        defer { spent.withLock { $0 = ($0.count + batches.count, $0.seconds + now() - start) } }
        base.commit(contentsOf: batches) { index, result in
            let end = now()
            moments.withLock { $0[batches[index].commandID] = (taken, end) }
            taken = end
            settle(index, result)
        }
    }
}

/// S1 through the library's pipelined API (`Repository.runAll`): each submit is still its own batch with its own
/// write and fdatasync, acknowledged only once durable, but the next submit is decided and encoded while the
/// previous one syncs. Latency is from the moment a submit is built to its acknowledgement.
@discardableResult
func s1Pipelined(
    _ directory: String, _ n: Int, snapshotInterval: UInt64, depth: Int, emitting: Bool = true
) -> Throughput {
    let folder = directory + "/formwork-s1p-\(getpid())"
    let set = benchFormSet()
    var repository: Repository
    let timed: TimedStore
    do {
        let (store, _) = try JournalStore.open(at: folder, create: true, options: storeOptions)
        timed = TimedStore(store)
        repository = try Repository(formSet: set, store: timed, snapshotInterval: snapshotInterval)
    } catch {
        fail("cannot open the store: \(error)")
    }
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var built = [Double](repeating: 0, count: n)
    var latencies: [Double] = []
    latencies.reserveCapacity(n)
    let requests = (0..<n).map { i in
        Repository.Request(actor: PersonID("u\(i % 500)"), commandID: "s1-\(i)") { _ in
            if built[i] == 0 { built[i] = now() }
            return Command.submit(
                .init(
                    report: ReportID("R-\(i)"), form: "visit_report", customer: CustomerID("c\(i % customerCount)"),
                    answers: formData(i), by: PersonID("u\(i % 500)"), at: time(i + 1)))
        }
    }
    var reported = [Double](repeating: 0, count: n)
    let begin = now()
    repository.runAll(requests, depth: depth) { i, result in
        guard case .success = result else { fail("submit \(i): \(result)") }
        reported[i] = now()
        latencies.append(reported[i] - built[i])
    }
    let total = now() - begin
    guard latencies.count == n, (try? repository.store.head().seq) == repository.head.seq else {
        fail("the store does not hold what was acknowledged")
    }
    latencies.sort()
    let result = Throughput(
        perSecond: Double(n) / total, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99))
    guard emitting else { return result }
    emit(
        "S1.pipelined.submits_per_s", result.perSecond, "submits/s",
        ", \"n\": \(n), \"depth\": \(depth), \"snapshot_interval\": \(snapshotInterval), "
            + "\"records\": \(repository.head.seq)")
    emit("S1.pipelined.p50_us", result.p50 * 1e6, "us")
    emit("S1.pipelined.p99_us", result.p99 * 1e6, "us")
    emit("S1.pipelined.p90_us", percentile(latencies, 0.9) * 1e6, "us")
    emit("S1.pipelined.p95_us", percentile(latencies, 0.95) * 1e6, "us")
    emit("S1.pipelined.p98_us", percentile(latencies, 0.98) * 1e6, "us")
    let spent = timed.spent.withLock { $0 }
    emit(
        "S1.pipelined.commit_us", spent.seconds / Double(max(1, spent.count)) * 1e6, "us",
        ", \"commits\": \(spent.count)")
    // Where the slowest 1% of the requests spent their time: before the queue's thread took their batch up (being
    // decided, then waiting for the batch ahead), in their own commit, and after it was durable until reported (the
    // next request being decided).
    struct Parts { var request: Int, total, before, commit, after: Double }
    let moments = timed.moments.withLock { $0 }
    let parts = (0..<n).compactMap { i -> Parts? in
        guard let m = moments["s1-\(i)"] else { return nil }
        return Parts(
            request: i, total: reported[i] - built[i], before: m.taken - built[i], commit: m.durable - m.taken,
            after: reported[i] - m.durable)
    }.sorted { $0.total > $1.total }
    let slowest = parts.prefix(max(1, n / 100))
    // FORMWORK_BENCH_SLOWEST=K: the K slowest requests in the order they came, on stderr, to see which ones pause (a
    // journal growth, an index checkpoint, a snapshot) and where.
    if let count = ProcessInfo.processInfo.environment["FORMWORK_BENCH_SLOWEST"].flatMap(Int.init), count > 0 {
        for part in parts.prefix(count).sorted(by: { $0.request < $1.request }) {
            let line = String(
                format:
                    "{\"slow\": %d, \"total_us\": %.0f, \"before_us\": %.0f, \"commit_us\": %.0f, \"after_us\": %.0f}\n",
                part.request, part.total * 1e6, part.before * 1e6, part.commit * 1e6, part.after * 1e6)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
    func mean(_ part: KeyPath<Parts, Double>) -> Double {
        slowest.map { $0[keyPath: part] }.reduce(0, +) / Double(slowest.count) * 1e6
    }
    emit("S1.pipelined.slowest_1pct.before_commit_us", mean(\.before), "us")
    emit("S1.pipelined.slowest_1pct.commit_us", mean(\.commit), "us")
    emit("S1.pipelined.slowest_1pct.after_durable_us", mean(\.after), "us")
    let commits = parts.map(\.commit).sorted()
    emit("S1.pipelined.commit_p50_us", percentile(commits, 0.5) * 1e6, "us")
    emit("S1.pipelined.commit_p99_us", percentile(commits, 0.99) * 1e6, "us")
    return result
}

/// S1 against the disk's limit in alternating rounds: the disk of a virtual machine changes its speed from
/// one minute to the next, so each round measures the limit, then S1 one submit after the other, then S1
/// pipelined, and the figures are the medians of each round's ratios.
func s1Paired(_ directory: String, rounds: Int, _ n: Int) {
    var sequential: [Double] = []
    var pipelined: [Double] = []
    var limits: [Double] = []
    var p99: [Double] = []
    var sequentialP99: [Double] = []
    for round in 1...max(1, rounds) {
        let limit = fsyncLimit(directory, n, emitting: false)
        let one = s1(directory, n, emitting: false)
        let piped = s1Pipelined(directory, n, snapshotInterval: 1_000_000, depth: 2, emitting: false)
        limits.append(limit.perSecond)
        sequential.append(one.perSecond / limit.perSecond)
        pipelined.append(piped.perSecond / limit.perSecond)
        p99.append(piped.p99 / limit.p99)
        sequentialP99.append(one.p99 / limit.p99)
        let line = String(
            format:
                "round %d: limit %.0f/s (p99 %.0f us), S1 %.0f/s (p99 %.0f us), pipelined %.0f/s (p50 %.0f, p99 %.0f us)\n",
            round, limit.perSecond, limit.p99 * 1e6, one.perSecond, one.p99 * 1e6, piped.perSecond, piped.p50 * 1e6,
            piped.p99 * 1e6)
        FileHandle.standardError.write(Data(line.utf8))
    }
    func median(_ values: [Double]) -> Double { percentile(values.sorted(), 0.5) }
    emit("S1.paired.limit_per_s", median(limits), "appends/s", ", \"rounds\": \(rounds), \"n\": \(n)")
    emit("S1.paired.sequential_of_limit", median(sequential), "ratio")
    emit("S1.paired.sequential_p99_of_limit_p99", median(sequentialP99), "ratio")
    emit("S1.paired.pipelined_of_limit", median(pipelined), "ratio")
    emit("S1.paired.pipelined_p99_of_limit_p99", median(p99), "ratio")
}

func s3(_ n: Int, store: Bool) {
    let set = benchFormSet()
    var engine = Engine(formSet: set)
    let memory = InMemoryEventStore()
    var counts = Counts()
    var clock = 0
    var batch = 0
    let begin = now()
    for i in 0..<n {
        flow(i, engine: &engine, clock: &clock, counts: &counts) { events in
            guard store else { return }
            batch += 1
            _ = try? memory.append(drafts(events), commandID: "s3-\(batch)")
        }
    }
    let total = now() - begin
    // The engine holds all n reports, as a store does; freeing them at the end is teardown, not the flow (left to
    // itself, Swift frees them before the `now()` above: 12% of the figure). Spiff frees each instance as it goes,
    // so the time of freeing them is measured and printed beside the figure.
    let freeing = now()
    engine = Engine(formSet: set)
    let teardown = now() - freeing
    let expected = expectedCounts(n)
    guard counts == expected else { fail("counts \(counts) differ from the workload's \(expected)") }
    let name = store ? "S3.with_journal_in_memory" : "S3"
    emit("\(name).instances_per_s", Double(n) / total, "instances/s", ", \"counts\": \"\(counts)\"")
    emit("\(name).user_steps_per_s", Double(counts.userSteps) / total, "user steps/s")
    emit("\(name).with_teardown_instances_per_s", Double(n) / (total + teardown), "instances/s")
}

/// The store with its snapshot hidden: a repository opened on it replays the whole journal (and writes
/// snapshots to the store underneath, as a rebuild does).
final class SnapshotHidingStore: ForwardingStore, @unchecked Sendable {
    override func latestSnapshot() throws(StoreError) -> Snapshot? { nil }
}

/// S5b on a seeded store: the state rebuilt from the whole journal, as after a snapshot that cannot be
/// used, with the process's peak memory.
func rebuild(_ folder: String) {
    let set = benchFormSet(in: folder + ".config")
    do {
        let (store, _) = try JournalStore.open(at: folder, create: false)
        let begin = now()
        let repository = try Repository(formSet: set, store: SnapshotHidingStore(store))
        let elapsed = now() - begin
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        emit("S5b.rebuild_s", elapsed, "s", ", \"records\": \(repository.head.seq)")
        emit(
            "S5b.peak_rss_mb", Double(usage.ru_maxrss) / 1024, "MB", ", \"segments\": \(repository.segmentNames.count)")
    } catch {
        fail("rebuild: \(error)")
    }
}

/// A store of `n` instances of the flow for the one-process-per-command figures; the form set goes
/// to `FOLDER.config`. Then the state is rebuilt from the journal and snapshotted, as a first
/// `formwork` command on an unsnapshotted store would: the rebuild's time is S5b's figure.
func seed(_ folder: String, _ n: Int) {
    let set = benchFormSet(in: folder + ".config")
    let store: JournalStore
    do {
        (store, _) = try JournalStore.open(at: folder, create: true, options: storeOptions)
    } catch {
        fail("cannot open the store: \(error)")
    }
    var engine = Engine(formSet: set)
    var counts = Counts()
    var clock = 0
    var pending: [RecordDraft] = []
    var batch = 0
    for i in 0..<n {
        flow(i, engine: &engine, clock: &clock, counts: &counts) { events in pending += drafts(events) }
        if pending.count >= 512 || i == n - 1 {
            batch += 1
            do {
                _ = try store.append(pending, commandID: "seed-\(batch)")
            } catch {
                fail("append: \(error)")
            }
            pending = []
        }
    }
    guard counts == expectedCounts(n) || n % 10_000 != 0 else { fail("counts \(counts) differ from the workload's") }
    do {
        let begin = now()
        var repository = try Repository(formSet: set, store: store)
        let replayed = now() - begin
        try repository.writeSnapshot()
        let snapshotted = now() - begin - replayed
        emit("seed.records", Double(repository.head.seq), "records", ", \"config\": \"\(folder).config\"")
        emit("S5b.rebuild_s", replayed, "s", ", \"records\": \(repository.head.seq)")
        emit("seed.snapshot_s", snapshotted, "s", ", \"segments\": \(repository.segmentNames.count)")
    } catch {
        fail("snapshot: \(error)")
    }
}

switch arguments.dropFirst().first {
case "fsync"?:
    fsyncLimit(
        arguments.count > 2 ? arguments[2] : NSTemporaryDirectory(),
        arguments.count > 3 ? Int(arguments[3]) ?? 2000 : 2000)
case "s1"?:
    s1(
        arguments.count > 2 ? arguments[2] : NSTemporaryDirectory(),
        arguments.count > 3 ? Int(arguments[3]) ?? 2000 : 2000)
case "append"?:
    guard arguments.count > 4, let n = Int(arguments[3]), let bytes = Int(arguments[4]), bytes >= 300 else {
        fail("usage: formwork-bench append DIR N BYTES (BYTES >= 300)")
    }
    storeAppend(arguments[2], n, bytes)
case "s1p"?:
    s1Pipelined(
        arguments.count > 2 ? arguments[2] : NSTemporaryDirectory(),
        arguments.count > 3 ? Int(arguments[3]) ?? 2000 : 2000,
        snapshotInterval: arguments.count > 4 ? UInt64(arguments[4]) ?? 4096 : 4096,
        depth: arguments.count > 5 ? Int(arguments[5]) ?? 2 : 2)
case "s1-paired"?:
    s1Paired(
        arguments.count > 2 ? arguments[2] : NSTemporaryDirectory(),
        rounds: arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5,
        arguments.count > 4 ? Int(arguments[4]) ?? 2000 : 2000)
case "s3"?:
    let n = arguments.count > 2 ? Int(arguments[2]) ?? 10_000 : 10_000
    let only = arguments.count > 3 ? arguments[3] : ""
    guard ["", "memory", "journal"].contains(only) else { fail("usage: formwork-bench s3 [N] [memory|journal]") }
    if only != "journal" { s3(n, store: false) }
    if only != "memory" { s3(n, store: true) }
case "rebuild"?:
    guard arguments.count > 2 else {
        fail("usage: formwork-bench rebuild STORE (seeded; its form set at STORE.config)")
    }
    rebuild(arguments[2])
case "seed"?:
    guard arguments.count > 3, let n = Int(arguments[3]) else { fail("usage: formwork-bench seed STORE N") }
    seed(arguments[2], n)
default:
    fail("usage: formwork-bench fsync|s1|s1p|s1-paired|append|s3|seed|rebuild …")
}
