public import FormworkDefinitions
public import FormworkLanguage

/// The answers of one revision of a report, by field id: what was given, prefilled, defaulted and
/// computed. A field without an answer has no entry (never `.null`).
///
/// Kept as one array sorted by field id, not as a hash table: a report holds one set of answers per revision for
/// as long as the store lives, most are read a few at a time, and validation makes them in id order already. A
/// lookup is a binary search over a dozen ids; making the answers allocates once and hashes nothing.
///
/// JSON: an object keyed by field id; values as described in docs/engine.md ("Values").
public struct Answers: Sendable, Hashable, Codable {
    /// One answer.
    public struct Entry: Sendable, Hashable {
        public var field: FieldID
        public var value: Value

        public init(field: FieldID, value: Value) {
            self.field = field
            self.value = value
        }
    }

    /// Every answer, sorted by field id (`FieldID`'s `<`), one per id.
    public private(set) var entries: [Entry]

    public init(_ values: [FieldID: Value] = [:]) {
        var entries: [Entry] = []
        entries.reserveCapacity(values.count)
        for (field, value) in values where value != .null { entries.append(Entry(field: field, value: value)) }
        entries.sort { $0.field < $1.field }
        self.entries = entries
    }

    /// Answers from `entries`, sorted here unless they are sorted by id already; of two entries of one id, the
    /// later one is kept (as a dictionary keeps the value set last). Values are kept as they are, `.null` too: the
    /// caller knows there is none (a validation's) or keeps what it read (a decoder's).
    init(entries: [Entry]) {
        var sorted = true
        for index in entries.indices.dropFirst() where !(entries[index - 1].field < entries[index].field) {
            sorted = false
            break
        }
        if sorted {
            self.entries = entries
            return
        }
        // A stable sort, then the last of each run of one id.
        let ordered = entries.enumerated().sorted {
            $0.element.field != $1.element.field ? $0.element.field < $1.element.field : $0.offset < $1.offset
        }
        var unique: [Entry] = []
        unique.reserveCapacity(ordered.count)
        for (_, entry) in ordered {
            if let last = unique.last, last.field == entry.field {
                unique[unique.count - 1] = entry
            } else {
                unique.append(entry)
            }
        }
        self.entries = unique
    }

    /// The answer to `field`; setting nil removes it.
    public subscript(_ field: FieldID) -> Value? {
        get {
            let index = position(of: field)
            return index < entries.count && entries[index].field == field ? entries[index].value : nil
        }
        set {
            let index = position(of: field)
            let found = index < entries.count && entries[index].field == field
            switch (newValue, found) {
            case (let value?, true): entries[index].value = value
            case (let value?, false): entries.insert(Entry(field: field, value: value), at: index)
            case (nil, true): entries.remove(at: index)
            case (nil, false): break
            }
        }
    }

    /// The index of the first entry whose id is not below `field`.
    private func position(of field: FieldID) -> Int { entries.insertionIndex(after: { $0.field < field }) }

    /// `entries` sorted by the UTF-8 bytes of their ids, as the journal and the revision hash write answers: the order
    /// of `entries` itself unless an id holds characters beyond ASCII, so it is sorted again only then.
    var entriesInUTF8Order: [Entry] {
        let inOrder = zip(entries, entries.dropFirst()).allSatisfy {
            JSONBuffer.utf8Precedes($0.field.rawValue, $1.field.rawValue)
        }
        return inOrder ? entries : entries.sorted { JSONBuffer.utf8Precedes($0.field.rawValue, $1.field.rawValue) }
    }

    /// The field ids with an answer, sorted.
    public var fields: [FieldID] { entries.map(\.field) }

    /// The answers as a dictionary, made on each call: for a caller that wants one (`entries` reads them as they are).
    public var values: [FieldID: Value] {
        Dictionary(entries.map { ($0.field, $0.value) }, uniquingKeysWith: { $1 })
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public init(from decoder: any Decoder) throws {
        let stored = try decoder.singleValueContainer().decode([String: StoredValue].self)
        self.init(entries: stored.map { Entry(field: FieldID($0.key), value: $0.value.value) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(
            Dictionary(entries.map { ($0.field.rawValue, StoredValue($0.value)) }, uniquingKeysWith: { $1 }))
    }
}
