import FormworkDiagnostics
package import FormworkLanguage
package import Foundation

/// Bytes of the compiled form-set cache: variable-length integers, and strings written once in a
/// table and referred to by number (a form set repeats its file names in every location).
package struct BinaryWriter {
    package private(set) var body: [UInt8] = []
    private var strings: [String] = []
    private var stringNumbers: [String: Int] = [:]

    /// A writer whose body has room for `capacity` bytes before it grows: a form set's 64 KiB by default; an entity
    /// of a snapshot (one writer each, hundreds of thousands of them in a rebuild) asks for less.
    package init(reserving capacity: Int = 64 * 1024) {
        body.reserveCapacity(capacity)
    }

    /// The string table followed by the body.
    package var bytes: [UInt8] { bytes(after: []) }

    /// `prefix`, then the string table, then the body, made in one array.
    package func bytes(after prefix: [UInt8]) -> [UInt8] {
        // The exact size: the arrays of a snapshot's entities are kept until its segment is written.
        var size = prefix.count + Self.size(of: UInt64(strings.count)) + body.count
        for string in strings { size += Self.size(of: UInt64(string.utf8.count)) + string.utf8.count }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        out += prefix
        Self.append(UInt64(strings.count), to: &out)
        for string in strings {
            Self.append(UInt64(string.utf8.count), to: &out)
            out += string.utf8
        }
        out += body
        return out
    }

    package mutating func unsigned(_ value: UInt64) {
        Self.append(value, to: &body)
    }

    /// How many bytes `append(_:to:)` writes for `value`.
    private static func size(of value: UInt64) -> Int {
        var count = 1
        var rest = value >> 7
        while rest > 0 {
            count += 1
            rest >>= 7
        }
        return count
    }

    /// `value` as a variable-length integer: seven bits a byte, low bits first, the high bit set on all but the last.
    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A signed integer, zigzag-encoded.
    package mutating func int(_ value: Int) {
        let wide = Int64(value)
        unsigned(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    package mutating func int64(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    package mutating func bool(_ flag: Bool) {
        body.append(flag ? 1 : 0)
    }

    package mutating func byte(_ value: UInt8) {
        body.append(value)
    }

    package mutating func raw(_ bytes: [UInt8]) {
        unsigned(UInt64(bytes.count))
        body += bytes
    }

    package mutating func string(_ text: String) {
        // One lookup finds the string's number or makes the next one its number (hashing the string once).
        let next = strings.count
        let number = Self.number(&stringNumbers[text, default: next])
        if number == next { strings.append(text) }
        unsigned(UInt64(number))
    }

    private static func number(_ slot: inout Int) -> Int { slot }

    package mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        guard let value else {
            body.append(0)
            return
        }
        body.append(1)
        write(&self, value)
    }

    package mutating func array<T>(_ values: [T], _ write: (inout BinaryWriter, T) -> Void) {
        unsigned(UInt64(values.count))
        for value in values { write(&self, value) }
    }

    mutating func location(_ location: SourceLocation) {
        string(location.file)
        int(location.line)
        int(location.column)
    }
}

/// Reads what `BinaryWriter` wrote; any byte out of place is an error, never a guess.
package struct BinaryReader {
    package struct Malformed: Error {
        package init() {}
    }

    // Readable by the inlinable readers below, which other modules specialise for their own types.
    @usableFromInline let bytes: [UInt8]
    @usableFromInline var position = 0
    @usableFromInline var strings: [String] = []

    package init(_ bytes: [UInt8], startingAt start: Int = 0) throws {
        guard start >= 0, start <= bytes.count else { throw Malformed() }
        self.bytes = bytes
        position = start
        let count = try length()
        strings.reserveCapacity(count)
        let source = bytes
        try source.withUnsafeBufferPointer { buffer in
            for _ in 0..<count {
                let size = try length()
                guard position + size <= buffer.count else { throw Malformed() }
                // Decoding a buffer is the standard library's fast path; repairing invalid UTF-8 changes
                // the bytes, so comparing them back is the validation (the generic one is far slower).
                let utf8 = UnsafeBufferPointer(rebasing: buffer[position..<(position + size)])
                var text = String(decoding: utf8, as: UTF8.self)
                let unchanged = text.withUTF8 { decoded in
                    guard decoded.count == size else { return false }
                    guard let left = decoded.baseAddress, let right = utf8.baseAddress else { return true }
                    return memcmp(left, right, size) == 0
                }
                guard unchanged else { throw Malformed() }
                strings.append(text)
                position += size
            }
        }
    }

    @inlinable package var isAtEnd: Bool { position == bytes.count }

    @inlinable package mutating func unsigned() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// A count or size: at most the bytes left, so that a damaged count cannot ask for huge arrays.
    @inlinable package mutating func length() throws -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count) else { throw Malformed() }
        return Int(value)
    }

    @inlinable package mutating func int64() throws -> Int64 {
        let value = try unsigned()
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    @inlinable package mutating func int() throws -> Int {
        let value = try int64()
        guard let narrow = Int(exactly: value) else { throw Malformed() }
        return narrow
    }

    @inlinable package mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw Malformed() }
        defer { position += 1 }
        return bytes[position]
    }

    @inlinable package mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    package mutating func raw() throws -> [UInt8] {
        let size = try length()
        guard position + size <= bytes.count else { throw Malformed() }
        defer { position += size }
        return Array(bytes[position..<(position + size)])
    }

    @inlinable package mutating func string() throws -> String {
        let number = try unsigned()
        guard number < UInt64(strings.count) else { throw Malformed() }
        return strings[Int(number)]
    }

    @inlinable package mutating func optional<T>(_ read: (inout BinaryReader) throws -> T) throws -> T? {
        try bool() ? read(&self) : nil
    }

    @inlinable package mutating func array<T>(_ read: (inout BinaryReader) throws -> T) throws -> [T] {
        let count = try length()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    mutating func location() throws -> SourceLocation {
        SourceLocation(file: try string(), line: try int(), column: try int())
    }
}

