import Foundation
import Testing

@testable import FormworkStore

/// A way to damage a journal, and the seq verify must name.
struct Tampering: Sendable, CustomStringConvertible {
    var description: String
    var expectedSeq: UInt64
    var damage: @Sendable (inout [[UInt8]]) -> Void

    static let all: [Tampering] = [
        Tampering(description: "a byte of record 10 edited", expectedSeq: 10) { lines in
            lines[9][lines[9].count - 80] ^= 0x01
        },
        Tampering(description: "record 10 edited and its checksum recomputed", expectedSeq: 11) { lines in
            var record = Array(lines[9].dropLast(65))
            record[record.count - 4] = UInt8(ascii: "y")
            lines[9] = record + [0x09] + Checksum.hex(of: record)
        },
        Tampering(description: "record 10 deleted", expectedSeq: 10) { lines in
            lines.remove(at: 9)
        },
        Tampering(description: "records 10 and 11 swapped", expectedSeq: 10) { lines in
            lines.swapAt(9, 10)
        },
        Tampering(description: "a record inserted at line 10", expectedSeq: 10) { lines in
            lines.insert(lines[20], at: 9)
        },
    ]
}

@Suite("verify")
struct VerifyTests {
    /// A store of 30 single-record batches whose index covers most of it.
    private func makeStore() throws -> (TemporaryDirectory, String) {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true, options: smallIndex(every: 8))
        for number in 0..<30 { _ = try store.append([draft(number)], commandID: "c-\(number)") }
        store.close()
        return (directory, path)
    }

    @Test("verify names the first bad record", arguments: Tampering.all)
    func detects(tampering: Tampering) throws {
        let (directory, path) = try makeStore()
        var lines = try journalLines(path)
        tampering.damage(&lines)
        try writeJournal(path, lines)

        let report = try JournalStore.verify(at: path)
        let problem = try #require(report.problem)
        #expect(!report.isValid)
        #expect(problem.file == "journal.jsonl")
        #expect(problem.seq == tampering.expectedSeq)
        #expect(problem.line == Int(tampering.expectedSeq))
        #expect(report.recordCount == tampering.expectedSeq - 1)

        // The store either refuses to open naming the same record, or opens and its verify names it.
        do {
            let (store, _) = try JournalStore.open(at: path, create: false)
            #expect(try store.verify().problem == problem)
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.seq == tampering.expectedSeq)
        }
        withExtendedLifetime(directory) {}
    }

    @Test("verify reports a good store with its head")
    func good() throws {
        let (directory, path) = try makeStore()
        let report = try JournalStore.verify(at: path)
        #expect(report.isValid)
        #expect(report.recordCount == 30)
        #expect(report.head.seq == 30)
        withExtendedLifetime(directory) {}
    }

    @Test("verify finds a duplicated batch and a body that is not JSON")
    func duplicateAndBody() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        for number in 0..<5 { _ = try store.append([draft(number)], commandID: "c-\(number)") }
        store.close()
        // Rewrite the chain so that record 4 repeats command c-1, with every checksum and prev recomputed.
        var lines = try journalLines(path)
        lines = rechain(lines) { seq, record in
            seq == 4 ? replace(record, "\"cmd\":\"c-3\"", with: "\"cmd\":\"c-1\"") : record
        }
        try writeJournal(path, lines)
        let duplicate = try #require(try JournalStore.verify(at: path).problem)
        #expect(duplicate.seq == 4)
        #expect(duplicate.message.contains("already committed"))

        lines = rechain(try journalLines(path)) { seq, record in
            seq == 2 ? replace(record, "\"text\":\"x\"", with: "\"text\":x") : record
        }
        try writeJournal(path, lines)
        let body = try #require(try JournalStore.verify(at: path).problem)
        #expect(body.seq == 2)
    }

    @Test("a torn tail is a warning for the read-only verify, repaired by the store's verify")
    func tornTail() throws {
        let (directory, path) = try makeStore()
        let journal = path + "/journal.jsonl"
        try writeFile(journal, try fileBytes(journal) + Array("{\"v\":1,".utf8))
        let report = try JournalStore.verify(at: path)
        #expect(report.isValid)
        #expect(report.warnings.map(\.code) == [.tornTailFound])
        let (store, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.count == 1)
        let after = try store.verify()
        #expect(after.isValid && after.warnings.isEmpty)
        withExtendedLifetime(directory) {}
    }

    @Test("verify checks the snapshot against the chain")
    func snapshotChecked() throws {
        let (directory, path) = try makeStore()
        let (store, _) = try JournalStore.open(at: path, create: false)
        let head = try store.head()
        try store.writeSnapshot(Snapshot(seq: head.seq, hash: head.hash, state: [1]))
        var bytes = try fileBytes(path + "/snapshot.dat")
        bytes[bytes.count - 1] ^= 0xff
        try writeFile(path + "/snapshot.dat", bytes)
        let problem = try #require(try store.verify().problem)
        #expect(problem.file == "snapshot.dat")
        withExtendedLifetime(directory) {}
    }
}

/// `record` with the first `old` replaced by `new`.
func replace(_ record: [UInt8], _ old: String, with new: String) -> [UInt8] {
    let text = String(decoding: record, as: UTF8.self)
    guard let range = text.range(of: old) else { return record }
    return Array(text.replacingCharacters(in: range, with: new).utf8)
}

/// The lines with each record changed by `edit` and the chain (prev, checksums) recomputed, as a forger would.
func rechain(_ lines: [[UInt8]], _ edit: (UInt64, [UInt8]) -> [UInt8]) -> [[UInt8]] {
    var prev = Checksum.zeroHexBytes
    var result: [[UInt8]] = []
    for (offset, line) in lines.enumerated() {
        var record = edit(UInt64(offset + 1), Array(line.dropLast(65)))
        let text = String(decoding: record, as: UTF8.self)
        if let range = text.range(of: #""prev":""#) {
            let start = text.utf8.distance(from: text.startIndex, to: range.upperBound)
            record.replaceSubrange(start..<(start + 64), with: prev)
        }
        let hash = Checksum.hex(of: record)
        result.append(record + [0x09] + hash)
        prev = hash
    }
    return result
}
