import FormworkDiagnostics
import FormworkLanguage

/// No field's value or visibility depends on itself through `compute`, `default_expr`, `show_if`,
/// `required_if` or `read_only_if`; a cycle is reported once, naming every field in it.
struct DependencyCycleRule: FormSetRule {
    var ids: [DiagnosticID] { ["dependency-cycle"] }

    private struct Edge {
        var to: String
        var key: String
        var location: SourceLocation
    }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for form in context.formSet.forms {
            out += cycles(in: form.fields)
            for group in form.fields where !group.fields.isEmpty { out += cycles(in: group.fields) }
        }
        return out
    }

    private func cycles(in fields: [Field]) -> [Diagnostic] {
        let names = Set(fields.map(\.id.value.rawValue))
        let computed = Set(fields.filter { $0.compute != nil }.map(\.id.value.rawValue))
        var graph: [String: [Edge]] = [:]
        for field in fields {
            let keyed: [(String, Condition?)] = [
                ("compute", field.compute), ("default_expr", field.defaultExpr), ("show_if", field.showIf),
                ("required_if", field.requiredIf), ("read_only_if", field.readOnlyIf),
            ]
            for case (let key, let condition?) in keyed {
                guard let expression = condition.expression else { continue }
                // A field's conditions naming its own answer are reported by ConditionTypeRule.
                for reference in expression.references
                where names.contains(reference.name) && (reference.name != field.id.value.rawValue || key == "compute")
                {
                    let (location, _) = condition.location(of: reference.span)
                    graph[field.id.value.rawValue, default: []].append(
                        Edge(to: reference.name, key: key, location: location))
                }
            }
        }
        var out: [Diagnostic] = []
        var done = Set<String>()
        var reported = Set<String>()
        for field in fields {
            var path: [(String, Edge?)] = []
            var onPath = Set<String>()
            visit(field.id.value.rawValue, via: nil, graph, computed, &path, &onPath, &done, &reported, &out)
        }
        return out
    }

    private func visit(
        _ node: String, via edge: Edge?, _ graph: [String: [Edge]], _ computed: Set<String>,
        _ path: inout [(String, Edge?)],
        _ onPath: inout Set<String>, _ done: inout Set<String>, _ reported: inout Set<String>, _ out: inout [Diagnostic]
    ) {
        if onPath.contains(node) {
            guard let start = path.firstIndex(where: { $0.0 == node }) else { return }
            let members = path[start...].map(\.0)
            guard reported.isDisjoint(with: members) else { return }
            // A cycle without a computed field always names a field asked later, which
            // ConditionTypeRule already reports as `field-asked-later`.
            guard members.contains(where: computed.contains) else { return }
            reported.formUnion(members)
            var steps: [String] = []
            let cycle = Array(path[start...]) + [(node, edge)]
            for i in 0..<(cycle.count - 1) {
                if let e = cycle[i + 1].1 { steps.append("the \(e.key) of '\(cycle[i].0)' uses '\(e.to)'") }
            }
            let location = cycle.dropFirst().first?.1?.location ?? edge?.location
            out.append(
                .error(
                    "dependency-cycle",
                    "these fields depend on each other in a circle: \((members + [node]).joined(separator: " → "))",
                    at: location, notes: steps.map { Diagnostic.Note($0) }))
            return
        }
        if done.contains(node) { return }
        path.append((node, edge))
        onPath.insert(node)
        for next in graph[node] ?? [] {
            visit(next.to, via: next, graph, computed, &path, &onPath, &done, &reported, &out)
        }
        onPath.remove(node)
        path.removeLast()
        done.insert(node)
    }
}
