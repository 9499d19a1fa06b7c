import Crypto

/// SHA-256 as lowercase hex, the form every hash takes in the store's files.
enum Checksum {
    /// The `prev` of seq 1 and the hash of an empty journal's head.
    static let zeroHex = String(repeating: "0", count: 64)
    /// `zeroHex` as bytes.
    static let zeroHexBytes = [UInt8](repeating: UInt8(ascii: "0"), count: 64)

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The 64 hex digits (as ASCII bytes) of the SHA-256 of `bytes`.
    static func hex(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        return hexDigits(of: hasher.finalize())
    }

    /// The 64 hex digits (as ASCII bytes) of the SHA-256 of `bytes`.
    static func hex(of bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.withUnsafeBytes { hex(of: $0) }
    }

    /// The 64 hex digits (as ASCII bytes) of the SHA-256 of `bytes`.
    static func hex(of bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hex(of: $0) }
    }

    /// The SHA-256 of `bytes`, as 32 bytes.
    static func raw(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        return Array(hasher.finalize())
    }

    static func raw(of bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Array(hasher.finalize())
    }

    static func hexDigits(of digest: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return out
    }

    /// True for exactly 64 lowercase hex digits.
    static func isHex(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count == 64 && bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// Hex digits back to 32 raw bytes; `nil` unless `hex` is 64 lowercase hex digits.
    static func rawBytes(fromHex hex: [UInt8]) -> [UInt8]? {
        guard isHex(hex) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var index = 0
        while index < 64 {
            out.append(value(hex[index]) << 4 | value(hex[index + 1]))
            index += 2
        }
        return out
    }

    private static func value(_ digit: UInt8) -> UInt8 {
        digit <= 0x39 ? digit - 0x30 : digit - 0x61 + 10
    }
}
