import Crypto
import Synchronization

/// Random access to the bytes of one segment: a file of the store, or an in-memory twin.
protocol SegmentBytes: Sendable {
    func read(at offset: UInt64, count: Int) throws(StoreError) -> [UInt8]
}

/// An open segment: lookups by key, a full listing, and a check of every byte.
///
/// The header is checked when the segment is opened; each value's checksum when it is read. A
/// damaged segment is reported as `StoreError.corrupt` naming the file, never read as if valid.
public final class Segment: Sendable {
    public let name: String
    /// The number of keyed values.
    public let count: Int
    /// The size of the segment's file in bytes.
    public var byteCount: Int { Int(clamping: size) }
    private let bytes: any SegmentBytes
    private let valuesOffset: UInt64
    private let size: UInt64
    /// The table entries a lookup has checked, by index: every lookup's binary search starts at the same entries
    /// (the middle, then a quarter, …), and checking one costs two reads of the file. A segment never changes
    /// once written, so an entry checked once stays checked for as long as this object is open.
    private let checkedEntries = Mutex<[Int: TableEntry]>([:])

    init(name: String, bytes: any SegmentBytes, size: UInt64) throws(StoreError) {
        self.name = name
        self.bytes = bytes
        self.size = size
        guard size >= UInt64(SegmentFormat.headerSize) else {
            throw Self.damaged(name, "it is shorter than its header")
        }
        let header = try bytes.read(at: 0, count: SegmentFormat.headerSize)
        guard header.count == SegmentFormat.headerSize, Array(header[0..<8]) == SegmentFormat.magic else {
            throw Self.damaged(name, "it does not start with the segment header")
        }
        let count = SegmentFormat.readLittleEndian(header, at: 8, count: 8)
        let valuesOffset = SegmentFormat.readLittleEndian(header, at: 16, count: 8)
        let total = SegmentFormat.readLittleEndian(header, at: 24, count: 8)
        guard count <= UInt64(Int32.max),
            valuesOffset == UInt64(SegmentFormat.headerSize) + count * UInt64(SegmentFormat.entrySize),
            total == size, valuesOffset <= size
        else {
            throw Self.damaged(name, "its header does not match its size")
        }
        let identity = header[SegmentFormat.identityRange]
        guard identity.contains(where: { $0 != 0 }) else {
            // Written before segments kept their identity, or erased: either way it cannot be told from another.
            throw Self.damaged(name, "its header holds no identity, so it cannot be told from another segment")
        }
        guard SegmentFile.name(identity: identity) == name else {
            throw Self.damaged(
                name, "it holds the content of \(SegmentFile.name(identity: identity)), not of the segment it is named")
        }
        self.count = Int(count)
        self.valuesOffset = valuesOffset
    }

    static func damaged(_ name: String, _ why: String) -> StoreError {
        StoreError(.corrupt, "segment \(name) is damaged: \(why)", file: name)
    }

    private struct TableEntry: Sendable {
        var hash: UInt64
        var offset: UInt64
        var length: Int
    }

    private func entry(_ index: Int) throws(StoreError) -> TableEntry {
        let raw = try bytes.read(
            at: UInt64(SegmentFormat.headerSize + index * SegmentFormat.entrySize), count: SegmentFormat.entrySize)
        guard raw.count == SegmentFormat.entrySize else { throw Self.damaged(name, "its table is cut short") }
        return try entry(in: raw, 0, number: index)
    }

    /// Table entry `index` of `table` (the table, or one entry's bytes when `number` names it).
    private func entry(in table: [UInt8], _ index: Int, number: Int? = nil) throws(StoreError) -> TableEntry {
        let base = index * SegmentFormat.entrySize
        let entry = TableEntry(
            hash: SegmentFormat.readLittleEndian(table, at: base, count: 8),
            offset: SegmentFormat.readLittleEndian(table, at: base + 8, count: 8),
            length: Int(SegmentFormat.readLittleEndian(table, at: base + 16, count: 4)))
        // `size - offset`, not `offset + length`: an offset altered to near 2^64 must not overflow the check.
        guard entry.offset >= valuesOffset, entry.length >= 4 + 1 + SegmentFormat.checksumSize, entry.offset <= size,
            UInt64(entry.length) <= size - entry.offset
        else {
            throw Self.damaged(name, "table entry \(number ?? index) points outside the values")
        }
        return entry
    }

