extension Expression {
    /// The same tree with every span set to ``SourceSpan/unknown``, for comparisons that ignore positions.
    public var stripped: Expression {
        let none = SourceSpan.unknown
        switch self {
        case .literal(let literal, _): return .literal(literal, span: none)
        case .name(let name, _): return .name(name, span: none)
        case .member(let base, let name, _): return .member(base.stripped, name: name, span: none)
        case .unary(let op, let operand, _): return .unary(op, operand.stripped, span: none)
        case .binary(let op, let left, let right, _): return .binary(op, left.stripped, right.stripped, span: none)
        case .conditional(let condition, let then, let otherwise, _):
            return .conditional(condition.stripped, then.stripped, otherwise.stripped, span: none)
        case .call(let name, let arguments, _): return .call(name, arguments: arguments.map(\.stripped), span: none)
        case .list(let elements, _): return .list(elements.map(\.stripped), span: none)
        }
    }

    /// Whether the two trees are the same apart from their spans.
    public func isStructurallyEqual(to other: Expression) -> Bool {
        stripped == other.stripped
    }

    /// The number of nodes on the longest path from this node down to a leaf (a leaf has height 1).
    public var height: Int {
        1 + (children.map(\.height).max() ?? 0)
    }
}
