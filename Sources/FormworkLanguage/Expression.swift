/// An expression of the condition language: a syntax tree whose every node carries its source span.
///
/// `==` and hashing compare spans too; use ``isStructurallyEqual(to:)`` or ``stripped`` to compare two
/// trees regardless of where they were written.
public indirect enum Expression: Hashable, Sendable {
    /// A literal: `null`, `true`, `42`, `0.5`, `"text"`.
    case literal(Literal, span: SourceSpan)
    /// A name in scope: a form field, `value`, `submitter`...
    case name(String, span: SourceSpan)
    /// Member access `base.name`; on a list of records it projects the field over the rows.
    case member(Expression, name: String, span: SourceSpan)
    /// A prefix operator applied to an operand.
    case unary(UnaryOperator, Expression, span: SourceSpan)
    /// An infix operator applied to two operands.
    case binary(BinaryOperator, Expression, Expression, span: SourceSpan)
    /// `condition ? then : else`.
    case conditional(Expression, Expression, Expression, span: SourceSpan)
    /// A call of a built-in function: `name(arguments...)`.
    case call(String, arguments: [Expression], span: SourceSpan)
    /// A list literal `[a, b, c]`.
    case list([Expression], span: SourceSpan)

    /// Where the node was written: from its first scalar to just past its last.
    public var span: SourceSpan {
        switch self {
        case .literal(_, let span), .name(_, let span), .member(_, _, let span), .unary(_, _, let span),
            .binary(_, _, _, let span), .conditional(_, _, _, let span), .call(_, _, let span), .list(_, let span):
            span
        }
    }

    /// The node's direct children, left to right.
    public var children: [Expression] {
        switch self {
        case .literal, .name: []
        case .member(let base, _, _): [base]
        case .unary(_, let operand, _): [operand]
        case .binary(_, let left, let right, _): [left, right]
        case .conditional(let condition, let then, let otherwise, _): [condition, then, otherwise]
        case .call(_, let arguments, _): arguments
        case .list(let elements, _): elements
        }
    }
}
