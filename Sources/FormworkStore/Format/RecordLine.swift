import FormworkText

/// One journal line of format v1: a compact JSON record, a tab, the hex SHA-256 of the record's bytes, and a
/// line feed. The store writes the record's bytes itself around the caller's body, so the hash is over exact
/// bytes and the body comes back byte for byte.
///
/// ```
/// {"v":1,"seq":7,"cmd":"c-42","i":0,"n":1,"time":"…","actor":"p-1","kind":"…","prev":"…","body":{…}}<TAB><hex>
/// ```
struct RecordLine {
    var seq: UInt64
    /// Above every seq a record may have: readers count on from a line's seq.
    static let seqLimit: UInt64 = 1 << 62
    var commandID: String
    var index: Int
    var count: Int
    var time: String
    var actor: String
    var kind: String
    /// Hex digits (ASCII) of the previous record's hash.
    var prev: [UInt8]
    /// Hex digits (ASCII) of this record's hash.
    var hash: [UInt8]
    /// Where the body is within the line's bytes.
    var bodyRange: Range<Int>

    /// The format version this build writes and reads.
    static let version: UInt64 = 1

    /// The bytes of a whole line (with tab, hash and line feed), and the hash.
    static func encode(
        seq: UInt64, commandID: String, index: Int, count: Int, draft: RecordDraft, prev: [UInt8]
    ) -> (line: [UInt8], hash: [UInt8]) {
        var line: [UInt8] = []
        line.reserveCapacity(draft.body.count + 256)
        // Literals and numbers are appended in place: building a temporary array for each piece cost more than
        // the rest of the line.
        append(#"{"v":1,"seq":"#, to: &line)
        appendDecimal(seq, to: &line)
        append(#","cmd":"#, to: &line)
        JSONString.append(commandID, to: &line)
        append(#","i":"#, to: &line)
        appendDecimal(UInt64(index), to: &line)
        append(#","n":"#, to: &line)
        appendDecimal(UInt64(count), to: &line)
        append(#","time":"#, to: &line)
        JSONString.append(draft.time, to: &line)
        append(#","actor":"#, to: &line)
        JSONString.append(draft.actor, to: &line)
        append(#","kind":"#, to: &line)
        JSONString.append(draft.kind, to: &line)
        append(#","prev":""#, to: &line)
        line += prev
        append(#"","body":"#, to: &line)
        line += draft.body
        line.append(0x7d)
        let hash = Checksum.hex(of: line)
        line.append(0x09)
        line += hash
        line.append(0x0a)
        return (line, hash)
    }

    /// Appends the bytes of a literal.
    private static func append(_ literal: StaticString, to line: inout [UInt8]) {
        literal.withUTF8Buffer { line.append(contentsOf: $0) }
    }

    /// Appends `number` in decimal digits, without leading zeros (`String(number)`'s digits).
    static func appendDecimal(_ number: UInt64, to line: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes for at most 20 digits, filled from the end
        var count = 0
        var rest = number
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                count += 1
                buffer[24 - count] = UInt8(truncatingIfNeeded: 0x30 &+ rest % 10)
                rest /= 10
            } while rest > 0
            line.append(contentsOf: buffer[(24 - count)..<24])
        }
    }

    /// What is wrong with a line.
    enum Defect: Error, Equatable {
        /// The checksum is missing or does not match: what a torn write leaves behind.
        case damaged(String)
        /// The checksum matches but the record breaks the grammar: not a torn write.
        case invalid(String)
        /// A format version this build does not read.
        case unsupportedVersion(UInt64)

        var message: String {
            switch self {
            case .damaged(let message), .invalid(let message): message
            case .unsupportedVersion(let version): "format version \(version) is not supported (this build reads 1)"
            }
        }
    }

    /// Parses one line without its line feed.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(Defect) -> RecordLine {
        let count = line.count
        guard count >= 66, line[count - 65] == 0x09 else {
            throw .damaged("the line has no checksum (a tab and 64 hex digits at its end)")
        }
        let stored = UnsafeBufferPointer(rebasing: line[(count - 64)...])
        guard Checksum.isHex(stored) else { throw .damaged("the line's checksum is not 64 lowercase hex digits") }
        let record = UnsafeBufferPointer(rebasing: line[..<(count - 65)])
        let computed = Checksum.hex(of: UnsafeRawBufferPointer(record))
        guard computed.elementsEqual(stored) else {
            throw .damaged("checksum mismatch: the record's bytes hash to \(String(decoding: computed, as: UTF8.self))")
        }
        var parser = Parser(bytes: record)
        return try parser.record(hash: Array(stored))
    }

    /// Parses one line (without its line feed) held in an array slice.
    static func parse(_ line: ArraySlice<UInt8>) throws(Defect) -> RecordLine {
        let result = line.withUnsafeBufferPointer { buffer -> Result<RecordLine, Defect> in
            do throws(Defect) {
                return .success(try parse(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The record's seq, kind, … with its body copied out of `line` (the line's bytes without the line feed).
    func stored(from line: ArraySlice<UInt8>) -> StoredRecord {
        let start = line.startIndex
        return StoredRecord(
            seq: seq, commandID: commandID, index: index, kind: kind, actor: actor, time: time,
            body: Array(line[(start + bodyRange.lowerBound)..<(start + bodyRange.upperBound)]),
            prev: String(decoding: prev, as: UTF8.self), hash: String(decoding: hash, as: UTF8.self))
    }
}

extension RecordLine {
    /// Reads the record's fields in the one order format v1 writes them.
    private struct Parser {
        var cursor: ByteCursor

        init(bytes: UnsafeBufferPointer<UInt8>) {
            cursor = ByteCursor(bytes)
        }

        mutating func record(hash: [UInt8]) throws(Defect) -> RecordLine {
            try expect(#"{"v":"#)
            let version = try unsigned("v")
            guard version == RecordLine.version else { throw .unsupportedVersion(version) }
            try expect(#","seq":"#)
            let seq = try unsigned("seq")
            // Counted on from (`seq + 1`) by every reader: below 2^62, which no store reaches.
            guard seq > 0, seq < RecordLine.seqLimit else { throw .invalid("seq must be from 1 to 2^62 - 1") }
            try expect(#","cmd":"#)
            let commandID = try string("cmd")
            try expect(#","i":"#)
            let index = try unsigned("i")
            try expect(#","n":"#)
            let count = try unsigned("n")
            guard count >= 1, count <= UInt64(StoreLimits.maxBatchRecords), index < count else {
                throw .invalid("the batch position i=\(index) of n=\(count) is impossible")
            }
            try expect(#","time":"#)
            let time = try string("time")
            try expect(#","actor":"#)
            let actor = try string("actor")
            try expect(#","kind":"#)
            let kind = try string("kind")
            try expect(#","prev":""#)
            guard let prev = cursor.hex64() else { throw .invalid("prev is not 64 lowercase hex digits") }
            try expect(#"","body":"#)
            let bytes = cursor.bytes
            let bodyStart = cursor.position
            let bodyEnd = bytes.count - 1
            guard bodyEnd > bodyStart, bytes[bodyEnd] == 0x7d else {
                throw .invalid("the record does not end with the body object and '}'")
            }
            var first = bodyStart
            while first < bodyEnd, bytes[first] == 0x20 { first += 1 }
            guard first < bodyEnd, bytes[first] == 0x7b else { throw .invalid("the body is not a JSON object") }
            return RecordLine(
                seq: seq, commandID: commandID, index: Int(index), count: Int(count), time: time, actor: actor,
                kind: kind, prev: prev, hash: hash, bodyRange: bodyStart..<bodyEnd)
        }

        private mutating func expect(_ literal: StaticString) throws(Defect) {
            guard cursor.consume(literal) else {
                let text = String(
                    decoding: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount),
                    as: UTF8.self)
                throw .invalid("expected \(text) at byte \(cursor.position + 1) of the record")
            }
        }

        private mutating func unsigned(_ name: String) throws(Defect) -> UInt64 {
            guard let value = cursor.unsigned() else {
                throw .invalid("\(name) is not an unsigned integer without leading zeros")
            }
            return value
        }

        private mutating func string(_ name: String) throws(Defect) -> String {
            guard let text = cursor.string() else { throw .invalid("\(name) is not a valid JSON string") }
            return text
        }
    }
}
