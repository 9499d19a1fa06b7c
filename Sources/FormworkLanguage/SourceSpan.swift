/// A range of an expression's source text, counted in Unicode scalars from the start of the text.
///
/// Offsets are in Unicode scalars (not bytes, not `Character`s) so that a caller holding the position
/// of the expression inside a larger file can turn a span into a line and column by adding offsets.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    /// The offset of the first scalar of the span.
    public var start: Int
    /// The offset just past the last scalar of the span (exclusive).
    public var end: Int

    /// Creates a span from `start` up to, but not including, `end`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// An empty span at `offset`, used for positions such as the end of the text.
    public static func point(_ offset: Int) -> SourceSpan {
        SourceSpan(start: offset, end: offset)
    }

    /// The span used for nodes that were built in code rather than parsed.
    public static let unknown = SourceSpan(start: 0, end: 0)

    /// The number of scalars the span covers.
    public var length: Int { end - start }

    /// The smallest span covering both `self` and `other`.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    public var description: String { "\(start)..<\(end)" }
}
