import Foundation
import Synchronization
import Testing

@testable import FormworkStore

/// Store files written by something else (or damaged) give clean errors, never a trap.
@Suite("hostile store files")
struct HostileStoreFileTests {
    /// A store with a few records, closed.
    private func makeStore(
        batches: Int = 4, options: JournalStore.Options = JournalStore.Options()
    ) throws -> (
        TemporaryDirectory, String
    ) {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true, options: options)
        try appendBatches(store, count: batches)
        store.close()
        return (directory, path)
    }

    /// A journal line with a valid checksum around `record`.
    private func line(_ record: String) -> [UInt8] {
        let bytes = Array(record.utf8)
        return bytes + [0x09] + Checksum.hex(of: bytes)
    }

    private func openError(_ path: String) -> StoreError? {
        #expect(throws: StoreError.self) { try JournalStore.open(at: path, create: false) }
    }

    @Test("several lines of garbage are refused, naming line 1")
    func garbage() throws {
        let (directory, path) = try makeStore()
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<4).flatMap { _ in
            (0..<200).map { _ in UInt8.random(in: 0x20...0xff, using: &generator) } + [0x0a]
        }
        try writeFile(path + "/journal.jsonl", garbage)
        let error = openError(path)
        #expect(error?.code == .corrupt)
        #expect(error?.line == 1)
        withExtendedLifetime(directory) {}
    }

    @Test("one line of garbage with no line feed is a torn write: cut off and kept aside")
    func garbageTail() throws {
        let (directory, path) = try makeStore(batches: 0)
        try writeFile(path + "/journal.jsonl", Array("not a journal at all".utf8))
        let (store, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.tornTailRepaired])
        #expect(try store.head().seq == 0)
        #expect(try fileBytes(path + "/journal.torn-1") == Array("not a journal at all".utf8))
        withExtendedLifetime(directory) {}
    }

    @Test("a 10 MB line before the end is refused; at the end it is cut off")
    func hugeLine() throws {
        let (directory, path) = try makeStore()
        let good = try fileBytes(path + "/journal.jsonl")
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20)
        try writeFile(path + "/journal.jsonl", good + huge + [0x0a] + good)
        let error = openError(path)
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("longer than") == true)

        try writeFile(path + "/journal.jsonl", good + huge)
        let (store, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.tornTailRepaired])
        #expect(try fileBytes(path + "/journal.jsonl") == recordBytes(good))
        #expect(try store.verify().isValid)
        withExtendedLifetime(directory) {}
    }

    @Test(
        "checksummed lines that break the grammar are refused",
        arguments: [
            (
                #"{"v":1,"seq":5,"cmd":"\#u{FFFD}","i":0,"n":1,REST,"body":{}}"#,
                StoreError.Code.corrupt
            ),
            (
                #"{"v":1,"seq":99999999999999999999999,"cmd":"c","i":0,"n":1,REST,"body":{}}"#,
                .corrupt
            ),
            (
                #"{"v":2,"seq":5,"cmd":"c","i":0,"n":1,REST,"body":{}}"#,
                .unsupportedVersion
            ),
            (
                #"{"seq":5,"v":1,"cmd":"c","i":0,"n":1,REST,"body":{}}"#,
                .corrupt
            ),
            (
                #"{"v":1,"seq":5,"cmd":"c","i":3,"n":2,REST,"body":{}}"#,
                .corrupt
            ),
            (
                #"{"v":1,"seq":5,"cmd":"c","i":0,"n":1,REST,"body":[]}"#,
                .corrupt
            ),
            (
                #"{"v":1,"seq":5,"cmd":"c\x","i":0,"n":1,REST,"body":{}}"#,
                .corrupt
            ),
        ])
    func badGrammar(record: String, code: StoreError.Code) throws {
        let (directory, path) = try makeStore(batches: 3)
        let lines = try journalLines(path)
        let prev = String(decoding: lines[lines.count - 1].suffix(64), as: UTF8.self)
        let record = record.replacingOccurrences(of: "REST", with: #""time":"t","actor":"a","kind":"k","prev":"PREV""#)
        var bad = line(record.replacingOccurrences(of: "PREV", with: prev))
        if record.contains("\u{FFFD}") {
            // Invalid UTF-8 inside the command id, with a checksum that matches.
            let text = record.replacingOccurrences(of: "PREV", with: prev)
            var bytes = Array(text.utf8)
            let marker = Array("\u{FFFD}".utf8)
            if let start = (0..<bytes.count).first(where: { bytes[$0..<min(bytes.count, $0 + 3)].elementsEqual(marker) }
            ) {
                bytes.replaceSubrange(start..<(start + 3), with: [0xff, 0xfe])
            }
            bad = bytes + [0x09] + Checksum.hex(of: bytes)
        }
        // As the last line, followed by a good line, so it is not taken for a torn write.
        try writeJournal(path, lines + [bad, lines[0]])
        let error = openError(path)
        #expect(error?.code == code)
        #expect(error?.seq == 7)
        #expect(error?.line == 7)
        withExtendedLifetime(directory) {}
    }

    @Test("a wrong or newer format marker is refused")
    func marker() throws {
        let (directory, path) = try makeStore()
        try writeFile(path + "/format.json", Array(#"{"format":"something-else","version":1}"#.utf8))
        #expect(openError(path)?.code == .notAStore)
        try writeFile(path + "/format.json", Array(#"{"format":"formwork-store","version":3}"#.utf8))
        let newer = openError(path)
        #expect(newer?.code == .unsupportedVersion)
        #expect(newer?.message == "the store is in format version 3; this build reads versions 1 and 2")
        try writeFile(path + "/format.json", [UInt8](repeating: 0xff, count: 100_000))
        #expect(openError(path)?.code == .notAStore)
        for version in 1...2 {
            try writeFile(path + "/format.json", StoreLayout.markerBytes(version: version))
            #expect(throws: Never.self) { try JournalStore.open(at: path, create: false) }
        }
        withExtendedLifetime(directory) {}
    }

    @Test("directories that are not stores are refused, and left untouched")
    func notAStore() throws {
        let directory = TemporaryDirectory()
        #expect(throws: StoreError.self) { try JournalStore.open(at: directory.child("missing"), create: false) }
        try writeFile(directory.child("file"), [1])
        let file = #expect(throws: StoreError.self) { try JournalStore.open(at: directory.child("file"), create: true) }
        #expect(file?.code == .notAStore)
        let busy = directory.child("busy")
        try FileManager.default.createDirectory(atPath: busy, withIntermediateDirectories: true)
        try writeFile(busy + "/notes.txt", [1])
        let error = #expect(throws: StoreError.self) { try JournalStore.open(at: busy, create: true) }
        #expect(error?.code == .notAStore)
        // Left as it was: not even a lock file is put in it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: busy).sorted() == ["notes.txt"])
        let plain = #expect(throws: StoreError.self) { try JournalStore.open(at: busy, create: false) }
        #expect(plain?.code == .notAStore)
    }

    @Test(
        "a FIFO where a store file belongs is refused at once, never waited on",
        arguments: ["format.json", "snapshot.dat"])
    func fifo(name: String) throws {
        let (directory, path) = try makeStore(batches: 6)
        do {
            let (store, _) = try JournalStore.open(at: path, create: false)
            let records = try store.records(after: 0)
            try store.writeSnapshot(Snapshot(seq: records[2].seq, hash: records[2].hash, state: [1]))
        }
        try FileManager.default.removeItem(atPath: path + "/" + name)
        try #require(mkfifo(path + "/" + name, 0o644) == 0)
        // On a thread of its own, so that a regression shows as a failure here rather than a hung test run.
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Snapshot?, StoreError>?>(nil)
        Thread.detachNewThread {
            let result = Result { () throws(StoreError) -> Snapshot? in
                let (store, _) = try JournalStore.open(at: path, create: false)
                return try store.latestSnapshot()
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        try #require(done.wait(timeout: .now() + 10) == .success, "opening the store waited on the FIFO")
        let result = try #require(outcome.withLock { $0 })
        switch (name, result) {
        case ("format.json", .failure(let error)):
            #expect(error.message.contains("not a regular file"))
        case ("snapshot.dat", .success(let snapshot)):
            // The journal opens; the snapshot is not read from the FIFO.
            #expect(snapshot == nil)
        case ("snapshot.dat", .failure(let error)):
            #expect(error.message.contains("not a regular file"))
        default:
            Issue.record("unexpected: \(result)")
        }
        withExtendedLifetime(directory) {}
    }

    /// A symbolic link put where a store file belongs would have the store write where it points (found by fuzzing:
    /// a lock file linked to /nonexistent made the store create that file). It is refused, and nothing is made
    /// where it points; a store folder that is itself a link still opens.
    @Test("a symbolic link where a store file belongs is refused, and its target is never written", arguments: ["lock"])
    func symbolicLinkedFile(name: String) throws {
        let (directory, path) = try makeStore(batches: 3)
        let records = try JournalStore.open(at: path, create: false).0.records(after: 0)
        let outside = directory.path + "/outside-\(name)"
        try FileManager.default.removeItem(atPath: path + "/" + name)
        try FileManager.default.createSymbolicLink(atPath: path + "/" + name, withDestinationPath: outside)
        let error = openError(path)
        #expect(error?.message.contains("it is a symbolic link") == true, "\(error?.message ?? "opened")")
        #expect(!FileManager.default.fileExists(atPath: outside))
        try FileManager.default.removeItem(atPath: path + "/" + name)
        let linkedFolder = directory.path + "/linked-store"
        try FileManager.default.createSymbolicLink(atPath: linkedFolder, withDestinationPath: path)
        let (store, _) = try JournalStore.open(at: linkedFolder, create: false)
        #expect(try store.records(after: 0) == records)
        withExtendedLifetime(directory) {}
    }

    @Test("a missing journal is refused")
    func missingJournal() throws {
        let (directory, path) = try makeStore()
        try FileManager.default.removeItem(atPath: path + "/journal.jsonl")
        #expect(openError(path)?.code == .corrupt)
        withExtendedLifetime(directory) {}
    }

    @Test("a damaged or missing index is rebuilt from the journal", arguments: ["garbage", "short", "missing"])
    func indexRebuilt(damage: String) throws {
        let (directory, path) = try makeStore(batches: 40, options: smallIndex(every: 8))
        let index = path + "/index.bin"
        switch damage {
        case "garbage": try writeFile(index, [UInt8](repeating: 0x5a, count: 9000))
        case "short": try writeFile(index, Array(try fileBytes(index).prefix(700)))
        default: try FileManager.default.removeItem(atPath: index)
        }
        let (store, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.indexRebuilt])
        let head = try store.head()
        #expect(try store.append([draft(1)], commandID: "c-3").first?.seq == 7)
        #expect(try store.head() == head)
        #expect(try store.verify().isValid)
        withExtendedLifetime(directory) {}
    }

    @Test(
        "an index header that covers nothing but names a place in the journal is not trusted, whatever its checksum",
        arguments: ["hide", "cut"])
    func inconsistentIndexHeader(variant: String) throws {
        let (directory, path) = try makeStore(batches: 40, options: smallIndex(every: 8))
        let index = path + "/index.bin"
        let (before, journalBefore) = try { () throws -> ([StoredRecord], [UInt8]) in
            let (store, _) = try JournalStore.open(at: path, create: false)
            return (try store.records(after: 0), try fileBytes(path + "/journal.jsonl"))
        }()
        // Seq 0 and the zero hash (nothing covered), but the byte range of a real line, or of the journal's end
        // less two bytes: read as it was, the tail would start there and hide or cut acknowledged records.
        let forged = try forgeIndexHeader(index) { forged in
            forged.generation += 1
            forged.coveredSeq = 0
            forged.coveredHash = Checksum.zeroHexBytes
            if variant == "cut" {
                forged.coveredStart = 0
                forged.coveredEnd = Int64(journalBefore.count - 2)
            }
        }
        #expect(IndexHeader.decode(forged.encoded()[...], slot: 0) == nil)
        let (store, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.indexRebuilt])
        #expect(try store.records(after: 0) == before)
        #expect(try fileBytes(path + "/journal.jsonl") == journalBefore)
        #expect(try store.verify().isValid)
        #expect(try store.append([draft(1)], commandID: "after-forgery").first?.seq == UInt64(before.count + 1))
        withExtendedLifetime(directory) {}
    }

    /// The next checkpoint counts the generation on (`+ 1`): a header altered to the largest generation, its
    /// checksum written anew, is not trusted; the index is rebuilt and the store goes on.
    @Test("an index header with a generation or a covered seq no store reaches is not trusted", arguments: [0, 1])
    func unreachableIndexHeader(field: Int) throws {
        let (directory, path) = try makeStore(batches: 40, options: smallIndex(every: 8))
        let index = path + "/index.bin"
        let forged = try forgeIndexHeader(index) { forged in
            if field == 0 { forged.generation = .max } else { forged.coveredSeq = .max }
        }
        #expect(IndexHeader.decode(forged.encoded()[...], slot: 0) == nil)
        let (store, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.indexRebuilt])
        for batch in 0..<10 { _ = try store.append([draft(batch)], commandID: "after-\(batch)") }
        #expect(try store.verify().isValid)
        withExtendedLifetime(directory) {}
    }

    /// Writes the index's newest header, changed by `change`, over both of its slots (with a checksum of its own,
    /// as someone rewriting the file would); returns the header written.
    private func forgeIndexHeader(_ index: String, _ change: (inout IndexHeader) -> Void) throws -> IndexHeader {
        var bytes = try fileBytes(index)
        let slots = IndexHeader.slotOffsets.compactMap { offset in
            IndexHeader.decode(bytes[Int(offset)...], slot: 0).map { (offset, $0) }
        }
        var forged = try #require(slots.max { $0.1.generation < $1.1.generation }?.1)
        change(&forged)
        for offset in IndexHeader.slotOffsets {
            bytes.replaceSubrange(Int(offset)..<(Int(offset) + IndexHeader.slotSize), with: forged.encoded())
        }
        try writeFile(index, bytes)
        return forged
    }

    @Test("a journal cut below what the index covers is refused: acknowledged records are missing")
    func cutJournal() throws {
        let (directory, path) = try makeStore(batches: 40, options: smallIndex(every: 8))
        let lines = try journalLines(path)
        try writeJournal(path, Array(lines.prefix(20)))
        let error = openError(path)
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("acknowledged records are missing") == true)
        let report = try JournalStore.verify(at: path)
        #expect(report.problem?.message.contains("acknowledged records are missing") == true)
        withExtendedLifetime(directory) {}
    }

    @Test("a damaged snapshot falls back to the previous one, with a warning")
    func snapshotFallback() throws {
        let (directory, path) = try makeStore(batches: 6)
        let (store, _) = try JournalStore.open(at: path, create: false)
        let records = try store.records(after: 0)
        let first = Snapshot(seq: records[2].seq, hash: records[2].hash, state: [1])
        try store.writeSnapshot(first)
        try store.writeSnapshot(Snapshot(seq: records[5].seq, hash: records[5].hash, state: [2]))
        try writeFile(path + "/snapshot.dat", Array("{}\tnonsense\n".utf8))
        #expect(try store.latestSnapshot() == first)
        #expect(store.takeWarnings().map(\.code) == [.snapshotFallback])
        try writeFile(path + "/snapshot.previous.dat", [UInt8](repeating: 0, count: 5000))
        #expect(try store.latestSnapshot() == nil)
        #expect(store.takeWarnings().map(\.code) == [.snapshotFallback])
        withExtendedLifetime(directory) {}
    }
}
