/// The type of a record: a name used in messages and an ordered list of typed fields.
public struct RecordType: Hashable, Sendable {
    /// One named, typed field of a record type.
    public struct Field: Hashable, Sendable {
        /// The field's name as written after a dot, e.g. `region` in `submitter.region`.
        public var name: String
        /// The field's type.
        public var type: ValueType

        /// Creates a field.
        public init(name: String, type: ValueType) {
            self.name = name
            self.type = type
        }
    }

    /// The record's name, used in messages (e.g. `submitter`, or a repeat group's name for its rows).
    public var name: String
    /// The fields, in the order they were declared.
    public var fields: [Field]

    /// Creates a record type from fields.
    public init(name: String, fields: [Field]) {
        self.name = name
        self.fields = fields
    }

    /// Creates a record type from `(name, type)` pairs, in order.
    public init(name: String, _ fields: KeyValuePairs<String, ValueType>) {
        self.init(name: name, fields: fields.map { Field(name: $0.key, type: $0.value) })
    }

    /// The type of the field called `name`, or `nil` when there is none.
    public func type(of name: String) -> ValueType? {
        fields.first { $0.name == name }?.type
    }

    /// The field names, in order.
    public var fieldNames: [String] { fields.map(\.name) }
}
