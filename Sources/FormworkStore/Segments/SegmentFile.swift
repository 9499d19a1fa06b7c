/// A segment ready to be written: its content-derived name and its bytes.
///
/// Names are `seg-` followed by 32 hex digits of the SHA-256 of the bytes (with header bytes 48..<64 zero) and
/// `.fws`, so that a segment is never overwritten with different content and writing it twice is harmless. Those
/// 16 header bytes then hold the same digits as bytes, so that a segment found under another segment's name (an
/// older one restored or copied over a newer) is refused when it is opened, without reading it whole.
public struct SegmentFile: Sendable, Equatable {
    public let name: String
    let bytes: [UInt8]

    /// Encodes `entries` (keys of 1 to 1,024 bytes; a repeated key keeps its last value).
    public init(_ entries: [SegmentEntry]) throws(StoreError) {
        try self.init(entries, over: [])
    }

    /// Encodes `entries` merged over `older` segments (newest first): the segment that
    /// `SegmentFile(older.reversed().flatMap { $0.entries() } + entries)` would make, byte for byte, without
    /// holding the older segments' values apart from the result. A damaged older value is refused (`.corrupt`).
    public init(_ entries: [SegmentEntry], over older: [Segment]) throws(StoreError) {
        try self.init(SegmentMerge(entries, over: older))
    }

    /// The segment `merge` makes, in memory (a store writes a large one to its file as it is made instead).
    public init(_ merge: SegmentMerge) throws(StoreError) {
        var bytes: [UInt8] = []
        let (identity, _) = try SegmentFormat.write(merge) { piece throws(StoreError) in bytes += piece }
        name = Self.name(identity: identity)
        bytes.replaceSubrange(SegmentFormat.identityRange, with: identity)
        self.bytes = bytes
    }

    /// The name of the segment whose identity (the first 16 bytes of its digest) is `identity`.
    static func name(identity: some Collection<UInt8>) -> String {
        "seg-" + String(decoding: Checksum.hexDigits(of: identity), as: UTF8.self) + ".fws"
    }

    /// Whether `name` has the shape of a segment's name (and so is safe as a file name).
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 4 + 32 + 4, name.hasPrefix("seg-"), name.hasSuffix(".fws") else { return false }
        return bytes[4..<36].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
