/// The names in scope for an expression and their types.
///
/// The definitions layer builds one per expression: the form's fields, `value` for the field being
/// checked, records such as `submitter` and `customer`, and (in a stage's exit condition) earlier forms as
/// records. A name can also be in scope but *not yet available*, such as a field asked later in the form:
/// using it is an error that carries the reason given here.
public struct TypeEnvironment: Hashable, Sendable {
    /// One name in scope.
    public struct Binding: Hashable, Sendable {
        /// The name as written in expressions.
        public var name: String
        /// The name's type.
        public var type: ValueType
        /// Why the name cannot be used here, or `nil` when it can.
        public var unavailableReason: String?

        /// Creates a binding.
        public init(name: String, type: ValueType, unavailableReason: String? = nil) {
            self.name = name
            self.type = type
            self.unavailableReason = unavailableReason
        }
    }

    private var bindings: [String: Binding]

    /// Creates an environment with no names in scope.
    public init() {
        bindings = [:]
    }

    /// Creates an environment with the given names and types, all available.
    public init(_ types: [String: ValueType]) {
        bindings = Dictionary(uniqueKeysWithValues: types.map { ($0.key, Binding(name: $0.key, type: $0.value)) })
    }

    /// Puts `name` in scope with `type`, replacing any earlier binding of the name.
    public mutating func declare(_ name: String, as type: ValueType) {
        bindings[name] = Binding(name: name, type: type)
    }

    /// Puts `name` in scope as not available here, for the given reason (e.g. "field 'visit_date' is asked
    /// later in the form"); using it reports `name-not-available` with that reason.
    public mutating func declareUnavailable(_ name: String, as type: ValueType = .any, reason: String) {
        bindings[name] = Binding(name: name, type: type, unavailableReason: reason)
    }

    /// A copy with `name` in scope as `type`.
    public func declaring(_ name: String, as type: ValueType) -> TypeEnvironment {
        var copy = self
        copy.declare(name, as: type)
        return copy
    }

    /// A copy with `name` in scope but not available, for the given reason.
    public func unavailable(name: String, type: ValueType = .any, reason: String) -> TypeEnvironment {
        var copy = self
        copy.declareUnavailable(name, as: type, reason: reason)
        return copy
    }

    /// The binding of `name`, or `nil` when the name is not in scope.
    public func binding(for name: String) -> Binding? {
        bindings[name]
    }

    /// The type of `name` when it is in scope (available or not).
    public func type(of name: String) -> ValueType? {
        bindings[name]?.type
    }

    /// Every name in scope, sorted, for suggestions and messages.
    public var names: [String] {
        bindings.keys.sorted()
    }
}