    private func value(at entry: TableEntry) throws(StoreError) -> (key: [UInt8], value: [UInt8]) {
        let raw = try bytes.read(at: entry.offset, count: entry.length)
        guard raw.count == entry.length else { throw Self.damaged(name, "a value is cut short") }
        guard let stored = try value(in: raw[...], at: entry.offset, keyPrefix: []) else {
            throw Self.damaged(name, "a value's key is malformed")
        }
        return stored
    }

    /// The key and value stored in `raw` (one value's bytes, found at `offset`), checked against
    /// their checksum; `nil` when the key does not start with `keyPrefix` (then nothing is checked).
    private func value(
        in raw: ArraySlice<UInt8>, at offset: UInt64, keyPrefix: [UInt8]
    ) throws(StoreError) -> (key: [UInt8], value: [UInt8])? {
        let base = raw.startIndex
        let keyLength = Int(SegmentFormat.readLittleEndian(raw, at: base, count: 4))
        let valueEnd = raw.endIndex - SegmentFormat.checksumSize
        guard keyLength >= 1, base + 4 + keyLength <= valueEnd else {
            throw Self.damaged(name, "a value's key is malformed")
        }
        let key = raw[(base + 4)..<(base + 4 + keyLength)]
        guard key.starts(with: keyPrefix) else { return nil }
        // Key and value lie side by side, so their checksum is over one contiguous run of bytes.
        guard SegmentFormat.checksum(of: raw[(base + 4)..<valueEnd]).elementsEqual(raw[valueEnd...]) else {
            throw Self.damaged(name, "the value at offset \(offset) fails its checksum")
        }
        return (Array(key), Array(raw[(base + 4 + keyLength)..<valueEnd]))
    }