// Values of the condition language, shared by the compiled form-set cache and the engine's snapshots.
extension BinaryWriter {
    /// A decimal as its canonical text: exact, and independent of Foundation's memory layout.
    package mutating func decimal(_ number: Decimal) {
        string(DecimalText.canonical(number))
    }

    package mutating func date(_ date: LocalDate) {
        int(date.year)
        int(date.month)
        int(date.day)
    }

    /// An instant as seconds since the epoch and its UTC offset in minutes, if it has one.
    package mutating func timestamp(_ instant: Timestamp) {
        int64(instant.secondsSinceEpoch)
        optional(instant.utcOffsetMinutes) { $0.int($1) }
    }

    /// A value: a tag byte, then its content (lists and rows of a group recursively).
    package mutating func value(_ value: Value) {
        switch value {
        case .null: byte(0)
        case .bool(let flag):
            byte(1)
            bool(flag)
        case .int(let number):
            byte(2)
            int(number)
        case .decimal(let number):
            byte(3)
            decimal(number)
        case .string(let text):
            byte(4)
            string(text)
        case .date(let date):
            byte(5)
            self.date(date)
        case .datetime(let instant):
            byte(6)
            timestamp(instant)
        case .list(let elements):
            byte(7)
            array(elements) { $0.value($1) }
        case .record(let record):
            byte(8)
            string(record.name)
            array(record.fields) { out, field in
                out.string(field.name)
                out.value(field.value)
            }
        }
    }
}

extension BinaryReader {
    /// Decimals are read as the POSIX locale reads them (a point, no grouping).
    package mutating func decimal() throws -> Decimal {
        guard let number = DecimalText.parse(try string()) else { throw Malformed() }
        return number
    }

    package mutating func date() throws -> LocalDate {
        guard let date = LocalDate(year: try int(), month: try int(), day: try int()) else { throw Malformed() }
        return date
    }

    package mutating func timestamp() throws -> Timestamp {
        let seconds = try int64()
        let offset = try optional { r in try r.int() }
        // Only what the journal's RFC 3339 text can hold: an instant altered to `Int64.min` would trap when its date
        // is computed.
        guard Timestamp.representableSeconds.contains(seconds),
            let instant = Timestamp(secondsSinceEpoch: seconds, utcOffsetMinutes: offset)
        else { throw Malformed() }
        return instant
    }

    /// A value as `BinaryWriter.value(_:)` wrote it; lists and rows nest at most 32 deep, so damaged bytes
    /// cannot recurse without end.
    package mutating func value(depth: Int = 0) throws -> Value {
        guard depth < 32 else { throw Malformed() }
        switch try byte() {
        case 0: return .null
        case 1: return .bool(try bool())
        case 2: return .int(try int())
        case 3: return .decimal(try decimal())
        case 4: return .string(try string())
        case 5: return .date(try date())
        case 6: return .datetime(try timestamp())
        case 7: return .list(try array { r in try r.value(depth: depth + 1) })
        case 8:
            let name = try string()
            let fields = try array { r in Record.Field(name: try r.string(), value: try r.value(depth: depth + 1)) }
            return .record(Record(name: name, fields: fields))
        default: throw Malformed()
        }
    }
}
