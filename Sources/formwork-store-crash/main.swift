// Test helper for FormworkStoreTests' crash and concurrency tests (not shipped).
//
//     formwork-store-crash DIR PREFIX FIRST COUNT [--batch N] [--snapshot-every M] [--index-every R]
//
// Appends COUNT batches with command ids PREFIX-FIRST, PREFIX-(FIRST+1), … to the store in DIR (created if
// missing) and prints `ack <command id> <records> <first seq>` after each acknowledged batch, flushing stdout, so a
// test that kills the process (FORMWORK_FAILPOINT=name@N) knows exactly what was acknowledged. With
// --snapshot-every M it writes a snapshot of the head after every M batches and prints `snapshot <seq>`.

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
    default:
        positional.append(argument)
    }
}
guard positional.count == 4, let first = Int(positional[2]), let count = Int(positional[3]) else {
    fail(
        "usage: formwork-store-crash DIR PREFIX FIRST COUNT [--batch N] [--snapshot-every M] [--index-every R]",
        code: 64)
}
let directory = positional[0]
let prefix = positional[1]

do throws(StoreError) {
    let options = JournalStore.Options(lockTimeoutMilliseconds: 60_000, indexCheckpointRecords: max(1, indexEvery))
    let (store, _) = try JournalStore.open(at: directory, create: true, options: options)
    for number in first..<(first + count) {
        let commandID = "\(prefix)-\(number)"
        let size = batchSize ?? (1 + number % 3)
        let drafts = (0..<size).map { part in
            RecordDraft(
                kind: "test-record", actor: prefix, time: "2025-01-01T00:00:00Z",
                body: Array(#"{"number":\#(number),"part":\#(part),"note":"crash \"test\""}"#.utf8))
        }
        let records = try store.append(drafts, commandID: commandID)
        print("ack \(commandID) \(records.count) \(records.first?.seq ?? 0)")
        fflush(nil)
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
