import FormworkLanguage
import Foundation

/// The canonical text of values and revisions, the input of a revision's hash.
///
/// Stable across platforms and versions of Foundation: it is written here by hand, never by
/// `JSONEncoder`. The format is documented in docs/engine.md ("Revision hash").
enum CanonicalText {
    /// A decimal without trailing zeros after the point and without a negative zero: `12.5`, `-3`, `0`.
    static func decimal(_ number: Decimal) -> String {
        DecimalText.canonical(number)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, nothing else.
    static func string(_ text: String) -> String {
        var out = JSONBuffer(capacity: text.utf8.count + 2)
        out.string(text, canonical: true)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// A value as compact JSON in the tagged shape of `StoredValue`.
    static func value(_ value: Value) -> String {
        var out = JSONBuffer(capacity: 64)
        out.canonicalValue(value)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Answers as a JSON object with keys sorted by their UTF-8 bytes.
    static func answers(_ values: [String: Value]) -> String {
        var out = JSONBuffer(capacity: 512)
        out.canonicalAnswers(values) { $0 }
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

extension JSONBuffer {
    /// A value of the canonical text (`CanonicalText.value`).
    mutating func canonicalValue(_ value: Value) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .decimal(let number):
            raw("{\"decimal\":")
            string(CanonicalText.decimal(number), canonical: true)
            raw(0x7d)
        case .string(let text): string(text, canonical: true)
        case .date(let date):
            raw("{\"date\":")
            string(date.description, canonical: true)
            raw(0x7d)
        case .datetime(let instant):
            // The instant in UTC: two timestamps of the same instant hash alike whatever their offsets.
            raw("{\"datetime\":")
            string(Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch).description, canonical: true)
            raw(0x7d)
        case .list(let elements):
            array(elements) { $0.canonicalValue($1) }
        case .record(let record):
            raw("{\"record\":")
            array(record.fields) { out, field in
                out.raw(0x7b)
                out.string(field.name, canonical: true)
                out.raw(0x3a)
                out.canonicalValue(field.value)
                out.raw(0x7d)
            }
            raw(0x7d)
        }
    }

    /// Answers as a canonical JSON object, keys (as `name` writes them) sorted by their UTF-8 bytes.
    ///
    /// Sorts the dictionary's own entries: mapping them to pairs of text and value first cost as much
    /// as the sort.
    mutating func canonicalAnswers<Key>(_ answers: [Key: Value], name: (Key) -> String) {
        canonicalAnswers(sorted: answers.sorted { Self.utf8Precedes(name($0.key), name($1.key)) }, name: name)
    }

    /// `canonicalAnswers(_:name:)` of answers already sorted by the UTF-8 bytes of their names.
    mutating func canonicalAnswers<Key>(sorted: some Sequence<(key: Key, value: Value)>, name: (Key) -> String) {
        raw(0x7b)
        var first = true
        for (key, value) in sorted {
            if !first { raw(0x2c) }
            first = false
            string(name(key), canonical: true)
            raw(0x3a)
            canonicalValue(value)
        }
        raw(0x7d)
    }
}
