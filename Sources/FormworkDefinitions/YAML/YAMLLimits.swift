/// Caps that keep hostile or accidental input cheap to refuse.
public struct YAMLLimits: Sendable {
    public var maxFileBytes = 1 << 20
    public var maxDepth = 32
    public var maxScalarBytes = 64 << 10
    /// Nodes after expanding aliases; a file that expands beyond this is refused (an "alias bomb").
    public var maxExpandedNodes = 100_000

    public init() {}

    public static let standard = YAMLLimits()
}
