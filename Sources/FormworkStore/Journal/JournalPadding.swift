#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The unused space at the end of a format-2 journal.
///
/// A write that grows a file makes its `fdatasync` write the inode as well (the size changed), one more
/// synchronous I/O per acknowledgement. So the journal is grown ahead of its records: a write that does not
/// fit in the space left writes, with its batch, a chunk of spaces after it, and the next batches overwrite
/// those spaces in place without changing the size. The records end where the padding begins: after the last
/// byte that is neither a space nor a NUL (a crash while the file grew can leave zeros the kernel never
/// wrote). See docs/store-format.md, "Padding".
public enum JournalPadding {
    /// The byte the padding is written with: a space, so that `jq` and other JSON readers take it as
    /// whitespace between values.
    static let byte: UInt8 = 0x20

    /// How far ahead the journal grows by default: 1 MiB, a few hundred submits between two growths (so that
    /// growing shows in fewer than 1% of the acknowledgements), and little to read when a process looks for the
    /// records' end.
    public static let defaultChunk: Int64 = 1 << 20

    /// The most a store grows the journal ahead by (`Options.journalPadding` is held to it), and so the most
    /// padding a reader looks through: more than this (and a block) is not a store's padding but damage, a
    /// file extended by hand, say, and the reader refuses it rather than read gigabytes of it.
    public static let maxChunk: Int64 = 64 << 20
    static let maxPadding = maxChunk + 8192

    /// 64 KiB of padding, made once: the block a growth writes its padding from (`StoreFile.write(_:thenRepeating:…)`).
    static let block = [UInt8](repeating: byte, count: 64 * 1024)

    /// Whether `byte` can be padding: a space, or a zero left by a crash while the file grew.
    static func isPadding(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0 }

    /// The size of the file once a write ending at `end` has grown it by `chunk` bytes of padding, rounded up
    /// to whole 4 KiB blocks so that the next writes overwrite whole, already allocated blocks.
    static func grownSize(toHold end: Int64, chunk: Int64) -> Int64 {
        let wanted = end + max(0, chunk)
        return (wanted + 4095) / 4096 * 4096
    }

    /// Where the journal's bytes end in a file of `size` bytes: just after the last byte that is not padding;
    /// `nil` when the file ends with more than `maxPadding` bytes of padding. Reads the padding backwards in
    /// 64 KiB pieces (it is at most a chunk, plus what a crash left).
    static func dataEnd(of file: any StoreFile, size: Int64) throws(FileSystemError) -> Int64? {
        var end = size
        while end > 0 {
            guard size - end <= maxPadding else { return nil }  // (read no further than the bound needs)
            let start = max(0, end - 64 * 1024)
            let bytes = try file.read(at: start, count: Int(end - start))
            // A file that shrank under us (another process cut it): look again from its new end.
            guard bytes.count == Int(end - start) else {
                return try dataEnd(of: file, size: start + Int64(bytes.count))
            }
            if let last = lastNonPadding(in: bytes) {
                let dataEnd = start + Int64(last) + 1
                return size - dataEnd <= maxPadding ? dataEnd : nil
            }
            end = start
        }
        return size <= maxPadding ? 0 : nil
    }

    /// The refusal of a journal that ends with more padding than a store writes.
    static func tooMuchPadding(size: Int64) -> StoreError {
        StoreError(
            .corrupt,
            "the journal (\(size) bytes) ends with more than \(maxPadding >> 20) MiB of spaces or zeros, "
                + "more than a store grows it ahead by: it was extended by something else; cut the file after its "
                + "last line feed",
            file: StoreLayout.journal)
    }

    /// The offset of the first byte at or after `start` and before `end` that is not padding (`end` when there
    /// is none): where bytes written over the padding by an unfinished write begin.
    static func skip(in file: any StoreFile, from start: Int64, to end: Int64) throws(FileSystemError) -> Int64 {
        var offset = start
        while offset < end {
            let bytes = try file.read(at: offset, count: Int(min(64 * 1024, end - offset)))
            if bytes.isEmpty { return end }
            if let first = bytes.firstIndex(where: { !isPadding($0) }) { return offset + Int64(first) }
            offset += Int64(bytes.count)
        }
        return end
    }

    /// A block of spaces, the padding as a store writes it, to compare whole blocks of the journal's end with.
    private static let spaceBlock = [UInt8](repeating: byte, count: 4096)

    /// The index of the last byte of `bytes` that is not padding: whole 4 KiB blocks of spaces compared at once
    /// (`memcmp`, vectorised by the C library: a 1 MiB chunk of padding costs a few thousand instructions, not a
    /// million), then eight bytes at a time.
    static func lastNonPadding(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { buffer -> Int? in
            var index = buffer.count
            if let base = buffer.baseAddress {
                spaceBlock.withUnsafeBytes { spaces in
                    guard let blank = spaces.baseAddress else { return }
                    let block = spaces.count
                    while index >= block, memcmp(base + (index - block), blank, block) == 0 { index -= block }
                }
            }
            let spaces: UInt64 = 0x2020_2020_2020_2020
            while index >= 8 {
                let word = buffer.loadUnaligned(fromByteOffset: index - 8, as: UInt64.self)
                guard word == spaces || word == 0 else { break }
                index -= 8
            }
            while index > 0 {
                if !isPadding(buffer[index - 1]) { return index - 1 }
                index -= 1
            }
            return nil
        }
    }
}
