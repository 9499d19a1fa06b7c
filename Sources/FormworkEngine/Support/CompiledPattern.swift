import FormworkLanguage

/// A field's `pattern`, compiled once when the engine is made, for two matchers that both take time linear in
/// the answer: `SimplePattern` on printable ASCII answers to a plain sequence of classes (the common case, and
/// the cheapest), `LinearPattern` for everything else.
struct CompiledPattern: Sendable {
    let linear: LinearPattern
    /// The same pattern for the matcher of plain sequences, when it is one.
    let simple: SimplePattern?

    /// The pattern compiled, or nil when it is not one Formwork supports (`formwork check` says why).
    init?(_ source: String) {
        guard let linear = LinearPattern(source) else { return nil }
        self.linear = linear
        simple = SimplePattern(source)
    }
}
