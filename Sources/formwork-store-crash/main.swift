// Test helper for FormworkStoreTests' crash and concurrency tests (not shipped).
//
//     formwork-store-crash DIR PREFIX FIRST COUNT [--batch N] [--snapshot-every M] [--index-every R] [--pipelined]
//
// Appends COUNT batches with command ids PREFIX-FIRST, PREFIX-(FIRST+1), … to the store in DIR (created if
// missing) and prints `ack <command id> <records> <first seq>` after each acknowledged batch, flushing stdout, so a
// test that kills the process (FORMWORK_FAILPOINT=name@N) knows exactly what was acknowledged. With
// --snapshot-every M it writes a snapshot of the head after every M batches and prints `snapshot <seq>`. With
// --pipelined the batches go through a `CommitQueue`, up to four ahead, each prepared after the head the one
// before it leaves; after a conflict (another writer came first) the rest are prepared again.

import FormworkStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints a line to standard error and exits with `code`.
func fail(_ message: String, code: Int32) -> Never {
    let bytes = Array("formwork-store-crash: \(message)\n".utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(code)
}

var positional: [String] = []
var batchSize: Int?
var snapshotEvery = 0
var indexEvery = 128
var pipelined = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--batch", "--snapshot-every", "--index-every":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value >= 0 else {
            fail("\(argument) needs a number", code: 64)
        }
        if argument == "--batch" { batchSize = value }
        if argument == "--snapshot-every" { snapshotEvery = value }
        if argument == "--index-every" { indexEvery = value }
    case "--pipelined":
        pipelined = true
    default:
        positional.append(argument)
    }
}
guard positional.count == 4, let first = Int(positional[2]), let count = Int(positional[3]),
    !(pipelined && snapshotEvery > 0)
else {
    fail(
        "usage: formwork-store-crash DIR PREFIX FIRST COUNT [--batch N] [--snapshot-every M | --pipelined] "
            + "[--index-every R]",
        code: 64)
}
let directory = positional[0]
let prefix = positional[1]

/// The batch of command `number`: 1 to 3 records unless --batch says how many.
@MainActor func drafts(_ number: Int) -> [RecordDraft] {
    let size = batchSize ?? (1 + number % 3)
    return (0..<size).map { part in
        RecordDraft(
            kind: "test-record", actor: prefix, time: "2025-01-01T00:00:00Z",
            body: Array(#"{"number":\#(number),"part":\#(part),"note":"crash \"test\""}"#.utf8))
    }
}

@MainActor func acknowledge(_ commandID: String, _ records: [StoredRecord]) {
    print("ack \(commandID) \(records.count) \(records.first?.seq ?? 0)")
    fflush(nil)
}

/// Commits the batches through a `CommitQueue`, up to four in flight, acknowledging each in order once durable.
@MainActor func appendPipelined(to store: JournalStore) throws(StoreError) {
    let queue = CommitQueue(store: store)
    var inFlight: [(commandID: String, ticket: CommitQueue.Ticket)] = []
    var head = try store.head()
    var next = first
    var settled = first
    while settled < first + count {
        while next < first + count && inFlight.count < 4 {
            let batch = try PreparedBatch(drafts(next), commandID: "\(prefix)-\(next)", after: head)
            inFlight.append((batch.commandID, queue.enqueue(batch)))
            head = batch.head
            next += 1
        }
        let (commandID, ticket) = inFlight.removeFirst()
        switch ticket.wait() {
        case .success(let records):
            acknowledge(commandID, records)
            settled += 1
            // A batch committed before (by a process that died before acknowledging it) leaves another head.
            if !ticket.batch.isStored(as: records) { try restart() }
        case .failure(let error) where error.code == .conflict:
            try restart()
        case .failure(let error):
            throw error
        }
    }

    /// Lets the batches in flight fail (each chains onto one that was not stored) and prepares them again.
    func restart() throws(StoreError) {
        for (_, ticket) in inFlight { _ = ticket.wait() }
        inFlight = []
        head = try store.head()
        next = settled
    }
}

do throws(StoreError) {
    let options = JournalStore.Options(lockTimeoutMilliseconds: 60_000, indexCheckpointRecords: max(1, indexEvery))
    let (store, _) = try JournalStore.open(at: directory, create: true, options: options)
    if pipelined {
        try appendPipelined(to: store)
        exit(0)
    }
    for number in first..<(first + count) {
        let commandID = "\(prefix)-\(number)"
        let records = try store.append(drafts(number), commandID: commandID)
        acknowledge(commandID, records)
        if snapshotEvery > 0 && (number - first + 1) % snapshotEvery == 0 {
            let head = try store.head()
            try store.writeSnapshot(
                Snapshot(seq: head.seq, hash: head.hash, state: Array(#"{"upTo":\#(head.seq)}"#.utf8)))
            print("snapshot \(head.seq)")
            fflush(nil)
        }
    }
} catch {
    fail(error.description, code: error.exitCode)
}
