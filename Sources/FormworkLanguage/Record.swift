/// A record value: ordered named fields, such as the submitter or one row of a repeat group.
public struct Record: Hashable, Sendable {
    /// One named field of a record.
    public struct Field: Hashable, Sendable {
        /// The field's name.
        public var name: String
        /// The field's value.
        public var value: Value

        /// Creates a field.
        public init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// The record's name, used in messages (e.g. `submitter`); it takes no part in comparisons.
    public var name: String
    /// The fields, in order.
    public var fields: [Field]

    /// Creates a record from fields.
    public init(name: String = "record", fields: [Field]) {
        self.name = name
        self.fields = fields
    }

    /// Creates a record from `(name, value)` pairs, in order.
    public init(name: String = "record", _ fields: KeyValuePairs<String, Value>) {
        self.init(name: name, fields: fields.map { Field(name: $0.key, value: $0.value) })
    }

    /// The value of the field called `name`, or `nil` when the record has no such field.
    public subscript(name: String) -> Value? {
        fields.first { $0.name == name }?.value
    }

    public static func == (lhs: Record, rhs: Record) -> Bool {
        lhs.fields == rhs.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
    }
}
