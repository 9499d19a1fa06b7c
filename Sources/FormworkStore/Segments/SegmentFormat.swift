import Crypto

/// The bytes of a segment file: an immutable, sorted table of keyed values that a snapshot names, so
/// that a command reads the few entities it touches instead of decoding the whole state.
///
/// ```
/// 0   magic "FWSEG01\n"                      8 bytes
/// 8   entry count                           u64 little-endian
/// 16  offset of the values area             u64 (= 64 + count × 24)
/// 24  total file size                       u64
/// 32  first 16 bytes of the SHA-256 of bytes 0..<32 and the table (checked by `verify`)
/// 48  the segment's identity: the first 16 bytes of the SHA-256 of the whole file with these 16 bytes zero,
///     the digits of its name (a segment without one is refused when opened)
/// 64  table: count × [key hash u64][value offset u64][value length u32][zero u32], sorted by hash, offset
/// …   values: [key length u32][key][value][first 8 bytes of the SHA-256 of key and value]
/// ```
///
/// A lookup binary-searches the table (a few 24-byte reads) and checks the value's own checksum, so
/// that a damaged value is refused, never returned.
enum SegmentFormat {
    static let magic: [UInt8] = Array("FWSEG01\n".utf8)
    static let headerSize = 64
    static let entrySize = 24
    static let checksumSize = 8
    /// Where the header keeps the segment's identity (see the layout above).
    static let identityRange = 48..<64
    static let identitySize = 16
    /// Keys are ids: long ones are refused rather than stored.
    static let maxKeyBytes = 1024

