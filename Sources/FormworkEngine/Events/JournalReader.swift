import FormworkDefinitions
import FormworkLanguage
import Foundation

/// Reads the compact JSON that `JSONBuffer` writes for journal events, and nothing else: the same
/// key order, no whitespace, only the escapes the writer uses, integers without fraction or
/// exponent. Every read returns nil at the first byte that differs from what the writer would
/// have written, and the caller then leaves the record to `JSONDecoder` (docs/design/event-json.md).
///
/// Texts are validated as UTF-8 as `JSONDecoder` does; a value that `JSONDecoder` would refuse
/// (a date that does not exist, a number beyond `Int`) is refused here too, so that `JSONDecoder`
/// reports it; timestamps and dates must be spelled as the writer spells them, decimals in its shape.
struct JournalReader {
    private let bytes: [UInt8]
    private(set) var index: Int

    init(_ bytes: [UInt8], from index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    /// Whether every byte was read.
    var atEnd: Bool { index == bytes.count }

    /// Consumes `text` if the input continues with exactly it.
    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let matches = text.withUTF8Buffer { expected in
            for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
            return true
        }
        if matches { index += count }
        return matches
    }

    /// Consumes one byte if it is `byte`.
    mutating func byte(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// The next byte, without consuming it.
    var next: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// `,"key":`; nothing is consumed unless all of it is there (optional keys are tried).
    mutating func nextKey(_ key: StaticString) -> Bool {
        let start = index
        guard byte(0x2c), self.key(key) else {
            index = start
            return false
        }
        return true
    }

    /// `"key":`; nothing is consumed unless all of it is there (optional keys are tried).
    mutating func key(_ key: StaticString) -> Bool {
        let start = index
        guard byte(0x22), literal(key), byte(0x22), byte(0x3a) else {
            index = start
            return false
        }
        return true
    }

    /// A string as `JSONBuffer.string` writes it (not canonical).
    mutating func string() -> String? {
        guard byte(0x22) else { return nil }
        var start = index
        var unescaped: [UInt8] = []
        var escaped = false
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                let text: String?
                if escaped {
                    unescaped.append(contentsOf: bytes[start..<index])
                    text =
                        ascii
                        ? String(decoding: unescaped, as: UTF8.self) : String(validating: unescaped, as: UTF8.self)
                } else if ascii {
                    // ASCII is valid UTF-8: no validation needed.
                    text = String(decoding: bytes[start..<index], as: UTF8.self)
                } else {
                    text = String(validating: bytes[start..<index], as: UTF8.self)
                }
                index += 1
                return text
            }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            guard byte == 0x5c else {
                index += 1
                continue
            }
            if !escaped {
                unescaped.reserveCapacity(index - start + 16)
                escaped = true
            }
            unescaped.append(contentsOf: bytes[start..<index])
            guard index + 1 < bytes.count else { return nil }
            switch bytes[index + 1] {
            case 0x22: unescaped.append(0x22)
            case 0x5c: unescaped.append(0x5c)
            case 0x6e: unescaped.append(0x0a)
            case 0x72: unescaped.append(0x0d)
            case 0x74: unescaped.append(0x09)
            case 0x62: unescaped.append(0x08)
            case 0x66: unescaped.append(0x0c)
            case 0x75:
                // `\u00xx`, lowercase hex, only for the control characters without a short escape.
                guard index + 5 < bytes.count, bytes[index + 2] == 0x30, bytes[index + 3] == 0x30,
                    let high = Self.hex(bytes[index + 4]), high < 2, let low = Self.hex(bytes[index + 5])
                else { return nil }
                let control = high << 4 | low
                guard ![0x08, 0x09, 0x0a, 0x0c, 0x0d].contains(control) else { return nil }
                unescaped.append(control)
                index += 4
            default: return nil
            }
            index += 2
            start = index
        }
        return nil
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// An integer as `JSONBuffer.int` writes it: an optional minus, no leading zeros, within `Int`.
    mutating func int() -> Int? {
        let negative = byte(0x2d)
        guard let first = next, (0x30...0x39).contains(first) else { return nil }
        if first == 0x30 {
            index += 1
            guard !negative, !Self.continuesNumber(next) else { return nil }
            return 0
        }
        var magnitude: UInt64 = 0
        while let digit = next, (0x30...0x39).contains(digit) {
            let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(UInt64(digit - 0x30))
            guard !overflow, !carry else { return nil }
            magnitude = sum
            index += 1
        }
        guard !Self.continuesNumber(next) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { return nil }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int.max) else { return nil }
        return Int(magnitude)
    }

    /// Whether a byte after digits would make the number a fraction or an exponent (or more digits).
    private static func continuesNumber(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte == 0x2e || byte == 0x65 || byte == 0x45 || (0x30...0x39).contains(byte)
    }

    mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    mutating func id<Tag: IdentifierTag>() -> Identifier<Tag>? {
        string().map { Identifier(rawValue: $0) }
    }

    /// A timestamp as its `description`: `2026-03-01T09:00:00Z` is read from its bytes; any other
    /// shape goes through `Timestamp(_:)`, as `Timestamp`'s `Decodable` does.
    mutating func time() -> Timestamp? {
        let start = index
        if index + 22 <= bytes.count, bytes[index] == 0x22, bytes[index + 20] == 0x5a, bytes[index + 21] == 0x22,
            bytes[index + 5] == 0x2d, bytes[index + 8] == 0x2d, bytes[index + 11] == 0x54, bytes[index + 14] == 0x3a,
            bytes[index + 17] == 0x3a, let year = digits(start + 1, 4), let month = digits(start + 6, 2),
            let day = digits(start + 9, 2), let hour = digits(start + 12, 2), let minute = digits(start + 15, 2),
            let second = digits(start + 18, 2)
        {
            guard let date = LocalDate(year: year, month: month, day: day),
                let time = Timestamp(date: date, hour: hour, minute: minute, second: second)
            else { return nil }
            index += 22
            return time
        }
        // Only the writer's spelling (`description`): `z`, fractions and the like go to `JSONDecoder`.
        return string().flatMap { text in Timestamp(text).flatMap { $0.description == text ? $0 : nil } }
    }

    /// The number written by `count` ASCII digits at `offset`.
    private func digits(_ offset: Int, _ count: Int) -> Int? {
        var result = 0
        for position in offset..<(offset + count) {
            let byte = bytes[position]
            guard (0x30...0x39).contains(byte) else { return nil }
            result = result * 10 + Int(byte - 0x30)
        }
        return result
    }

    /// `[` elements `]`, each read by `element`.
    mutating func array<Element>(_ element: (inout JournalReader) -> Element?) -> [Element]? {
        guard byte(0x5b) else { return nil }
        var elements: [Element] = []
        if byte(0x5d) { return elements }
        repeat {
            guard let item = element(&self) else { return nil }
            elements.append(item)
        } while byte(0x2c)
        return byte(0x5d) ? elements : nil
    }

    mutating func ids<Tag: IdentifierTag>() -> [Identifier<Tag>]? {
        array { $0.id() }
    }

    mutating func strings() -> [String]? {
        array { $0.string() }
    }

    /// A value in the tagged shape of `StoredValue`, decoded as its `Decodable` decodes it.
    mutating func storedValue() -> Value? {
        switch next {
        case 0x6e: return literal("null") ? .null : nil
        case 0x74, 0x66: return bool().map { Value.bool($0) }
        case 0x22: return string().map { Value.string($0) }
        case 0x5b: return array { $0.storedValue() }.map { Value.list($0) }
        case 0x7b:
            index += 1
            let value: Value?
            if key("decimal") {
                // Only the writer's shape (`-`, digits, a fraction), read as `StoredValue` reads it.
                value = string().flatMap { text in
                    Self.isPlainDecimal(text) ? DecimalText.parse(text) : nil
                }.map { Value.decimal($0) }
            } else if key("date") {
                value = string().flatMap { text in LocalDate(text).flatMap { $0.description == text ? $0 : nil } }
                    .map { Value.date($0) }
            } else if key("datetime") {
                value = time().map { Value.datetime($0) }
            } else if key("record") {
                let fields = array { reader -> Record.Field? in
                    guard reader.byte(0x7b), let name = reader.string(), reader.byte(0x3a),
                        let value = reader.storedValue(), reader.byte(0x7d)
                    else { return nil }
                    return Record.Field(name: name, value: value)
                }
                value = fields.map { Value.record(Record(name: "row", fields: $0)) }
            } else {
                return nil
            }
            return byte(0x7d) ? value : nil
        default: return int().map { Value.int($0) }
        }
    }

    /// Whether `text` is an optional `-`, digits, and optionally `.` and digits: the shape
    /// `CanonicalText.decimal` writes (no exponent, no spaces, no `+`).
    static func isPlainDecimal(_ text: String) -> Bool {
        var utf8 = text.utf8[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        let whole = utf8.prefix { (0x30...0x39).contains($0) }
        guard !whole.isEmpty else { return false }
        utf8 = utf8.dropFirst(whole.count)
        guard let point = utf8.first else { return true }
        let fraction = utf8.dropFirst().prefix { (0x30...0x39).contains($0) }
        return point == UInt8(ascii: ".") && !fraction.isEmpty && fraction.count == utf8.count - 1
    }

    /// Answers: an object keyed by field id, in strictly increasing UTF-8 order (as `.sortedKeys`).
    mutating func answers() -> Answers? {
        guard byte(0x7b) else { return nil }
        if byte(0x7d) { return Answers() }
        var entries: [Answers.Entry] = []
        var previous: String?
        repeat {
            guard let key = string(), byte(0x3a), let value = storedValue() else { return nil }
            if let previous, !JSONBuffer.utf8Precedes(previous, key) { return nil }
            previous = key
            entries.append(Answers.Entry(field: FieldID(key), value: value))
        } while byte(0x2c)
        return byte(0x7d) ? Answers(entries: entries) : nil
    }
}