    /// The value stored under `key`, checked against its checksum; nil when the segment has none.
    ///
    /// The table's own checksum covers the whole table, too much to check for one lookup, so each table entry
    /// the binary search consults is checked against the key its value holds: an entry damaged in its hash,
    /// offset or length is refused, never followed. That makes a miss as trustworthy as a hit: a search that
    /// consults only correct entries ends where it would in the undamaged table, and the entry it ends on is
    /// checked too, so a damaged table can make a lookup fail but never answer "no such key" for a key it holds.
    public func value(for key: String) throws(StoreError) -> [UInt8]? {
        let keyBytes = Array(key.utf8)
        let hash = SegmentFormat.keyHash(keyBytes)
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if try checkedEntry(middle).hash < hash { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < count {
            let candidate = try checkedEntry(index)
            guard candidate.hash == hash else { break }
            let stored = try value(at: candidate)
            if stored.key == keyBytes { return stored.value }
            index += 1
        }
        return nil
    }

    /// Table entry `index`, refused unless the value it points to holds a key with the entry's hash.
    private func checkedEntry(_ index: Int) throws(StoreError) -> TableEntry {
        if let known = checkedEntries.withLock({ $0[index] }) { return known }
        let entry = try readCheckedEntry(index)
        // Enough for the first twelve levels of every search (the entries searches share); a process reading a
        // large segment all over does not keep its whole table twice.
        checkedEntries.withLock { if $0.count < 4_096 { $0[index] = entry } }
        return entry
    }

    /// `checkedEntry(index)` read and checked afresh.
    private func readCheckedEntry(_ index: Int) throws(StoreError) -> TableEntry {
        let entry = try entry(index)
        // Most keys are short ids: one read of the key's length and up to 60 bytes of it, a second for a longer key.
        var head = try bytes.read(at: entry.offset, count: min(entry.length, 64))
        let keyLength = head.count >= 4 ? Int(SegmentFormat.readLittleEndian(head, at: 0, count: 4)) : -1
        guard keyLength >= 1, 4 + keyLength + SegmentFormat.checksumSize <= entry.length else {
            throw Self.damaged(name, "table entry \(index) does not match its value")
        }
        if 4 + keyLength > head.count { head = try bytes.read(at: entry.offset, count: 4 + keyLength) }
        guard head.count >= 4 + keyLength, SegmentFormat.keyHash(Array(head[4..<(4 + keyLength)])) == entry.hash else {
            throw Self.damaged(name, "table entry \(index) does not match its value")
        }
        return entry
    }

    /// Where one keyed value lies in the segment: its key, and the byte range of its stored form.
    public struct Location: Sendable, Equatable {
        public let key: String
        let offset: UInt64
        let length: Int
    }

    /// How many bytes of values a listing or a bulk read holds at once: a segment of any size is read in
    /// runs of about this much, so that reading every report of a large store never holds the whole file.
    public static let windowBytes = 4 << 20

    /// The table's entries in the order their values lie in the file, once the whole table is checked against
    /// its checksum (a listing reads the whole table anyway): a damaged entry must not hide a value.
    private func tableInFileOrder() throws(StoreError) -> [TableEntry] {
        let table = try bytes.read(
            at: UInt64(SegmentFormat.headerSize), count: count * SegmentFormat.entrySize)
        guard table.count == count * SegmentFormat.entrySize else { throw Self.damaged(name, "its table is cut short") }
        try checkTable(table)
        var entries: [TableEntry] = []
        entries.reserveCapacity(count)
        for index in 0..<count { entries.append(try entry(in: table, index)) }
        entries.sort { $0.offset < $1.offset }
        return entries
    }

    /// Reads `entries` (in file order) a run of about `windowBytes` at a time, one read per run, and
    /// hands `body` each entry with its bytes: the slice of the run that holds it.
    private func forEachRun(
        of entries: [TableEntry], windowBytes: Int,
        _ body: ([(entry: TableEntry, raw: ArraySlice<UInt8>)]) throws(StoreError) -> Void
    ) throws(StoreError) {
        var first = 0
        while first < entries.count {
            let start = entries[first].offset
            var last = first
            var end = start + UInt64(entries[first].length)
            while last + 1 < entries.count {
                let next = entries[last + 1]
                let nextEnd = max(end, next.offset + UInt64(next.length))
                guard nextEnd - start <= UInt64(max(1, windowBytes)) else { break }
                end = nextEnd
                last += 1
            }
            let run = try bytes.read(at: start, count: Int(end - start))
            guard run.count == Int(end - start) else { throw Self.damaged(name, "its values are cut short") }
            var items: [(entry: TableEntry, raw: ArraySlice<UInt8>)] = []
            items.reserveCapacity(last - first + 1)
            for entry in entries[first...last] {
                let from = Int(entry.offset - start)
                items.append((entry, run[from..<(from + entry.length)]))
            }
            try body(items)
            first = last + 1
        }
    }

    /// The keys that start with `keyPrefix` (all of them by default) and where their values lie, in file
    /// order. With `checked`, each of those values is checked against its checksum, as a read would;
    /// without, only its key is read (for a caller that reads the values next, with `read`, which checks
    /// them). Reads the values a window at a time.
    public func locate(
        keyPrefix: String = "", checked: Bool = true, windowBytes: Int = Segment.windowBytes
    ) throws(StoreError) -> [Location] {
        let prefix = Array(keyPrefix.utf8)
        var found: [Location] = []
        try forEachRun(of: try tableInFileOrder(), windowBytes: windowBytes) { items throws(StoreError) in
            for (entry, raw) in items {
                guard let key = try key(in: raw, at: entry.offset, keyPrefix: prefix, checked: checked) else {
                    continue
                }
                found.append(
                    Location(key: String(decoding: key, as: UTF8.self), offset: entry.offset, length: entry.length))
            }
        }
        return found
    }

    /// The values at `locations` (from `locate` on this segment), each checked against its checksum and
    /// its key, handed to `body` a window at a time in the order given.
    public func read(
        _ locations: [Location], windowBytes: Int = Segment.windowBytes,
        _ body: ([(key: String, value: [UInt8])]) throws(StoreError) -> Void
    ) throws(StoreError) {
        try readStored(locations, windowBytes: windowBytes) { items throws(StoreError) in
            try body(
                items.map { location, stored in
                    let valueStart = stored.startIndex + 4 + location.key.utf8.count
                    return (location.key, Array(stored[valueStart..<(stored.endIndex - SegmentFormat.checksumSize)]))
                })
        }
    }

    /// The stored form of each value at `locations` (key length, key, value, checksum: the bytes a segment
    /// holding the same value holds), each checked against its checksum and its key, a window at a time.
    func readStored(
        _ locations: [Location], windowBytes: Int = Segment.windowBytes,
        _ body: ([(location: Location, stored: ArraySlice<UInt8>)]) throws(StoreError) -> Void
    ) throws(StoreError) {
        let entries = locations.map { TableEntry(hash: 0, offset: $0.offset, length: $0.length) }
        for location in locations {
            guard location.offset >= valuesOffset, location.length >= 4 + 1 + SegmentFormat.checksumSize,
                location.offset <= size, UInt64(location.length) <= size - location.offset
            else { throw Self.damaged(name, "a value was looked for outside the values") }
        }
        var next = 0
        try forEachRun(of: entries, windowBytes: windowBytes) { items throws(StoreError) in
            var stored: [(location: Location, stored: ArraySlice<UInt8>)] = []
            stored.reserveCapacity(items.count)
            for (entry, raw) in items {
                let location = locations[next]
                next += 1
                guard let value = try value(in: raw, at: entry.offset, keyPrefix: []),
                    value.key.elementsEqual(location.key.utf8)
                else { throw Self.damaged(name, "the value at offset \(entry.offset) is not the one listed") }
                stored.append((location, raw))
            }
            try body(stored)
        }
    }

    /// A reader of the stored form of the values at `locations` (from `locate` on this segment), in the order given.
    func cursor(over locations: [Location], windowBytes: Int) throws(StoreError) -> Cursor {
        for location in locations {
            guard location.offset >= valuesOffset, location.length >= 4 + 1 + SegmentFormat.checksumSize,
                location.offset <= size, UInt64(location.length) <= size - location.offset
            else { throw Self.damaged(name, "a value was looked for outside the values") }
        }
        return Cursor(segment: self, locations: locations, windowBytes: windowBytes)
    }

    /// The stored form of values (key length, key, value, checksum: the bytes a segment holding the same value
    /// holds), one after the other in the order of its locations, each checked against its checksum and its key. It
    /// reads a run of values at a time: as many as follow one another in the file within `windowBytes` (in a
    /// segment this store wrote, the values of a merge lie in the order they are asked for, so the runs are long).
    struct Cursor {
        let segment: Segment
        let locations: [Location]
        let windowBytes: Int
        /// The bytes read from `runStart` on, holding the values at `position..<runEnd`.
        private var run: [UInt8] = []
        private var runStart: UInt64 = 0
        private var runEnd = 0
        private var position = 0

        init(segment: Segment, locations: [Location], windowBytes: Int) {
            self.segment = segment
            self.locations = locations
            self.windowBytes = windowBytes
        }

        /// The next value's stored form; refused past the last location, or when the value is damaged.
        mutating func next() throws(StoreError) -> ArraySlice<UInt8> {
            guard position < locations.count else {
                throw Segment.damaged(segment.name, "more values were read than were located")
            }
            if position >= runEnd { try readRun() }
            let location = locations[position]
            position += 1
            let from = Int(location.offset - runStart)
            let raw = run[from..<(from + location.length)]
            guard let value = try segment.value(in: raw, at: location.offset, keyPrefix: []),
                value.key.elementsEqual(location.key.utf8)
            else { throw Segment.damaged(segment.name, "the value at offset \(location.offset) is not the one listed") }
            return raw
        }

        /// Reads the run that starts at the next location: it takes in the locations after it for as long as each
        /// lies after the one before (a damaged or foreign order only makes the runs shorter) and within the window.
        private mutating func readRun() throws(StoreError) {
            let start = locations[position].offset
            var end = start + UInt64(locations[position].length)
            var last = position
            while last + 1 < locations.count {
                let following = locations[last + 1]
                let followingEnd = following.offset + UInt64(following.length)
                guard following.offset >= end, followingEnd - start <= UInt64(windowBytes) else { break }
                end = followingEnd
                last += 1
            }
            run = []
            run = try segment.bytes.read(at: start, count: Int(end - start))
            guard run.count == Int(end - start) else { throw Segment.damaged(segment.name, "its values are cut short") }
            runStart = start
            runEnd = last + 1
        }
    }

    /// The key stored in `raw` (one value's bytes, found at `offset`) when it starts with `keyPrefix`,
    /// the value checked against its checksum when `checked`; `nil` for another key.
    private func key(
        in raw: ArraySlice<UInt8>, at offset: UInt64, keyPrefix: [UInt8], checked: Bool
    ) throws(StoreError) -> ArraySlice<UInt8>? {
        if checked {
            return try value(in: raw, at: offset, keyPrefix: keyPrefix).map { $0.key[...] }
        }
        let base = raw.startIndex
        let keyLength = Int(SegmentFormat.readLittleEndian(raw, at: base, count: 4))
        guard keyLength >= 1, base + 4 + keyLength <= raw.endIndex - SegmentFormat.checksumSize else {
            throw Self.damaged(name, "a value's key is malformed")
        }
        let key = raw[(base + 4)..<(base + 4 + keyLength)]
        return key.starts(with: keyPrefix) ? key : nil
    }

    /// Every keyed value whose key starts with `keyPrefix` (all of them by default), in file order, each
    /// checked against its checksum. Reads the values a window at a time, and holds them all: for a
    /// whole segment's values (a merge), not for reading a large store's reports (`locate`, then `read`).
    public func entries(keyPrefix: String = "") throws(StoreError) -> [SegmentEntry] {
        let prefix = Array(keyPrefix.utf8)
        var result: [SegmentEntry] = []
        result.reserveCapacity(count)
        try forEachRun(of: try tableInFileOrder(), windowBytes: Self.windowBytes) { items throws(StoreError) in
            for (entry, raw) in items {
                guard let stored = try value(in: raw, at: entry.offset, keyPrefix: prefix) else { continue }
                result.append(SegmentEntry(key: String(decoding: stored.key, as: UTF8.self), value: stored.value))
            }
        }
        return result
    }

    /// Checks that the whole file's digest (its identity bytes read as zero) gives the segment's name: the check
    /// `verify` makes of every byte, which opening makes only of the identity the header holds.
    private func checkName() throws(StoreError) {
        var hasher = SHA256()
        var offset: UInt64 = 0
        while offset < size {
            var chunk = try bytes.read(at: offset, count: Int(min(UInt64(Self.windowBytes), size - offset)))
            guard !chunk.isEmpty else { throw Self.damaged(name, "it is cut short") }
            for index in SegmentFormat.identityRange where UInt64(index) >= offset {
                let local = Int(UInt64(index) - offset)
                if local < chunk.count { chunk[local] = 0 }
            }
            chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            offset += UInt64(chunk.count)
        }
        guard SegmentFile.name(identity: Array(hasher.finalize()).prefix(SegmentFormat.identitySize)) == name else {
            throw Self.damaged(name, "its bytes do not give its name (it is another segment's content, or altered)")
        }
    }

    /// Checks `table` (the whole table's bytes) against the checksum in the header.
    private func checkTable(_ table: [UInt8]) throws(StoreError) {
        let head = try bytes.read(at: 0, count: 32)
        let stored = try bytes.read(at: 32, count: 16)
        guard Array(Checksum.raw(of: head + table).prefix(16)) == stored else {
            throw Self.damaged(name, "its table fails its checksum")
        }
    }

    public func verify() throws(StoreError) {
        let table = try bytes.read(at: UInt64(SegmentFormat.headerSize), count: count * SegmentFormat.entrySize)
        try checkTable(table)
        var previous: (UInt64, UInt64)?
        var keys: Set<[UInt8]> = []
        for index in 0..<count {
            let item = try entry(index)
            if let previous, previous >= (item.hash, item.offset) {
                throw Self.damaged(name, "its table is not sorted at entry \(index)")
            }
            previous = (item.hash, item.offset)
            let value = try value(at: item)
            guard SegmentFormat.keyHash(value.key) == item.hash, keys.insert(value.key).inserted else {
                throw Self.damaged(name, "table entry \(index) does not match its value")
            }
        }
        // Last: a damaged value is better named by its own checksum than by the digest of the whole file.
        try checkName()
    }
}

/// A segment held in memory (the in-memory store's twin of a file).
struct MemorySegmentBytes: SegmentBytes {
    let data: [UInt8]

    func read(at offset: UInt64, count: Int) throws(StoreError) -> [UInt8] {
        guard offset <= UInt64(data.count) else { return [] }
        let start = Int(offset)
        return Array(data[start..<min(data.count, start + max(0, count))])
    }
}
