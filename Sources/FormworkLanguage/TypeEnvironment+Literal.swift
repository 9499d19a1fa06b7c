extension TypeEnvironment: ExpressibleByDictionaryLiteral {
    /// Creates an environment from a literal such as `["amount": .decimal, "region": .string]`.
    public init(dictionaryLiteral elements: (String, ValueType)...) {
        self.init()
        for (name, type) in elements { declare(name, as: type) }
    }
}
