/// A field's `pattern`, compiled once when the engine is made.
///
/// `Regex<AnyRegexOutput>` is not `Sendable` only because its output type (captures of any type)
/// is not; the compiled program itself is immutable and safe to share, and only `wholeMatch` is
/// used, whose result never leaves the validating thread.
struct CompiledPattern: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
}
