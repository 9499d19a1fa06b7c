import FormworkDiagnostics
import Foundation

/// Individual targets should add up to at least 120% of their region's (and regions' to the
/// organisation's) target for the same period, the usual rule for reaching a team target.
struct TargetCoverageRule: FormSetRule {
    var ids: [DiagnosticID] { ["target-coverage"] }
    static let coverage = Decimal(string: "1.2") ?? 1

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let org = context.org else { return [] }
        var out: [Diagnostic] = []
        for target in org.targets {
            let parts: [SalesTarget]
            let what: String
            switch target.scope {
            case .person: continue
            case .region(let region):
                what = "the people of region '\(region.value)'"
                parts = org.targets.filter { part in
                    guard case .person(let person) = part.scope, part.period.value == target.period.value else {
                        return false
                    }
                    return context.people[person.value]?.region?.value == region.value
                }
            case .organisation:
                let hasRegionTargets = org.targets.contains { part in
                    if case .region = part.scope { return part.period.value == target.period.value }
                    return false
                }
                what = hasRegionTargets ? "the regions" : "the people"
                parts = org.targets.filter { part in
                    guard part.period.value == target.period.value else { return false }
                    switch part.scope {
                    case .region: return hasRegionTargets
                    case .person: return !hasRegionTargets
                    case .organisation: return false
                    }
                }
            }
            if parts.isEmpty || target.incomplete || parts.contains(where: \.incomplete) { continue }
            for (measure, value) in [
                ("units", { (t: SalesTarget) in t.units.map { Decimal($0) } }), ("revenue", \.revenue),
                ("profit", \.profit),
            ] as [(String, (SalesTarget) -> Decimal?)] {
                guard let goal = value(target), goal > 0 else { continue }
                let sum = parts.compactMap(value).reduce(0, +)
                if sum < goal * Self.coverage {
                    let percent = NSDecimalNumber(decimal: sum * 100 / goal).intValue
                    out.append(
                        .warning(
                            "target-coverage",
                            "the \(measure) targets of \(what) for \(target.period.value) add up to \(percent)% of this target; aim for at least 120% so that the team reaches it",
                            at: target.location))
                }
            }
        }
        return out
    }
}
