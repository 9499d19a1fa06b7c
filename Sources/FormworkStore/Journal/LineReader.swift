/// Reads a byte range of a journal line by line, in bounded chunks, so that no file is read whole and no line
/// longer than the limit is ever held in memory.
enum LineReader {
    /// How a line ended.
    enum Ending: Equatable {
        /// With a line feed (not included in the bytes).
        case newline
        /// At the end of the range, without a line feed.
        case endOfRange
        /// Longer than the limit: only its start offset is reported; its bytes are skipped.
        case tooLong
    }

    /// Calls `body` with each line's start offset, bytes and ending, until it returns `false` or the range ends.
    static func forEachLine(
        in file: any StoreFile, from start: Int64, to end: Int64, chunkSize: Int = 1 << 20,
        maxLine: Int = StoreLimits.maxLineBytes,
        _ body: (Int64, ArraySlice<UInt8>, Ending) -> Bool
    ) throws(FileSystemError) {
        var offset = start
        var pending: [UInt8] = []
        var pendingStart = start
        var skipping = false
        while offset < end {
            let chunk = try file.read(at: offset, count: Int(min(Int64(chunkSize), end - offset)))
            if chunk.isEmpty { break }
            var lineBegin = 0
            while let newline = chunk[lineBegin...].firstIndex(of: 0x0a) {
                let nextStart = offset + Int64(newline + 1)
                if skipping {
                    skipping = false
                } else if pending.isEmpty {
                    if newline - lineBegin > maxLine {
                        guard body(pendingStart, [], .tooLong) else { return }
                    } else {
                        guard body(pendingStart, chunk[lineBegin..<newline], .newline) else { return }
                    }
                } else {
                    let total = pending.count + newline - lineBegin
                    if total > maxLine {
                        guard body(pendingStart, [], .tooLong) else { return }
                    } else {
                        pending += chunk[lineBegin..<newline]
                        guard body(pendingStart, pending[...], .newline) else { return }
                    }
                    pending = []
                }
                lineBegin = newline + 1
                pendingStart = nextStart
            }
            if !skipping && lineBegin < chunk.count {
                if pending.count + chunk.count - lineBegin > maxLine {
                    guard body(pendingStart, [], .tooLong) else { return }
                    skipping = true
                    pending = []
                } else {
                    pending += chunk[lineBegin...]
                }
            }
            offset += Int64(chunk.count)
        }
        if !skipping && !pending.isEmpty {
            _ = body(pendingStart, pending[...], .endOfRange)
        }
    }

    /// The line starting at `start` (bytes without the line feed, and the offset just past its line feed), or
    /// `nil` when no complete line within the limit starts there before `end`.
    static func line(
        in file: any StoreFile, at start: Int64, before end: Int64
    ) throws(FileSystemError) -> (
        bytes: [UInt8], end: Int64
    )? {
        var found: ([UInt8], Int64)?
        try forEachLine(in: file, from: start, to: end, chunkSize: 64 * 1024) { lineStart, bytes, ending in
            if ending == .newline { found = (Array(bytes), lineStart + Int64(bytes.count) + 1) }
            return false
        }
        return found
    }

    /// The offset of the first line that starts at or after `position` and before `end`, or `nil`.
    static func lineStart(
        in file: any StoreFile, atOrAfter position: Int64, before end: Int64
    )
        throws(FileSystemError) -> Int64?
    {
        if position == 0 { return end > 0 ? 0 : nil }
        var offset = position - 1
        while offset < end {
            let chunk = try file.read(at: offset, count: Int(min(64 * 1024, end - offset)))
            if chunk.isEmpty { return nil }
            if let newline = chunk.firstIndex(of: 0x0a) {
                let start = offset + Int64(newline) + 1
                return start < end ? start : nil
            }
            offset += Int64(chunk.count)
        }
        return nil
    }
}
