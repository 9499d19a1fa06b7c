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
    static func keyHash(_ key: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The checksum of a value's key and value bytes, given as the one run they form in the file.
    static func checksum(of keyAndValue: ArraySlice<UInt8>) -> [UInt8] {
        Array(keyAndValue.withUnsafeBytes { Checksum.raw(of: $0) }.prefix(checksumSize))
    }

    /// The whole file for `entries` over the values of the `older` segments (newest first) that `entries`
    /// does not replace: keys are unique, a later duplicate in `entries` wins, `entries` win over `older`, and
    /// a newer segment over an older one. The file is built in one buffer: the table first, from each value's
    /// length, then every value straight into its place, an older one copied as stored (once its checksum
    /// and key are checked) a window at a time, so a merge never holds the older segments' values beside it.
    static func encode(_ entries: [SegmentEntry], over older: [Segment] = []) throws(StoreError) -> [UInt8] {
        var unique: [String: [UInt8]] = [:]
        for entry in entries { unique[entry.key] = entry.value }
        var seen = Set(unique.keys)
        var kept: [[Segment.Location]] = []
        for segment in older {
            kept.append(try segment.locate(checked: false).filter { seen.insert($0.key).inserted })
        }
        var lengths: [String: Int] = [:]
        lengths.reserveCapacity(seen.count)
        for (key, value) in unique { lengths[key] = 4 + key.utf8.count + value.count + checksumSize }
        for location in kept.joined() { lengths[location.key] = location.length }
        let keys = lengths.keys.sorted()
        let valuesOffset = UInt64(headerSize + keys.count * entrySize)
        // Each value's place follows from the lengths of those before it, in key order.
        var table: [(hash: UInt64, offset: UInt64, length: UInt32)] = []
        table.reserveCapacity(keys.count)
        var offsets: [String: Int] = [:]
        offsets.reserveCapacity(keys.count)
        var offset = valuesOffset
        for key in keys {
            let keyLength = key.utf8.count
            guard keyLength >= 1, keyLength <= maxKeyBytes else {
                throw StoreError(.invalidSnapshot, "a segment key must have 1 to \(maxKeyBytes) bytes")
            }
            let length = lengths[key] ?? 0
            guard length <= Int(UInt32.max) else {
                throw StoreError(.invalidSnapshot, "the value of \(key) is too large for a segment")
            }
            table.append((keyHash(Array(key.utf8)), offset, UInt32(length)))
            offsets[key] = Int(offset)
            offset += UInt64(length)
        }
        table.sort { ($0.hash, $0.offset) < ($1.hash, $1.offset) }
        var head = magic
        appendLittleEndian(UInt64(keys.count), bytes: 8, to: &head)
        appendLittleEndian(valuesOffset, bytes: 8, to: &head)
        appendLittleEndian(offset, bytes: 8, to: &head)
        var tableBytes: [UInt8] = []
        tableBytes.reserveCapacity(table.count * entrySize)
        for entry in table {
            appendLittleEndian(entry.hash, bytes: 8, to: &tableBytes)
            appendLittleEndian(entry.offset, bytes: 8, to: &tableBytes)
            appendLittleEndian(UInt64(entry.length), bytes: 4, to: &tableBytes)
            appendLittleEndian(0, bytes: 4, to: &tableBytes)
        }
        head += Checksum.raw(of: head + tableBytes).prefix(16)
        head += [UInt8](repeating: 0, count: 16)
        var out = [UInt8](repeating: 0, count: Int(offset))
        out.replaceSubrange(0..<head.count, with: head)
        out.replaceSubrange(head.count..<(head.count + tableBytes.count), with: tableBytes)
        for (key, value) in unique {
            guard let start = offsets[key] else { continue }
            var stored: [UInt8] = []
            stored.reserveCapacity(4 + key.utf8.count + value.count + checksumSize)
            appendLittleEndian(UInt64(key.utf8.count), bytes: 4, to: &stored)
            stored += key.utf8
            stored += value
            stored += checksum(of: stored[4...])
            out.replaceSubrange(start..<(start + stored.count), with: stored)
        }
        for (segment, locations) in zip(older, kept) {
            try segment.readStored(locations) { items throws(StoreError) in
                for (location, stored) in items {
                    guard let start = offsets[location.key] else { continue }
                    out.replaceSubrange(start..<(start + stored.count), with: stored)
                }
            }
        }
        return out
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

/// One keyed value of a segment.
public struct SegmentEntry: Sendable, Equatable {
    public var key: String
    public var value: [UInt8]

    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }
}
