import Foundation
import Testing

@testable import FormworkStore

@Suite struct SegmentTests {
    static func entries(_ count: Int) -> [SegmentEntry] {
        (0..<count).map { SegmentEntry(key: "r/R-\($0)", value: Array("{\"n\":\($0),\"text\":\"報告 \($0)\"}".utf8)) }
    }

    static func open(_ file: SegmentFile) throws -> Segment {
        try Segment(name: file.name, bytes: MemorySegmentBytes(data: file.bytes), size: UInt64(file.bytes.count))
    }

    /// `file` opened with one byte of the first occurrence of `needle` flipped (`offset` bytes into it).
    static func damaged(_ file: SegmentFile, _ needle: String, offset: Int = 0, flip: UInt8) throws -> Segment {
        var bytes = file.bytes
        let target = Array(needle.utf8)
        let at = try #require(
            (0...(bytes.count - target.count)).first { Array(bytes[$0..<($0 + target.count)]) == target })
        bytes[at + offset] ^= flip
        return try Segment(name: file.name, bytes: MemorySegmentBytes(data: bytes), size: UInt64(bytes.count))
    }

    @Test("every key is found, a missing key is nil, and the listing holds every entry")
    func lookups() throws {
        let file = try SegmentFile(Self.entries(500))
        let segment = try Self.open(file)
        #expect(segment.count == 500)
        for entry in Self.entries(500) { #expect(try segment.value(for: entry.key) == entry.value) }
        #expect(try segment.value(for: "r/R-500") == nil)
        #expect(try segment.value(for: "c/R-1") == nil)
        #expect(try Set(segment.entries().map(\.key)) == Set(Self.entries(500).map(\.key)))
        try segment.verify()
        #expect(SegmentFile.isValidName(file.name))
    }

    @Test("a listing by key prefix holds exactly those values; a damaged value is refused only where it is read")
    func listingByPrefix() throws {
        let mixed =
            Self.entries(300)
            + (0..<200).map { SegmentEntry(key: "c/C-\($0)", value: Array("customer \($0)".utf8)) }
        let file = try SegmentFile(mixed)
        let segment = try Self.open(file)
        let customers = try segment.entries(keyPrefix: "c/")
        #expect(customers.count == 200)
        #expect(
            Dictionary(uniqueKeysWithValues: customers.map { ($0.key, $0.value) })["c/C-7"] == Array("customer 7".utf8))
        #expect(try segment.entries(keyPrefix: "r/").count == 300)
        #expect(try segment.entries().count == 500)
        // Damage one customer's value: listing reports still works, listing customers refuses.
        let damaged = try Self.damaged(file, "customer 7", flip: 0x20)
        #expect(try damaged.entries(keyPrefix: "r/").count == 300)
        #expect(throws: StoreError.self) { try damaged.entries(keyPrefix: "c/") }
        #expect(throws: StoreError.self) { try damaged.entries() }
        #expect(throws: StoreError.self) { try damaged.value(for: "c/C-7") }
    }

    @Test(
        "reading a window at a time gives what one read gives, whatever the window; a value is never split",
        arguments: [1, 40, 100, 4096, Segment.windowBytes])
    func windows(windowBytes: Int) throws {
        let mixed =
            Self.entries(300)
            + (0..<200).map { SegmentEntry(key: "c/C-\($0)", value: Array(String(repeating: "客", count: $0).utf8)) }
        let segment = try Self.open(try SegmentFile(mixed))
        let expected = Dictionary(uniqueKeysWithValues: mixed.map { ($0.key, $0.value) })
        for prefix in ["", "c/", "r/", "r/R-1", "x/"] {
            let wanted = expected.filter { $0.key.hasPrefix(prefix) }
            for checked in [true, false] {
                let located = try segment.locate(keyPrefix: prefix, checked: checked, windowBytes: windowBytes)
                #expect(located.count == wanted.count)
                #expect(Set(located.map(\.key)) == Set(wanted.keys))
                var read: [String: [UInt8]] = [:]
                var windows = 0
                try segment.read(located, windowBytes: windowBytes) { window in
                    windows += 1
                    for (key, value) in window { read[key] = value }
                }
                #expect(read == wanted)
                if windowBytes == 1 { #expect(windows == wanted.count) }
            }
        }
        #expect(Dictionary(uniqueKeysWithValues: try segment.entries().map { ($0.key, $0.value) }) == expected)
    }

    @Test("a windowed read refuses a damaged value, and a location that names another key or lies outside")
    func windowedDamage() throws {
        let file = try SegmentFile(Self.entries(50))
        let segment = try Self.open(file)
        let located = try segment.locate(keyPrefix: "r/")
        let damaged = try Self.damaged(file, "報告 7", offset: 1, flip: 0x01)
        // Listing the keys alone does not read the damaged value's checksum; reading it does.
        let unchecked = try damaged.locate(keyPrefix: "r/", checked: false, windowBytes: 64)
        #expect(unchecked == located)
        #expect(throws: StoreError.self) { try damaged.locate(keyPrefix: "r/", windowBytes: 64) }
        #expect(throws: StoreError.self) { try damaged.read(unchecked, windowBytes: 64) { _ in } }
        // Another key's place, or a place past the end, is refused rather than read as the key's value.
        let swapped = zip(located, located.dropFirst()).map { first, second in
            Segment.Location(key: first.key, offset: second.offset, length: second.length)
        }
        #expect(throws: StoreError.self) { try segment.read(Array(swapped.prefix(1))) { _ in } }
        let outside = Segment.Location(key: located[0].key, offset: UInt64(file.bytes.count), length: 20)
        #expect(throws: StoreError.self) { try segment.read([outside]) { _ in } }
    }

    @Test("the layout is pinned: the same entries always make the same bytes, and so the same name")
    func pinnedLayout() throws {
        let entries =
            Self.entries(200) + [SegmentEntry(key: "c/C-1", value: []), SegmentEntry(key: "r/R-3", value: [7, 8])]
        let file = try SegmentFile(entries)
        #expect(file.bytes.count == 14152)
        #expect(file.name == "seg-f94f572f735512af488cd53d83cb13dc.fws")
        // The header keeps the name's digits as bytes; the name is the digest of the file with them zero.
        #expect(Checksum.hexDigits(of: file.bytes[48..<64]) == Array("f94f572f735512af488cd53d83cb13dc".utf8))
        var zeroed = file.bytes
        zeroed.replaceSubrange(48..<64, with: [UInt8](repeating: 0, count: 16))
        #expect(Checksum.hex(of: zeroed).prefix(32).elementsEqual("f94f572f735512af488cd53d83cb13dc".utf8))
    }

    /// Bytes 64 + 24 × index of the table: entry `index`'s hash (8 bytes), offset (8) and length (4).
    static func tableEntry(of key: String, in bytes: [UInt8]) throws -> Int {
        let count = Int(SegmentFormat.readLittleEndian(bytes, at: 8, count: 8))
        let hash = SegmentFormat.keyHash(Array(key.utf8))
        return try #require(
            (0..<count).first { SegmentFormat.readLittleEndian(bytes, at: 64 + 24 * $0, count: 8) == hash })
    }

    @Test(
        "a damaged table entry fails the lookups that consult it, never answering that a key it holds is missing",
        arguments: [0, 7, 8, 12, 16])
    func damagedTableEntry(byte: Int) throws {
        let file = try SegmentFile(Self.entries(300))
        var bytes = file.bytes
        let index = try Self.tableEntry(of: "r/R-123", in: bytes)
        bytes[64 + 24 * index + byte] ^= 0x10
        let segment = try Segment(name: file.name, bytes: MemorySegmentBytes(data: bytes), size: UInt64(bytes.count))
        let error = #expect(throws: StoreError.self) { try segment.value(for: "r/R-123") }
        #expect(error?.code == .corrupt)
        // Which check refuses it depends on the field: the key's hash, the place (outside the values), the value.
        #expect(error?.message.hasPrefix("segment \(file.name) is damaged: ") == true)
        if byte < 8 { #expect(error?.message.contains("table entry \(index) does not match its value") == true) }
        // Whatever else is looked up is found, or refused, but never reported missing.
        for entry in Self.entries(300) {
            if let found = try? segment.value(for: entry.key) { #expect(found == entry.value) }
        }
        // A listing reads the whole table, so it checks the table's checksum.
        #expect(throws: StoreError.self) { try segment.locate() }
        #expect(throws: StoreError.self) { try segment.verify() }
    }

    /// The check that a value lies inside the file subtracts rather than adds: an offset altered to near 2^64 (the
    /// table's checksum aside) is refused as pointing outside the values, not an arithmetic overflow.
    @Test("a table entry whose offset is near 2^64 is refused, not an overflow")
    func tableEntryOffsetNearTheTop() throws {
        let file = try SegmentFile(Self.entries(300))
        var bytes = file.bytes
        let index = try Self.tableEntry(of: "r/R-123", in: bytes)
        for byte in 8..<16 { bytes[64 + 24 * index + byte] = 0xff }
        let segment = try Segment(name: file.name, bytes: MemorySegmentBytes(data: bytes), size: UInt64(bytes.count))
        let error = #expect(throws: StoreError.self) { try segment.value(for: "r/R-123") }
        #expect(error?.message.contains("points outside the values") == true, "\(error?.message ?? "")")
        #expect(throws: StoreError.self) { try segment.verify() }
    }

    @Test(
        "a segment under another segment's name is refused when opened, and verify finds one written before names were kept"
    )
    func segmentUnderAnotherName() throws {
        let older = try SegmentFile(Self.entries(20))
        let newer = try SegmentFile(Self.entries(30))
        let error = #expect(throws: StoreError.self) {
            try Segment(name: newer.name, bytes: MemorySegmentBytes(data: older.bytes), size: UInt64(older.bytes.count))
        }
        #expect(error?.message.contains("it holds the content of \(older.name)") == true)
        // Without an identity (zeroed, or written before it was kept) a segment cannot be told from another: refused,
        // so that the state is rebuilt from the journal.
        var erased = older.bytes
        erased.replaceSubrange(48..<64, with: [UInt8](repeating: 0, count: 16))
        let anonymous = #expect(throws: StoreError.self) {
            try Segment(name: older.name, bytes: MemorySegmentBytes(data: erased), size: UInt64(erased.count))
        }
        #expect(anonymous?.message.contains("holds no identity") == true)
        // verify compares every byte with the name, the identity bytes read as zero.
        var altered = older.bytes
        altered[altered.count - 3] ^= 0x01
        let damaged = try Segment(
            name: older.name, bytes: MemorySegmentBytes(data: altered), size: UInt64(altered.count))
        #expect(throws: StoreError.self) { try damaged.verify() }
    }

    @Test("a merge over older segments makes, byte for byte, the segment of all their entries with the newer winning")
    func mergeOverOlder() throws {
        // Three generations: the oldest holds r/0..<120, the middle one r/60..<180 and c/…, the new entries
        // r/100..<140 and r/200 (twice, the later winning). Values differ per generation.
        func generation(_ tag: String, _ keys: [String]) -> [SegmentEntry] {
            keys.map { SegmentEntry(key: $0, value: Array("\(tag):\($0)".utf8)) }
        }
        let oldest = try SegmentFile(generation("old", (0..<120).map { "r/R-\($0)" }))
        let middle = try SegmentFile(
            generation("mid", (60..<180).map { "r/R-\($0)" } + (0..<30).map { "c/C-\($0)" }))
        let pending =
            generation("new", (100..<140).map { "r/R-\($0)" })
            + [SegmentEntry(key: "r/R-200", value: [1]), SegmentEntry(key: "r/R-200", value: [2])]
        let segments = [try Self.open(middle), try Self.open(oldest)]
        let expected = try SegmentFile(try segments.reversed().flatMap { try $0.entries() } + pending)
        let merged = try SegmentFile(pending, over: segments)
        #expect(merged.bytes == expected.bytes)
        #expect(merged.name == expected.name)
        let result = try Self.open(merged)
        #expect(try result.value(for: "r/R-10") == Array("old:r/R-10".utf8))
        #expect(try result.value(for: "r/R-70") == Array("mid:r/R-70".utf8))
        #expect(try result.value(for: "r/R-120") == Array("new:r/R-120".utf8))
        #expect(try result.value(for: "r/R-200") == [2])
        #expect(try result.value(for: "c/C-3") == Array("mid:c/C-3".utf8))
        #expect(result.count == 180 + 30 + 1)
        try result.verify()
        #expect(try SegmentFile([], over: []).bytes == SegmentFile([]).bytes)
        #expect(try SegmentFile(pending, over: []).bytes == SegmentFile(pending).bytes)
    }

    @Test("a merge over a damaged older segment is refused, not written with the damage")
    func mergeOverDamaged() throws {
        let file = try SegmentFile(Self.entries(50))
        let damaged = try Self.damaged(file, "報告 7", offset: 1, flip: 0x01)
        #expect(throws: StoreError.self) { try SegmentFile([SegmentEntry(key: "r/new", value: [1])], over: [damaged]) }
        // Replacing the damaged value leaves nothing damaged to copy.
        _ = try SegmentFile([SegmentEntry(key: "r/R-7", value: [1])], over: [damaged])
    }

    @Test("a repeated key keeps its last value; the name follows the content")
    func repeatedKeys() throws {
        let file = try SegmentFile([
            SegmentEntry(key: "k", value: [1]), SegmentEntry(key: "k", value: [2]), SegmentEntry(key: "j", value: []),
        ])
        let segment = try Self.open(file)
        #expect(try segment.value(for: "k") == [2])
        #expect(try segment.value(for: "j") == [])
        #expect(
            try SegmentFile([SegmentEntry(key: "k", value: [2]), SegmentEntry(key: "j", value: [])]).name == file.name)
        #expect(try SegmentFile([SegmentEntry(key: "k", value: [3])]).name != file.name)
        #expect(throws: StoreError.self) { try SegmentFile([SegmentEntry(key: "", value: [1])]) }
    }

    @Test("a flipped byte anywhere is caught: on opening, on reading the value, or by verify")
    func damage() throws {
        let file = try SegmentFile(Self.entries(40))
        for position in stride(from: 0, to: file.bytes.count, by: 7) {
            var bytes = file.bytes
            bytes[position] ^= 0x20
            let caught: Bool
            do {
                let segment = try Segment(
                    name: file.name, bytes: MemorySegmentBytes(data: bytes), size: UInt64(bytes.count))
                try segment.verify()
                // Verified means the damage hit an unused byte (the header's zero padding, say) and
                // every lookup still answers correctly.
                for entry in Self.entries(40) { #expect(try segment.value(for: entry.key) == entry.value) }
                caught = false
            } catch {
                #expect(error.code == .corrupt)
                caught = true
            }
            if position >= 48 && position < 64 { continue }
            #expect(caught, "byte \(position) damaged without notice")
        }
        #expect(throws: StoreError.self) {
            try Segment(
                name: file.name, bytes: MemorySegmentBytes(data: Array(file.bytes.dropLast())),
                size: UInt64(file.bytes.count - 1))
        }
    }

    @Test("a snapshot names its segments; those no snapshot names are removed", arguments: StoreKind.all)
    func snapshotSegments(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let batches = try appendBatches(store, count: 6)
        let a = try SegmentFile(Self.entries(3))
        let b = try SegmentFile([SegmentEntry(key: "c/x", value: [7])])
        let first = Snapshot(seq: batches[1].last!.seq, hash: batches[1].last!.hash, state: [1], segments: [a.name])
        try store.writeSnapshot(first, segments: [a])
        #expect(try store.latestSnapshot() == first)
        #expect(try store.segment(named: a.name).value(for: "r/R-2") == Self.entries(3)[2].value)
        let second = Snapshot(
            seq: batches[3].last!.seq, hash: batches[3].last!.hash, state: [2], segments: [b.name, a.name])
        try store.writeSnapshot(second, segments: [b])
        #expect(try store.latestSnapshot() == second)
        let third = Snapshot(seq: batches[5].last!.seq, hash: batches[5].last!.hash, state: [3], segments: [b.name])
        try store.writeSnapshot(third, segments: [])
        // `a` was named by the snapshot before this one: kept as the fallback's. After one more, gone.
        #expect(throws: Never.self) { try store.segment(named: a.name) }
        try store.writeSnapshot(third, segments: [])
        #expect(throws: StoreError.self) { try store.segment(named: a.name) }
        #expect(try store.segment(named: b.name).value(for: "c/x") == [7])
    }

    /// A segment of several megabytes written again (a rebuild makes the same segment, so the same name): the file
    /// there is compared a megabyte at a time, kept when it holds the same bytes, written again when one byte differs
    /// anywhere, even in its last megabyte.
    @Test("a segment already there is kept when whole and written again when damaged")
    func segmentWrittenAgain() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true, options: smallIndex())
        let batches = try appendBatches(store, count: 2)
        let big = try SegmentFile(
            (0..<40).map { SegmentEntry(key: "r/R-\($0)", value: [UInt8](repeating: UInt8($0), count: 100_000)) })
        #expect(big.bytes.count > 3 << 20)
        let snapshot = Snapshot(
            seq: batches[1].last!.seq, hash: batches[1].last!.hash, state: [1], segments: [big.name])
        try store.writeSnapshot(snapshot, segments: [big])
        let file = path + "/" + big.name
        #expect(try fileBytes(file) == big.bytes)
        let written = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
        try store.writeSnapshot(snapshot, segments: [big])
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date == written)
        for position in [10, (1 << 20) + 5, big.bytes.count - 3] {
            var damaged = big.bytes
            damaged[position] ^= 0x01
            try Data(damaged).write(to: URL(fileURLWithPath: file))
            try store.writeSnapshot(snapshot, segments: [big])
            #expect(try fileBytes(file) == big.bytes, "byte \(position) damaged and kept")
        }
    }

    @Test("a snapshot written where snapshot.dat is missing keeps the segments the previous snapshot names")
    func previousSnapshotKeepsItsSegments() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        let batches = try appendBatches(store, count: 6)
        let a = try SegmentFile(Self.entries(3))
        let b = try SegmentFile([SegmentEntry(key: "c/x", value: [7])])
        try store.writeSnapshot(
            Snapshot(seq: batches[1].last!.seq, hash: batches[1].last!.hash, state: [1], segments: [a.name]),
            segments: [a])
        try store.writeSnapshot(
            Snapshot(seq: batches[3].last!.seq, hash: batches[3].last!.hash, state: [2], segments: [b.name, a.name]),
            segments: [b])
        // A replacement killed between its two renames leaves no snapshot.dat; snapshot.previous.dat names `a`.
        try FileManager.default.removeItem(atPath: path + "/snapshot.dat")
        try store.writeSnapshot(
            Snapshot(seq: batches[5].last!.seq, hash: batches[5].last!.hash, state: [3], segments: [b.name]),
            segments: [])
        #expect(throws: Never.self) { try store.segment(named: a.name) }
        #expect(try JournalStore.verify(at: path).isValid)
    }

    @Test("a journal cut before the seq of a whole snapshot is refused: acknowledged records are missing")
    func journalCutBeforeTheSnapshot() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true)
        let batches = try appendBatches(store, count: 6)
        try store.writeSnapshot(
            Snapshot(seq: batches[5].last!.seq, hash: batches[5].last!.hash, state: [1], segments: []), segments: [])
        store.close()
        // The journal cut at a batch boundary (an older copy restored, say), with the index removed so that
        // nothing but the snapshot remembers the lost records.
        let cut = recordBytes(try fileBytes(path + "/journal.jsonl"))
        let keep = cut.indices.filter { cut[$0] == 0x0a }[Int(batches[2].last!.seq) - 1] + 1
        try writeFile(path + "/journal.jsonl", Array(cut[..<keep]))
        try FileManager.default.removeItem(atPath: path + "/index.bin")
        let (reopened, _) = try JournalStore.open(at: path, create: false)
        let error = #expect(throws: StoreError.self) { try reopened.latestSnapshot() }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("acknowledged records are missing") == true)
        let report = try JournalStore.verify(at: path)
        #expect(report.problem?.seq == batches[2].last!.seq + 1)
        #expect(report.problem?.message.contains("but snapshot.dat was taken at seq \(batches[5].last!.seq)") == true)
    }

    @Test("a snapshot naming a segment that does not exist is refused", arguments: StoreKind.all)
    func unknownSegment(kind: StoreKind) throws {
        let fixture = try kind.make()
        let store = fixture.store
        let batches = try appendBatches(store, count: 2)
        let missing = try SegmentFile([SegmentEntry(key: "k", value: [1])])
        let snapshot = Snapshot(
            seq: batches[1].last!.seq, hash: batches[1].last!.hash, state: [], segments: [missing.name])
        let error = #expect(throws: StoreError.self) { try store.writeSnapshot(snapshot) }
        #expect(error?.code == .invalidSnapshot)
        #expect(try store.latestSnapshot() == nil)
        #expect(throws: StoreError.self) { try store.segment(named: "../journal.jsonl") }
    }

    @Test("the snapshot file keeps its segment list and still reads the first layout")
    func snapshotFileLayouts() throws {
        let names = [try SegmentFile([SegmentEntry(key: "a", value: [1])]).name]
        let snapshot = Snapshot(seq: 4, hash: String(repeating: "cd", count: 32), state: [9], segments: names)
        #expect(try SnapshotFile.decode(SnapshotFile.encode(snapshot), name: "s") == snapshot)
        let state: [UInt8] = [1, 2]
        var header = Array(#"{"v":1,"seq":3,"hash":""#.utf8) + Array(String(repeating: "ab", count: 32).utf8)
        header += Array(#"","size":2,"sha256":""#.utf8) + Checksum.hex(of: state) + Array(#""}"#.utf8)
        let v1 = header + [0x09] + Checksum.hex(of: header) + [0x0a] + state
        #expect(
            try SnapshotFile.decode(v1, name: "s")
                == Snapshot(seq: 3, hash: String(repeating: "ab", count: 32), state: state))
    }

    @Test("verify names a damaged segment that a snapshot uses")
    func verifyFindsDamagedSegments() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("store")
        let (store, _) = try JournalStore.open(at: path, create: true, options: smallIndex())
        let batches = try appendBatches(store, count: 3)
        let segment = try SegmentFile(Self.entries(20))
        try store.writeSnapshot(
            Snapshot(seq: batches[2].last!.seq, hash: batches[2].last!.hash, state: [1], segments: [segment.name]),
            segments: [segment])
        #expect(try store.verify().problem == nil)
        var bytes = try fileBytes(path + "/" + segment.name)
        bytes[bytes.count - 30] ^= 0x01
        try writeFile(path + "/" + segment.name, bytes)
        let problem = try #require(try store.verify().problem)
        #expect(problem.file == segment.name)
        #expect(problem.message.contains("checksum"))
    }
}
