import Foundation
import Testing

@testable import FormworkStore

/// The padded journal of format 2: grown ahead in chunks of spaces, batches written over them in place.
@Suite("Journal padding")
struct JournalPaddingTests {
    private let spaces = UInt8(ascii: " ")

    @Test("the journal grows ahead in spaces, and batches written over them keep its size")
    func growsAhead() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        #expect(try fileBytes(path + "/format.json") == Array(#"{"format":"formwork-store","version":2}"#.utf8) + [10])
        let first = try store.append([draft(1)], commandID: "c-1")
        let grown = try fileBytes(path + "/journal.jsonl")
        let records = recordBytes(grown)
        #expect(grown.count % 4096 == 0)
        #expect(grown.count >= records.count + Int(JournalPadding.defaultChunk))
        #expect(grown[records.count...].allSatisfy { $0 == spaces })
        #expect(records.last == 0x0a)
        try appendBatches(store, from: 2, count: 20)
        #expect(try fileBytes(path + "/journal.jsonl").count == grown.count)
        store.close()

        let (reopened, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.isEmpty)
        let all = try reopened.records(after: 0)
        #expect(all.first == first.first)
        #expect(try reopened.head().seq == all.last?.seq)
        #expect(try reopened.verify().isValid)
        #expect(try JournalStore.verify(at: path).isValid)
    }

    @Test("a batch larger than the padding left grows the journal past it, in the same write")
    func largeBatch() throws {
        let fileSystem = InMemoryFileSystem()
        let options = JournalStore.Options(fileSystem: fileSystem, journalPadding: 8192)
        let (store, _) = try JournalStore.open(at: "/s", create: true, options: options)
        try appendBatches(store, count: 3)
        let before = try #require(fileSystem.contents(of: "/s/journal.jsonl"))
        #expect(before.count == 12288)
        let big = try store.append([draft(7, text: String(repeating: "b", count: 20_000))], commandID: "big")
        let after = try #require(fileSystem.contents(of: "/s/journal.jsonl"))
        #expect(recordBytes(after).count > before.count)
        #expect(after.count >= recordBytes(after).count + 8192)
        #expect(try store.records(after: big[0].seq - 1) == big)
        #expect(try store.verify().isValid)
    }

    @Test("a disk with room for the batch but not its padding takes the batch alone", arguments: [0, 100])
    func noRoomForPadding(writtenFirst: Int) throws {
        let fileSystem = InMemoryFileSystem()
        let (store, _) = try JournalStore.open(
            at: "/s", create: true, options: JournalStore.Options(fileSystem: fileSystem))
        // The write with the padding fails for want of space (after some of it was written, or none).
        fileSystem.inject(.init(.write, pathSuffix: "journal.jsonl", errno: 28, bytesWrittenFirst: writtenFirst))
        let records = try store.append([draft(1), draft(2)], commandID: "tight")
        let journal = try #require(fileSystem.contents(of: "/s/journal.jsonl"))
        #expect(recordBytes(journal) == journal)
        #expect(try store.records(after: 0) == records)
        // With room again, the next write grows the journal ahead.
        _ = try store.append([draft(3)], commandID: "roomy")
        let grown = try #require(fileSystem.contents(of: "/s/journal.jsonl"))
        #expect(grown.count >= recordBytes(grown).count + Int(JournalPadding.defaultChunk))
        #expect(try store.verify().isValid)
    }

    @Test("another process's batch written over the padding is seen, even on a clock too coarse to date it")
    func coarseClock() throws {
        let memory = InMemoryFileSystem()
        let options = smallIndex(fileSystem: CoarseClockFileSystem(base: memory), every: 64)
        let (mine, _) = try JournalStore.open(at: "/store", create: true, options: options)
        let (theirs, _) = try JournalStore.open(at: "/store", create: false, options: options)
        try appendBatches(mine, count: 3)
        let size = try #require(memory.contents(of: "/store/journal.jsonl")?.count)
        let written = try theirs.append([draft(40)], commandID: "theirs")
        // Neither the size nor (on this clock) any time changed: only the lock file's generation tells.
        #expect(memory.contents(of: "/store/journal.jsonl")?.count == size)
        let next = try mine.append([draft(41)], commandID: "mine")
        #expect(next.first?.seq == written[0].seq + 1)
        #expect(next.first?.prev == written[0].hash)
        #expect(
            try mine.records(after: 0).map(\.commandID) == ["c-0", "c-1", "c-1", "c-2", "c-2", "c-2", "theirs", "mine"])
        #expect(try mine.verify().isValid)
    }

    @Test("a write torn inside the padding is cut off and copied aside without the padding")
    func tornInPadding() throws {
        let stored = try ClosedStore(batches: 4)
        defer { withExtendedLifetime(stored) {} }  // its folder lives as long as the test
        let (path, records, end) = (stored.path, stored.records, stored.end)
        var bytes = stored.bytes
        let torn = Array(#"{"v":1,"seq":\#(records.count + 1),"cmd":"c-9","i":0,"n":1,"time":"2025"#.utf8)
        bytes.replaceSubrange(end..<(end + torn.count), with: torn)
        try writeFile(path + "/journal.jsonl", bytes)

        let (reopened, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.tornTailRepaired])
        #expect(warnings.first?.message.contains("onwards, \(torn.count) bytes") == true)
        #expect(try fileBytes(path + "/journal.torn-\(records.count + 1)") == torn)
        #expect(try fileBytes(path + "/journal.jsonl") == Array(bytes[..<end]))
        #expect(try reopened.records(after: 0) == records)
        let next = try reopened.append([draft(1)], commandID: "after-repair")
        #expect(next[0].seq == UInt64(records.count + 1))
        #expect(try fileBytes(path + "/journal.jsonl").count >= end + Int(JournalPadding.defaultChunk))
        #expect(try reopened.verify().isValid)
    }

    @Test("the end of a batch whose start never reached the disk is a torn write, not corruption")
    func tornWithHole() throws {
        let stored = try ClosedStore(batches: 2)
        defer { withExtendedLifetime(stored) {} }  // its folder lives as long as the test
        let (path, records, end) = (stored.path, stored.records, stored.end)
        // A power loss kept the second block of a write and lost the first: padding, then a line's end.
        var bytes = stored.bytes
        let tail = Array(stored.lastLine.suffix(40)) + [0x0a]
        bytes.replaceSubrange((end + 4096)..<(end + 4096 + tail.count), with: tail)
        try writeFile(path + "/journal.jsonl", bytes)

        let (reopened, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.tornTailRepaired])
        #expect(try fileBytes(path + "/journal.torn-\(records.count + 1)") == tail)
        #expect(try reopened.records(after: 0) == records)
        #expect(try reopened.verify().isValid)
    }

    @Test("a write that reached the disk in pieces, padding between them, is a torn write")
    func tornInPieces() throws {
        let stored = try ClosedStore(batches: 3)
        defer { withExtendedLifetime(stored) {} }  // its folder lives as long as the test
        let (path, records, end) = (stored.path, stored.records, stored.end)
        // Only the middle page of a three-page batch: the padding, the end of a line, the start of the next.
        var bytes = stored.bytes
        let piece = stored.piece
        bytes.replaceSubrange((end + 4096)..<(end + 4096 + piece.count), with: piece)
        try writeFile(path + "/journal.jsonl", bytes)

        let (reopened, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.tornTailRepaired])
        #expect(try fileBytes(path + "/journal.torn-\(records.count + 1)") == piece)
        #expect(try reopened.records(after: 0) == records)
        #expect(try reopened.append([draft(8)], commandID: "after").first?.seq == UInt64(records.count + 1))
        #expect(try reopened.verify().isValid)
    }

    @Test("pieces of a write that grew the file, with zeros between them, are a torn write")
    func tornInPiecesOverZeros() throws {
        let stored = try ClosedStore(batches: 3)
        defer { withExtendedLifetime(stored) {} }  // its folder lives as long as the test
        let (path, records, end) = (stored.path, stored.records, stored.end)
        var bytes = stored.bytes
        // The write grew the file: what did not reach the disk reads as zeros. One block of it did.
        for index in end..<bytes.count { bytes[index] = 0 }
        let piece = stored.piece
        bytes.replaceSubrange((end + 1024)..<(end + 1024 + piece.count), with: piece)
        try writeFile(path + "/journal.jsonl", bytes)
        let (reopened, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.tornTailRepaired])
        #expect(try reopened.records(after: 0) == records)
    }

    /// A store of two batches, and the bytes the next batch (three records) wrote after them: to put back some
    /// pieces of it, as a power loss leaves them.
    private func unfinishedBatch(_ path: String) throws -> (records: [StoredRecord], end: Int, batch: [UInt8]) {
        let (store, _) = try JournalStore.open(at: path, create: true)
        _ = try store.append([draft(1)], commandID: "a")
        _ = try store.append([draft(2), draft(3)], commandID: "b")
        let records = try store.records(after: 0)
        let before = try fileBytes(path + "/journal.jsonl")
        let end = recordBytes(before).count
        _ = try store.append([draft(4), draft(5), draft(6, text: String(repeating: "z", count: 900))], commandID: "c")
        store.close()
        let batch = Array(recordBytes(try fileBytes(path + "/journal.jsonl"))[end...])
        try writeFile(path + "/journal.jsonl", before)
        return (records, end, batch)
    }

    @Test(
        "a write whose first sector held a few bytes of it and was lost, or with a hole in a header, is a torn write",
        arguments: [1, 11, 17, 40])
    func tornPiecesAtAnyAlignment(lostFirst: Int) throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (records, end, batch) = try unfinishedBatch(path)
        var bytes = try fileBytes(path + "/journal.jsonl")
        // The batch's first `lostFirst` bytes and the 512 after the next 300 did not reach the disk (padding stays
        // there), nor did its last 100.
        var written = batch
        for index in 0..<lostFirst { written[index] = 0x20 }
        for index in (lostFirst + 300)..<(lostFirst + 812) { written[index] = 0x20 }
        for index in (written.count - 100)..<written.count { written[index] = 0x20 }
        bytes.replaceSubrange(end..<(end + written.count), with: written)
        try writeFile(path + "/journal.jsonl", bytes)
        let (reopened, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.map(\.code) == [.tornTailRepaired])
        #expect(try reopened.records(after: 0) == records)
        #expect(try reopened.verify().isValid)
    }

    @Test("zeroed sectors in acknowledged records are refused: more lines than the batch has records")
    func zeroedSectorsInAcknowledgedRecords() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        _ = try store.append([draft(1)], commandID: "a")
        _ = try store.append(
            [draft(2, text: String(repeating: "y", count: 700)), draft(3), draft(4)], commandID: "b")
        _ = try store.append([draft(5, text: String(repeating: "w", count: 700))], commandID: "c")
        store.close()
        var bytes = try fileBytes(path + "/journal.jsonl")
        let starts = [0] + bytes.indices.filter { bytes[$0] == 0x0a }.map { $0 + 1 }
        // 512 zeros inside seq 2's line, and at the start of seq 5's (batch c): seq 3 and 4 stay good.
        for index in (starts[1] + 100)..<(starts[1] + 612) { bytes[index] = 0 }
        for index in starts[4]..<(starts[4] + 512) { bytes[index] = 0 }
        try writeFile(path + "/journal.jsonl", bytes)
        let error = #expect(throws: StoreError.self) { try JournalStore.open(at: path, create: false) }
        #expect(error?.code == .corrupt)
    }

    @Test("damaged lines of two batches are refused, even when one holds a run of spaces in an answer")
    func damageAcrossBatches() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        _ = try store.append([draft(1)], commandID: "a")
        _ = try store.append([draft(2), draft(3)], commandID: "b")
        _ = try store.append([draft(4, text: String(repeating: " ", count: 40)), draft(5)], commandID: "c")
        store.close()
        // The line feeds ending seq 2 and seq 4 are lost: two damaged lines, one of batch b, one of batch c.
        var bytes = try fileBytes(path + "/journal.jsonl")
        let feeds = bytes.indices.filter { bytes[$0] == 0x0a }
        bytes[feeds[1]] = UInt8(ascii: "x")
        bytes[feeds[3]] = UInt8(ascii: "x")
        try writeFile(path + "/journal.jsonl", bytes)
        let error = #expect(throws: StoreError.self) { try JournalStore.open(at: path, create: false) }
        #expect(error?.code == .corrupt)
        #expect(try JournalStore.verify(at: path).isValid == false)
    }

    @Test("a damaged line's start says which batch it is a piece of, or that it is cut short")
    func headerPieces() {
        let line = Array(#"{"v":1,"seq":12,"cmd":"c-\"9","i":1,"n":3,"time":"2025"}"#.utf8)
        #expect(
            ChainScanner.header(of: line[...]) == .header(seq: 12, commandID: Array(#"c-\"9"#.utf8), index: 1, count: 3)
        )
        for cut in [1, 5, 13, 15, 20, 27, 30, 35, 39] {
            #expect(ChainScanner.header(of: line[..<cut]) == .cutShort, "cut at \(cut)")
        }
        #expect(ChainScanner.header(of: Array(#"{"v":1,"seq":12,"cmd":"a","i":3,"n":3,"#.utf8)[...]) == .none)
        #expect(ChainScanner.header(of: Array(#"{"v":2,"seq":12"#.utf8)[...]) == .none)
        #expect(ChainScanner.header(of: Array("   {\"v\":1".utf8)[...]) == .none)
        #expect(ChainScanner.header(of: Array(#"{"v":1,"seq":12,"cmd":"a\"#.utf8)[...]) == .cutShort)
    }

    @Test("damaged lines without padding between them are still refused when no record says they are one batch")
    func damagedLinesWithoutPadding() throws {
        let stored = try ClosedStore(batches: 3)
        defer { withExtendedLifetime(stored) {} }  // its folder lives as long as the test
        let (path, end) = (stored.path, stored.end)
        var bytes = stored.bytes
        let damaged = stored.piece
        bytes.replaceSubrange(end..<(end + damaged.count), with: damaged)
        try writeFile(path + "/journal.jsonl", bytes)
        let error = #expect(throws: StoreError.self) { try JournalStore.open(at: path, create: false) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("more damaged lines follow it") == true)
    }

    @Test("a journal extended far beyond any padding a store writes is refused at once, not read through")
    func extendedByHand() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        try appendBatches(store, count: 2)
        store.close()
        // A sparse file: 200 MiB of zeros after the records, as `truncate -s` leaves it.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "/journal.jsonl"))
        try handle.truncate(atOffset: 200 << 20)
        try handle.close()
        let error = #expect(throws: StoreError.self) { try JournalStore.open(at: path, create: false) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("ends with more than 64 MiB of spaces or zeros") == true)
        // verify reports it as the problem it is (exit 1 from the CLI), without reading the records.
        let report = try JournalStore.verify(at: path)
        #expect(report.problem?.file == "journal.jsonl")
        #expect(report.problem?.message.contains("ends with more than 64 MiB") == true)
    }

    @Test("zeros left by a crash while the journal grew are padding")
    func zeros() throws {
        let stored = try ClosedStore(batches: 3)
        defer { withExtendedLifetime(stored) {} }  // its folder lives as long as the test
        let (path, records, end) = (stored.path, stored.records, stored.end)
        var bytes = stored.bytes
        for index in (end + 1000)..<bytes.count where index % 3 != 0 { bytes[index] = 0 }
        try writeFile(path + "/journal.jsonl", bytes)

        let (reopened, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.isEmpty)
        #expect(try reopened.records(after: 0) == records)
        #expect(try reopened.append([draft(5)], commandID: "next").first?.seq == UInt64(records.count + 1))
        #expect(try JournalStore.verify(at: path).isValid)
    }

    @Test("a format-1 store is read as it is, and raised to format 2 by the first write that grows it ahead")
    func formatOne() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let unpadded = JournalStore.Options(journalPadding: 0)
        let (old, _) = try JournalStore.open(at: path, create: true, options: unpadded)
        try appendBatches(old, count: 3)
        old.close()
        let marker = path + "/format.json"
        #expect(try fileBytes(marker) == Array(#"{"format":"formwork-store","version":1}"#.utf8) + [10])
        let journal = try fileBytes(path + "/journal.jsonl")
        #expect(recordBytes(journal) == journal)

        let (store, warnings) = try JournalStore.open(at: path, create: false)
        #expect(warnings.isEmpty)
        let records = try store.records(after: 0)
        #expect(records.count == 6)
        #expect(try fileBytes(marker) == Array(#"{"format":"formwork-store","version":1}"#.utf8) + [10])
        _ = try store.append([draft(9)], commandID: "raised")
        #expect(try fileBytes(marker) == Array(#"{"format":"formwork-store","version":2}"#.utf8) + [10])
        let grown = try fileBytes(path + "/journal.jsonl")
        #expect(Array(grown.prefix(journal.count)) == journal)
        #expect(grown.count >= recordBytes(grown).count + Int(JournalPadding.defaultChunk))
        #expect(try store.verify().isValid)
    }

    @Test("the records' end is found through padding of any length, in spaces and zeros")
    func dataEnd() throws {
        let fileSystem = InMemoryFileSystem()
        for (records, padding) in [(0, 0), (0, 9), (1, 0), (5, 7), (100, 65_536), (3, 200_001)] {
            let file = try fileSystem.open("/f-\(records)-\(padding)", mode: FileOpenMode(write: true, create: true))
            let bytes =
                [UInt8](repeating: UInt8(ascii: "a"), count: records)
                + (0..<padding).map { $0 % 5 == 0 ? 0 : spaces }
            try file.write(bytes, at: 0)
            #expect(try JournalPadding.dataEnd(of: file, size: Int64(bytes.count)) == Int64(records))
            #expect(
                try JournalPadding.skip(in: file, from: Int64(records), to: Int64(bytes.count)) == Int64(bytes.count))
        }
        // Padding of spaces only, as a store writes it, is compared a 4 KiB block at a time: the last byte that is not
        // padding is found wherever it falls against those blocks, and a zero at a block's end is still padding.
        for (before, padding) in [(1, 4095), (1, 4096), (1, 4097), (4096, 4096), (7, 8193), (100, 70_000)] {
            for stray: UInt8? in [nil, UInt8(ascii: "b"), 0] {
                var bytes =
                    [UInt8](repeating: UInt8(ascii: "a"), count: before)
                    + [UInt8](repeating: spaces, count: padding)
                var expected = before
                if let stray {
                    let at = before + padding / 2
                    bytes[at] = stray
                    if stray != 0 { expected = at + 1 }
                }
                let file = try fileSystem.open(
                    "/blocks-\(before)-\(padding)-\(stray ?? 1)", mode: FileOpenMode(write: true, create: true))
                try file.write(bytes, at: 0)
                #expect(try JournalPadding.dataEnd(of: file, size: Int64(bytes.count)) == Int64(expected))
            }
        }
        // The bound is exact: padding of `maxPadding` bytes is read, one byte more is refused.
        for (padding, expected) in [(JournalPadding.maxPadding, Int64?(3)), (JournalPadding.maxPadding + 1, nil)] {
            let file = try fileSystem.open("/bound-\(padding)", mode: FileOpenMode(write: true, create: true))
            try file.write(Array("ab\n".utf8), at: 0)
            try file.write([UInt8](repeating: 0x20, count: Int(padding)), at: 3)
            #expect(try JournalPadding.dataEnd(of: file, size: 3 + padding) == expected)
        }
        #expect(JournalPadding.grownSize(toHold: 1, chunk: 1 << 20) == (1 << 20) + 4096)
        #expect(JournalPadding.grownSize(toHold: 4096, chunk: 4096) == 8192)
    }
}

