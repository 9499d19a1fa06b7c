import FormworkText

/// Compact JSON written byte by byte, for the engine's hand-written encoders (events in the journal,
/// the canonical text of a revision).
///
/// Strings are escaped by `JSONString.append` (FormworkText), which the store's record lines
/// share: as Foundation's `JSONEncoder` escapes them on Linux, or, with `canonical`, as the revision
/// hash's canonical text does (`\b` and `\f` as `\u0008`, `\u000c`).
struct JSONBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// A string whose characters need no escaping (digits, ASCII keys): written as they are.
    mutating func plain(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `"key":`, for keys that need no escaping.
    mutating func key(_ key: StaticString) {
        bytes.append(0x22)
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3a)
    }

    /// `,"key":`.
    mutating func nextKey(_ key: StaticString) {
        bytes.append(0x2c)
        self.key(key)
    }

    mutating func string(_ text: String, canonical: Bool = false) {
        JSONString.append(text, to: &bytes, canonical: canonical)
    }

    mutating func int(_ number: Int) {
        if number >= 0 && number < 10 {
            bytes.append(0x30 + UInt8(number))
        } else {
            plain(String(number))
        }
    }

    mutating func bool(_ flag: Bool) {
        if flag { raw("true") } else { raw("false") }
    }

    /// `[` elements `]`, each written by `element`.
    mutating func array<C: Collection>(_ elements: C, _ element: (inout JSONBuffer, C.Element) -> Void) {
        bytes.append(0x5b)
        var first = true
        for item in elements {
            if !first { bytes.append(0x2c) }
            first = false
            element(&self, item)
        }
        bytes.append(0x5d)
    }

    /// An array of strings.
    mutating func strings<C: Collection>(_ elements: C) where C.Element == String {
        array(elements) { $0.string($1) }
    }

    /// Whether `left` sorts before `right` by their UTF-8 bytes (the order of `.sortedKeys`).
    ///
    /// Compares the bytes where they are stored (a native string's storage, a small string's copy on
    /// the stack): walking the `utf8` views byte by byte cost several times as much, and copying each
    /// string into a contiguous buffer first (`withUTF8` on a copy) more still. Strings with no
    /// contiguous UTF-8 (bridged ones) are walked.
    static func utf8Precedes(_ left: String, _ right: String) -> Bool {
        let inPlace = left.utf8.withContiguousStorageIfAvailable { left in
            right.utf8.withContiguousStorageIfAvailable { right in left.lexicographicallyPrecedes(right) }
        }
        if let inPlace, let precedes = inPlace { return precedes }
        return left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}
