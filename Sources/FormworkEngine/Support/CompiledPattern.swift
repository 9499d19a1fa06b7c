/// A field's `pattern`, compiled once when the engine is made.
///
/// `Regex<AnyRegexOutput>` is not `Sendable` only because its output type (captures of any type)
/// is not; the compiled program itself is immutable and safe to share, and only `wholeMatch` is
/// used, whose result never leaves the validating thread.
struct CompiledPattern: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
    /// The same pattern for the matcher that needs no `Regex`, when it is simple enough.
    let simple: SimplePattern?

    init(regex: Regex<AnyRegexOutput>, source: String) {
        self.regex = regex
        simple = SimplePattern(source)
    }
}