/// A store on disk holding `batches` batches, closed, to be damaged: its records, its last line, the journal's
/// bytes (records and padding) and where its records end.
private struct ClosedStore {
    let directory: TemporaryDirectory
    let path: String
    let records: [StoredRecord]
    let lastLine: [UInt8]
    let bytes: [UInt8]
    let end: Int

    init(batches: Int) throws {
        directory = TemporaryDirectory()
        path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        try appendBatches(store, count: batches)
        records = try store.records(after: 0)
        store.close()
        lastLine = try #require(try journalLines(path).last)
        bytes = try fileBytes(path + "/journal.jsonl")
        end = recordBytes(bytes).count
    }

    /// The end of the last line, a line feed and the start of the same line cut short: the middle piece of a
    /// torn write, or two damaged lines.
    var piece: [UInt8] { Array(lastLine.suffix(50)) + [0x0a] + Array(lastLine.prefix(30)) }
}

/// A file system whose stamps are those of a clock too coarse to tell two writes apart (kernels before 6.13
/// give file times at timer ticks): the size and identity change, the times never do.
private struct CoarseClockFileSystem: ForwardingFileSystem {
    let base: InMemoryFileSystem

    var stampsFiles: Bool { true }
    func stamp(of path: String) throws(FileSystemError) -> FileStamp? {
        try base.stamp(of: path).map {
            FileStamp(device: $0.device, inode: $0.inode, size: $0.size, modified: 0, changed: 0)
        }
    }
}
