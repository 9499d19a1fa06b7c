/// One of the two header slots of `index.bin`: how big the table is and which journal record it covers.
///
/// The two slots (at bytes 0 and 512) are written alternately, each with its own SHA-256, so a torn header
/// write leaves the other slot valid; the valid slot with the higher generation wins (as LMDB's meta pages).
struct IndexHeader: Equatable {
    static let magic: [UInt8] = Array("FWIDX\u{0}\u{0}\u{1}".utf8)
    static let slotOffsets: [Int64] = [0, 512]
    static let slotSize = 120
    /// Where the table starts.
    static let tableOffset: Int64 = 4096
    static let entrySize = 16
    static let initialCapacity = 1024

    var generation: UInt64
    /// The number of table slots (a power of two).
    var capacity: UInt64
    /// The number of entries in the table.
    var count: UInt64
    /// Every batch whose records all have seq ≤ `coveredSeq` is in the table.
    var coveredSeq: UInt64
    /// The byte range of the journal line of `coveredSeq` (0..<0 when nothing is covered).
    var coveredStart: Int64
    var coveredEnd: Int64
    /// The hex hash of record `coveredSeq` (64 zeros when nothing is covered).
    var coveredHash: [UInt8]
    /// The slot this header was read from (0 or 1).
    var slot: Int

    /// An empty index of the initial size.
    static let empty = IndexHeader(
        generation: 1, capacity: UInt64(initialCapacity), count: 0, coveredSeq: 0, coveredStart: 0, coveredEnd: 0,
        coveredHash: Checksum.zeroHexBytes, slot: 0)

    /// The slot's bytes, checksum included.
    func encoded() -> [UInt8] {
        var bytes = Self.magic
        for value in [generation, capacity, count, coveredSeq, UInt64(coveredStart), UInt64(coveredEnd)] {
            bytes += Self.littleEndian(value)
        }
        bytes += Checksum.rawBytes(fromHex: coveredHash) ?? [UInt8](repeating: 0, count: 32)
        bytes += Checksum.raw(of: bytes)
        return bytes
    }

    /// The header in `bytes`, or `nil` when the slot is blank, torn or not an index header.
    static func decode(_ bytes: ArraySlice<UInt8>, slot: Int) -> IndexHeader? {
        guard bytes.count >= slotSize else { return nil }
        let slotBytes = Array(bytes.prefix(slotSize))
        guard Array(slotBytes[0..<8]) == magic, Checksum.raw(of: Array(slotBytes[0..<88])) == Array(slotBytes[88..<120])
        else { return nil }
        let values = (0..<6).map { readLittleEndian(slotBytes, at: 8 + $0 * 8) }
        let capacity = values[1]
        // The generation and the covered seq are counted on from (`+ 1`): a header altered to hold 2^64 - 1, its
        // checksum written anew, is not one a store wrote (no store reaches 2^62 of either).
        guard capacity >= UInt64(initialCapacity), capacity.nonzeroBitCount == 1, capacity <= 1 << 40,
            values[2] <= capacity, values[4] <= values[5], values[5] <= UInt64(Int64.max),
            values[0] < 1 << 62, values[3] < 1 << 62
        else { return nil }
        let hash = Checksum.hexDigits(of: slotBytes[56..<88])
        // Covering nothing is the empty range with the zero hash; covering a record is a line of some length. A
        // header that mixes the two (whatever its checksum says) would start the tail anywhere in the journal.
        if values[3] == 0 {
            guard values[4] == 0, values[5] == 0, hash == Checksum.zeroHexBytes else { return nil }
        } else {
            guard values[4] < values[5] else { return nil }
        }
        return IndexHeader(
            generation: values[0], capacity: capacity, count: values[2], coveredSeq: values[3],
            coveredStart: Int64(values[4]), coveredEnd: Int64(values[5]), coveredHash: hash, slot: slot)
    }

    static func littleEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    static func readLittleEndian(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        return value
    }
}
