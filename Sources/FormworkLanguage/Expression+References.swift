extension Expression {
    /// Every use of a name in the expression, in source order.
    ///
    /// Function names are not references. Unknown names are included: the reference list is syntactic.
    public var references: [NameReference] {
        var result: [NameReference] = []
        collectReferences(into: &result, path: [])
        return result
    }

    /// The distinct names the expression uses.
    public var referencedNames: Set<String> {
        Set(references.map(\.name))
    }

    /// Whether the expression calls `today()` or `now()`, whose results change over time.
    public var dependsOnTime: Bool {
        if case .call(let name, _, _) = self, name == "today" || name == "now" { return true }
        return children.contains { $0.dependsOnTime }
    }

    private func collectReferences(into result: inout [NameReference], path: [String]) {
        switch self {
        case .name(let name, let span):
            result.append(NameReference(name: name, memberPath: path, span: span))
        case .member(let base, let name, _):
            base.collectReferences(into: &result, path: [name] + path)
        default:
            for child in children { child.collectReferences(into: &result, path: []) }
        }
    }
}
