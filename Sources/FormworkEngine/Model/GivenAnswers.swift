/// The answers of a submission as a front end gives them: field ids with their answers, each id once, in the order
/// given.
///
/// A list rather than a dictionary: answers arrive in order (the prompts ask the fields in the form's order,
/// `--set` options are read left to right, a JSON file is written top to bottom), and validation matches each to
/// its field by walking the form's fields alongside, comparing ids, instead of hashing every id twice (once to
/// build a dictionary, once to find its field). An id given out of order is found by the form's table of ids.
///
/// Made from a dictionary literal (`["amount": .text("12")]`, in the literal's order), from a dictionary (sorted by
/// id), or one answer at a time with the subscript. An id given twice keeps its first place and its last answer, as
/// a JSON object read by most parsers does; the CLI refuses two `--set`s of one field before it gets here.
public struct GivenAnswers: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    public typealias Element = (field: String, answer: Answer)

    /// The answers in the order given (one array: one allocation for a submission's answers).
    private var entries: [Element] = []

    /// No answers.
    public init() {}

    /// The answers of `dictionary`, sorted by field id (a dictionary's own order is not stable between processes).
    public init(_ dictionary: [String: Answer]) {
        entries = dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The answers in the literal's order; an id written twice keeps its first place and its last answer.
    public init(dictionaryLiteral elements: (String, Answer)...) {
        entries.reserveCapacity(elements.count)
        for (field, answer) in elements { self[field] = answer }
    }

    /// Appends `answer` to `field`, which should not have one yet (the caller knows its ids are distinct, as a
    /// form's front end does): no search for an earlier answer. Should it have one, both are kept, and validation
    /// takes the later, as the subscript would have it (each is still parsed, and each finding reported).
    public mutating func append(uniqueField field: String, _ answer: Answer) {
        entries.append((field, answer))
    }

    /// Reserves room for `count` answers.
    public mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
    }

    /// The answer of `field`; setting one replaces the field's answer in its place, or appends it; setting nil
    /// removes it. A search of the answers given (a form has tens of fields, not thousands).
    public subscript(field: String) -> Answer? {
        get { index(of: field).map { entries[$0].answer } }
        set {
            if let index = index(of: field) {
                if let newValue { entries[index].answer = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((field, newValue))
            }
        }
    }

    private func index(of field: String) -> Int? {
        entries.indices.first { entries[$0].field == field }
    }

    /// Sets each of `other`'s answers: in the place of this field's answer, or after these.
    public mutating func merge(_ other: GivenAnswers) {
        for (field, answer) in other { self[field] = answer }
    }

    /// These answers with `other`'s set over them (`merge(_:)`).
    public func merging(_ other: GivenAnswers) -> GivenAnswers {
        var merged = self
        merged.merge(other)
        return merged
    }

    /// The field ids, in the order given.
    public var keys: [String] { entries.map(\.field) }

    /// The answers by field id.
    public var dictionary: [String: Answer] {
        Dictionary(entries, uniquingKeysWith: { _, last in last })
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }
    public subscript(position: Int) -> Element { entries[position] }

    /// Equal when the same fields have the same answers, in whatever order they were given.
    public static func == (lhs: GivenAnswers, rhs: GivenAnswers) -> Bool {
        lhs.count == rhs.count && lhs.dictionary == rhs.dictionary
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(dictionary)
    }
}