    /// FNV-1a, 64 bits: cheap and stable; collisions are resolved by comparing keys.
    static func keyHash(_ key: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The checksum of a value's key and value bytes, given as the one run they form in the file.
    static func checksum(of keyAndValue: ArraySlice<UInt8>) -> [UInt8] {
        keyAndValue.withUnsafeBytes { checksum(of: $0) }
    }

    /// The same checksum, of bytes in place (the writer's, over the buffer it lays the file out in).
    static func checksum(of keyAndValue: UnsafeRawBufferPointer) -> [UInt8] {
        Array(Checksum.raw(of: keyAndValue).prefix(checksumSize))
    }

    /// Writes the segment `merge` makes to `sink`, in pieces of about `pieceBytes`, and returns its identity (the
    /// first 16 bytes of the SHA-256 of the whole file with the identity's own bytes zero, as they are written) and
    /// its size. The caller puts the identity in its place (`identityRange`) once every piece is written.
    ///
    /// Keys are unique: a later duplicate in the new entries wins, the new entries win over the older segments, and
    /// a newer segment over an older one. The table comes first, from each value's length and key alone; then the
    /// values in key order, each new one laid out in the piece being filled and each older one copied as stored
    /// (once its checksum and key are checked), read a window at a time. So a merge holds one piece and one window
    /// per older segment, never the file: a snapshot's merge into a store's largest segment writes gigabytes at a
    /// million reports, and building them in one buffer first needed as much memory again.
    static func write(
        _ merge: SegmentMerge, pieceBytes: Int = 1 << 20, to sink: ([UInt8]) throws(StoreError) -> Void
    ) throws(StoreError) -> (identity: [UInt8], size: Int) {
        let locations = try merge.older.map { segment throws(StoreError) in try segment.locate(checked: false) }
        let values = try plan(merge.entries, over: locations)
        let valuesOffset = UInt64(headerSize + values.count * entrySize)
        // Each value's place follows from the lengths of those before it, in key order.
        var table: [(hash: UInt64, offset: UInt64, length: UInt32)] = []
        table.reserveCapacity(values.count)
        var offset = valuesOffset
        for value in values {
            table.append((keyHash(value.key.utf8), offset, UInt32(value.length)))
            offset += UInt64(value.length)
        }
        table.sort { ($0.hash, $0.offset) < ($1.hash, $1.offset) }
        var head = magic
        appendLittleEndian(UInt64(values.count), bytes: 8, to: &head)
        appendLittleEndian(valuesOffset, bytes: 8, to: &head)
        appendLittleEndian(offset, bytes: 8, to: &head)
        var piece: [UInt8] = []
        piece.reserveCapacity(table.count * entrySize)
        for entry in table {
            appendLittleEndian(entry.hash, bytes: 8, to: &piece)
            appendLittleEndian(entry.offset, bytes: 8, to: &piece)
            appendLittleEndian(UInt64(entry.length), bytes: 4, to: &piece)
            appendLittleEndian(0, bytes: 4, to: &piece)
        }
        table = []
        head += Checksum.raw(of: head + piece).prefix(16)
        head += [UInt8](repeating: 0, count: identitySize)
        piece.insert(contentsOf: head, at: 0)
        var hasher = SHA256()
        var written = 0
        func flush() throws(StoreError) {
            guard !piece.isEmpty else { return }
            piece.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            try sink(piece)
            written += piece.count
            piece.removeAll(keepingCapacity: true)
        }
        try flush()
        piece = []
        piece.reserveCapacity(pieceBytes + pieceBytes / 4)
        // Each older segment's kept values, in the order they are written: its cursor reads them a window at a time.
        var wanted = [[Segment.Location]](repeating: [], count: merge.older.count)
        for value in values where value.segment >= 0 {
            wanted[value.segment].append(locations[value.segment][value.index])
        }
        var cursors = try zip(merge.older, wanted).map { segment, locations throws(StoreError) in
            try segment.cursor(over: locations, windowBytes: max(1, pieceBytes))
        }
        wanted = []
        for value in values {
            if value.segment < 0 {
                let entry = merge.entries[value.index]
                let keyLength = entry.key.utf8.count
                for index in 0..<4 { piece.append(UInt8(truncatingIfNeeded: keyLength >> (8 * index))) }
                let start = piece.count
                piece.append(contentsOf: entry.key.utf8)
                piece.append(contentsOf: entry.value)
                let sum = piece.withUnsafeBytes { checksum(of: UnsafeRawBufferPointer(rebasing: $0[start...])) }
                piece.append(contentsOf: sum)
            } else {
                piece.append(contentsOf: try cursors[value.segment].next())
            }
            if piece.count >= pieceBytes { try flush() }
        }
        try flush()
        guard written == Int(offset) else {
            throw StoreError(
                .invalidSnapshot,
                "the \(values.count) values of a segment came to \(written) of its \(offset) bytes; it is not written")
        }
        return (Array(hasher.finalize().prefix(identitySize)), written)
    }

    /// One value of a segment being written, in key order: a new entry (`segment` -1, `index` into the entries) or
    /// a value an older segment keeps (`index` into that segment's locations), and the length of its stored form.
    struct PlannedValue {
        var key: String
        var length: Int
        var segment: Int
        var index: Int
    }

    /// The values of a segment made of `entries` over older segments' `locations` (newest first), in key order,
    /// each key once: the newest value of each, as `write` says. Refuses keys a segment cannot hold.
    static func plan(
        _ entries: [SegmentEntry], over locations: [[Segment.Location]]
    ) throws(StoreError) -> [PlannedValue] {
        // Sorted by key, then by age: the first of each run of equal keys is the value kept. A later new entry is
        // younger than an earlier one, and every new entry younger than any older segment's value.
        var candidates: [(value: PlannedValue, age: Int)] = []
        candidates.reserveCapacity(entries.count + locations.reduce(0) { $0 + $1.count })
        for (index, entry) in entries.enumerated() {
            let value = PlannedValue(
                key: entry.key, length: 4 + entry.key.utf8.count + entry.value.count + checksumSize, segment: -1,
                index: index)
            candidates.append((value, -1 - index))
        }
        for (position, found) in locations.enumerated() {
            for (index, location) in found.enumerated() {
                let value = PlannedValue(key: location.key, length: location.length, segment: position, index: index)
                candidates.append((value, position * Int(Int32.max) + index))
            }
        }
        candidates.sort { $0.value.key != $1.value.key ? $0.value.key < $1.value.key : $0.age < $1.age }
        var values: [PlannedValue] = []
        values.reserveCapacity(candidates.count)
        for candidate in candidates where values.last?.key != candidate.value.key {
            let keyLength = candidate.value.key.utf8.count
            guard keyLength >= 1, keyLength <= maxKeyBytes else {
                throw StoreError(.invalidSnapshot, "a segment key must have 1 to \(maxKeyBytes) bytes")
            }
            guard candidate.value.length <= Int(UInt32.max) else {
                throw StoreError(.invalidSnapshot, "the value of \(candidate.value.key) is too large for a segment")
            }
            values.append(candidate.value)
        }
        return values
    }

    static func appendLittleEndian(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
        for index in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }

    static func readLittleEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> UInt64 {
        readLittleEndian(bytes[...], at: offset, count: count)
    }

    /// The little-endian number in `count` bytes of `bytes` from index `offset` (the slice's own indices).
    static func readLittleEndian(_ bytes: ArraySlice<UInt8>, at offset: Int, count: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        return value
    }
}

/// A segment to be made: new keyed values merged over the values of older segments (newest first) that they do not
/// replace. `SegmentFile` makes its bytes in memory; a store writes them to a file as they are made.
public struct SegmentMerge: Sendable {
    public var entries: [SegmentEntry]
    public var older: [Segment]

    public init(_ entries: [SegmentEntry], over older: [Segment] = []) {
        self.entries = entries
        self.older = older
    }
}

/// One keyed value of a segment.
public struct SegmentEntry: Sendable, Equatable {
    public var key: String
    public var value: [UInt8]

    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }
}
