import Crypto

/// SHA-256 of the exact revision an approver signs, from swift-crypto (BoringSSL on Linux, CryptoKit
/// on Apple platforms): pure and deterministic like the rest of the engine, and several times cheaper
/// than the hand-written version it replaces.
enum RevisionDigest {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The SHA-256 digest of `bytes` as 64 lower-case hexadecimal digits.
    static func hex(of bytes: [UInt8]) -> String {
        // Read in place and written straight into the string's storage: iterating the digest and
        // decoding an array of digits cost a quarter as much as hashing the revision.
        Crypto.SHA256.hash(data: bytes).withUnsafeBytes { digest in
            String(unsafeUninitializedCapacity: 2 * digest.count) { text in
                for (index, byte) in digest.enumerated() {
                    text[2 * index] = digits[Int(byte >> 4)]
                    text[2 * index + 1] = digits[Int(byte & 0x0f)]
                }
                return 2 * digest.count
            }
        }
    }
}
