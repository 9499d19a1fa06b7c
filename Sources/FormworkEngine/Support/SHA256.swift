import Crypto

/// SHA-256 of the exact revision an approver signs, from swift-crypto (BoringSSL on Linux, CryptoKit
/// on Apple platforms): pure and deterministic like the rest of the engine, and several times cheaper
/// than the hand-written version it replaces.
enum RevisionDigest {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The SHA-256 digest of `bytes` as 64 lower-case hexadecimal digits.
    static func hex(of bytes: [UInt8]) -> String {
        let digest = Crypto.SHA256.hash(data: bytes)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
