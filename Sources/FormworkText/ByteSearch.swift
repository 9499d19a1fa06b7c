#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of bytes looked for in others: shared by `verify` (markers in journal records) and the condition
/// language's `in` on text. The standard library's `firstRange(of:)` and `contains(_:)` of one collection in another
/// are generic code that looks up type metadata at every step (35 s over the 632,000 records of a 100,000-report
/// store, where this takes under one).
public enum ByteSearch {
    /// Whether `needle` occurs in `haystack` (an empty needle always does): each place of its first byte found with
    /// `memchr`, then compared with `memcmp`.
    public static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
        guard let wanted = needle.baseAddress, !needle.isEmpty else { return true }
        guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
        let first = Int32(needle[0])
        var offset = 0
        while haystack.count - offset >= needle.count {
            guard let found = memchr(base + offset, first, haystack.count - offset - needle.count + 1) else {
                return false
            }
            let at = base.distance(to: UnsafeRawPointer(found))
            if memcmp(base + at, wanted, needle.count) == 0 { return true }
            offset = at + 1
        }
        return false
    }

    /// Whether `bytes` hold `needle`.
    public static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { haystack in needle.withUnsafeBytes { contains(haystack, $0) } }
    }

    /// Whether `text` contains `piece` as a run of Unicode scalars. UTF-8 is self-synchronising (a scalar's first
    /// byte is never another's continuation byte), so that is the same as its bytes containing the piece's.
    public static func contains(_ text: String, _ piece: String) -> Bool {
        var text = text
        var piece = piece
        return text.withUTF8 { haystack in
            piece.withUTF8 { needle in contains(UnsafeRawBufferPointer(haystack), UnsafeRawBufferPointer(needle)) }
        }
    }
}
