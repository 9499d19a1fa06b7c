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
        keyAndValue.withUnsafeBytes { checksum(of: $0) }
    }

    /// The same checksum, of bytes in place (the writer's, over the buffer it lays the file out in).
    static func checksum(of keyAndValue: UnsafeRawBufferPointer) -> [UInt8] {
        Array(Checksum.raw(of: keyAndValue).prefix(checksumSize))
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
        // Every byte of the file is written below exactly once: the header and the table, then each value into its
        // own place (the places follow one another by construction). So the buffer starts uninitialised: zeroing a
        // snapshot's segment first (175 MB for 100,000 reports) and copying each value through an array of its own
        // cost more than the writing. Should the bytes written not add up to the file, it is zeroed and refused.
        let total = Int(offset)
        var failure: StoreError?
        var filled = 0
        let out = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            func put(_ bytes: some Collection<UInt8>, at start: Int) -> Bool {
                guard start >= 0, bytes.count <= total - start else { return false }
                _ = UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + bytes.count)]).initialize(
                    from: bytes)
                return true
            }
            if put(head, at: 0), put(tableBytes, at: head.count) { filled = head.count + tableBytes.count }
            for (key, value) in unique {
                guard let start = offsets[key], let length = lengths[key], length <= total - start else { continue }
                var at = start
                // The key's length, little-endian, in the value's first 4 bytes (`length` leaves room for them).
                let keyLength = key.utf8.count
                for index in 0..<4 { buffer[at + index] = UInt8(truncatingIfNeeded: keyLength >> (8 * index)) }
                at += 4
                guard put(key.utf8, at: at) else { continue }
                at += key.utf8.count
                guard put(value, at: at) else { continue }
                at += value.count
                let keyAndValue = UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[(start + 4)..<at]))
                guard put(checksum(of: keyAndValue), at: at) else { continue }
                filled += length
            }
            do throws(StoreError) {
                for (segment, locations) in zip(older, kept) {
                    try segment.readStored(locations) { items throws(StoreError) in
                        for (location, stored) in items {
                            guard let start = offsets[location.key], lengths[location.key] == stored.count,
                                put(stored, at: start)
                            else { continue }
                            filled += stored.count
                        }
                    }
                }
            } catch {
                failure = error
            }
            // Bytes never written are never handed out: the whole buffer is zeroed before the segment is refused.
            if failure != nil || filled != total { buffer.initialize(repeating: 0) }
            initialized = total
        }
        if let failure { throw failure }
        guard filled == total else {
            throw StoreError(
                .invalidSnapshot,
                "the \(unique.count) new and \(kept.joined().count) kept values of a segment filled \(filled) of its "
                    + "\(total) bytes; it is not written")
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
