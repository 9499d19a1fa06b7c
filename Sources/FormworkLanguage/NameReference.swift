/// A use of a name in an expression, with the field names read from it and where it was written.
///
/// `visit.amount` gives the reference `visit` with `memberPath` `["amount"]`; a dependency analysis can use
/// the name alone (a form field) or the path (a field of another form).
public struct NameReference: Hashable, Sendable {
    /// The name as written, e.g. `amount`, `value` or `submitter`.
    public var name: String
    /// The member names applied directly to the name, outermost last: `["amount"]` for `visit.amount`.
    public var memberPath: [String]
    /// Where the name (not the member path) was written.
    public var span: SourceSpan

    /// Creates a reference.
    public init(name: String, memberPath: [String] = [], span: SourceSpan) {
        self.name = name
        self.memberPath = memberPath
        self.span = span
    }
}
