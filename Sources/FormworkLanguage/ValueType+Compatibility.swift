extension ValueType {
    /// The type both `self` and `other` fit into, or `nil` when they do not mix.
    ///
    /// `int` widens to `decimal`; `null` and `any` fit anything; lists combine element by element; records
    /// combine only with the same record type.
    public func unified(with other: ValueType) -> ValueType? {
        switch (self, other) {
        case _ where self == other: self
        case (.any, _), (_, .null): self
        case (_, .any), (.null, _): other
        case (.int, .decimal), (.decimal, .int): .decimal
        case (.list(let left), .list(let right)): left.unified(with: right).map { .list($0) }
        default: nil
        }
    }

    /// Whether a value of this type can be used where `expected` is required (`int` where `decimal` is
    /// expected, `null` anywhere, `any` anywhere).
    public func isAssignable(to expected: ValueType) -> Bool {
        switch (self, expected) {
        case _ where self == expected: true
        case (.any, _), (_, .any), (.null, _): true
        case (.int, .decimal): true
        case (.list(let element), .list(let expectedElement)): element.isAssignable(to: expectedElement)
        default: false
        }
    }

    /// Whether values of this type can be ordered with `<`: numbers, text, dates and datetimes.
    var isOrdered: Bool {
        switch self {
        case .int, .decimal, .string, .date, .datetime, .any: true
        default: false
        }
    }

    /// Whether the type is `any`, so that a diagnostic about it would only repeat an earlier error.
    var isAny: Bool { self == .any }
}
