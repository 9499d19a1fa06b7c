/// A map of a few entries, kept as one array sorted by key: a customer's position in each workflow, its open reports
/// by form, its latest approved report by form.
///
/// A customer has a handful of these keys, and a command reads or writes several of them. A `Dictionary` hashes its
/// key for each (a keyed hash of the id's bytes) and allocates a table for each map; here a key is found by a few
/// comparisons in one array. Keys are kept in `<` order, so iterating gives them sorted, the order in which the
/// snapshot writes them. A map that grows with the store (reports, customers) stays a `Dictionary`.
///
/// JSON: written and read as the `Dictionary` of the same entries would be.
public struct SmallMap<Key: Hashable & Comparable, Value> {
    public typealias Element = (key: Key, value: Value)

    /// The entries, in key order, each key once.
    private var entries: [Element]

    /// An empty map.
    public init() { entries = [] }

    /// The map of `pairs`; nil when a key is given twice.
    public init?(uniquePairs pairs: some Sequence<(Key, Value)>) {
        var entries = pairs.map { (key: $0.0, value: $0.1) }
        if !entries.indices.dropFirst().allSatisfy({ entries[$0 - 1].key < entries[$0].key }) {
            entries.sort { $0.key < $1.key }
        }
        for index in entries.indices.dropFirst() where entries[index - 1].key == entries[index].key { return nil }
        self.entries = entries
    }

    /// Where `key` is, or where it would go: the first entry whose key is not below it.
    private func slot(of key: Key) -> Int { entries.insertionIndex(after: { $0.key < key }) }

    /// The position of `key`'s entry, if it has one.
    public func index(forKey key: Key) -> Int? {
        let slot = slot(of: key)
        return slot < entries.count && entries[slot].key == key ? slot : nil
    }

    /// The value of `key`; setting nil removes the entry.
    public subscript(key: Key) -> Value? {
        get { index(forKey: key).map { entries[$0].value } }
        set {
            let slot = slot(of: key)
            let found = slot < entries.count && entries[slot].key == key
            switch (found, newValue) {
            case (true, let value?): entries[slot].value = value
            case (true, nil): entries.remove(at: slot)
            case (false, let value?): entries.insert((key, value), at: slot)
            case (false, nil): break
            }
        }
    }

    /// The value of `key`, or `defaultValue` put in its place first when changed (`open[form, default: []]`).
    public subscript(key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        _modify {
            let slot = slot(of: key)
            if slot == entries.count || entries[slot].key != key {
                entries.insert((key, defaultValue()), at: slot)
            }
            yield &entries[slot].value
        }
    }

    /// Changes the value at `index` in place.
    public mutating func modifyValue<Result>(at index: Int, _ change: (inout Value) -> Result) -> Result {
        change(&entries[index].value)
    }

    /// Removes the entry at `index`.
    public mutating func remove(at index: Int) {
        entries.remove(at: index)
    }

    /// The keys, sorted.
    public var keys: [Key] { entries.map(\.key) }

    /// The values, in the order of their keys.
    public var values: [Value] { entries.map(\.value) }
}

extension SmallMap: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }
    public subscript(position: Int) -> Element { entries[position] }
}

extension SmallMap: ExpressibleByDictionaryLiteral {
    /// A key given twice keeps its later value.
    public init(dictionaryLiteral elements: (Key, Value)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}

extension SmallMap: Sendable where Key: Sendable, Value: Sendable {}

extension SmallMap: Equatable where Value: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension SmallMap: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries.count)
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }
}

extension SmallMap: Codable where Key: Codable & CodingKeyRepresentable, Value: Codable {
    public init(from decoder: any Decoder) throws {
        let dictionary = try [Key: Value](from: decoder)
        entries = dictionary.map { (key: $0.key, value: $0.value) }.sorted { $0.key < $1.key }
    }

    public func encode(to encoder: any Encoder) throws {
        try [Key: Value](uniqueKeysWithValues: entries.lazy.map { ($0.key, $0.value) }).encode(to: encoder)
    }
}
