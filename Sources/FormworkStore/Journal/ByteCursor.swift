/// A cursor over bytes for the fixed-order grammars the store writes (journal records, snapshot headers).
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position == bytes.count }

    /// Consumes `literal` if the bytes continue with it.
    mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard position + count <= bytes.count,
            UnsafeBufferPointer(rebasing: bytes[position..<(position + count)]).elementsEqual(expected)
        else { return false }
        position += count
        return true
    }

    /// An unsigned decimal without leading zeros, or `nil` (also on overflow).
    mutating func unsigned() -> UInt64? {
        let start = position
        var value: UInt64 = 0
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(bytes[position] - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            position += 1
        }
        guard position > start, bytes[start] != 0x30 || position == start + 1 else { return nil }
        return value
    }

    /// 64 lowercase hex digits, or `nil`.
    mutating func hex64() -> [UInt8]? {
        guard position + 64 <= bytes.count else { return nil }
        let digits = Array(bytes[position..<(position + 64)])
        guard Checksum.isHex(digits) else { return nil }
        position += 64
        return digits
    }

    /// A JSON string literal, or `nil`.
    mutating func string() -> String? {
        JSONText.parseString(bytes, at: &position)
    }
}
