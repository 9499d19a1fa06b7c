/// A field's `pattern`, compiled once when the engine is made.
///
/// `Regex<AnyRegexOutput>` is not `Sendable` only because its output type (captures of any type)
/// is not; the compiled program itself is immutable and safe to share, and only `wholeMatch` is
/// used, whose result never leaves the validating thread.
struct CompiledPattern: @unchecked Sendable {
    /// The compiled `Regex`; nil when `simple` matches the pattern (every pattern it takes is a
    /// valid regular expression), so that it is never compiled.
    let regex: Regex<AnyRegexOutput>?
    /// The same pattern for the matcher that needs no `Regex`, when it is simple enough.
    let simple: SimplePattern?

    /// The pattern compiled, or nil when it is not a valid regular expression.
    init?(_ source: String) {
        if let simple = SimplePattern(source) {
            self.simple = simple
            regex = nil
        } else if let regex = try? Regex(source) {
            self.simple = nil
            self.regex = regex
        } else {
            return nil
        }
    }
}
