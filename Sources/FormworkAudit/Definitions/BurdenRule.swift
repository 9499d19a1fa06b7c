import FormworkDefinitions
import FormworkDiagnostics

/// The weekly time a role spends on reports, against the manifest's budget: over budget, reps pad
/// forms with invented answers and supervisors stop reading them.
struct BurdenRule: DefinitionRule {
    var ids: [FindingID] { ["audit.too-many.over-budget", "audit.too-many.no-budget"] }

    func findings(in context: AuditContext) -> [Finding] {
        let burden = context.burden
        guard burden.hasOrg else { return [] }
        var out: [Finding] = []
        let manifest = context.formSet.manifest
        for role in burden.roles where role.minutes > 0 {
            guard let budget = manifest.audit?.budget(for: role.role) else {
                out.append(
                    Finding(
                        "audit.too-many.no-budget", .note,
                        "no weekly budget is declared for role '\(role.role)', so its estimated \(role.minutes) minutes a week of reports are not judged",
                        suggestion: "add '\(role.role): MINUTES' under 'audit: budget:' in \(manifest.file)",
                        at: manifest.audit?.location ?? SourceLocation(file: manifest.file, line: 1, column: 1),
                        subject: Subject(person: role.busiest, role: role.role),
                        figures: [.int("estimate_minutes", role.minutes)]))
                continue
            }
            guard role.minutes > budget.minutes.value, let person = role.busiest else { continue }
            let topForms = role.forms.prefix(3).map { "\($0.form) (\($0.minutes) min)" }
            let topFields = heaviestFields(for: person, context: context).prefix(5).map { $0 }
            let noun = role.role.rawValue
            out.append(
                Finding(
                    "audit.too-many.over-budget", .error,
                    "the busiest \(noun), \(person), is estimated to spend \(role.minutes) minutes a week on reports, over the \(noun) budget of \(budget.minutes.value)",
                    suggestion:
                        "cut from the heaviest forms first (\(topForms.joined(separator: ", "))): prefill or drop the costliest questions, or file the form less often",
                    at: budget.minutes.location, length: String(budget.minutes.value).count,
                    subject: Subject(person: person, role: role.role),
                    figures: [
                        .int("estimate_minutes", role.minutes), .int("budget_minutes", budget.minutes.value),
                        .int("fill_minutes", role.fillMinutes), .int("review_minutes", role.reviewMinutes),
                        .list("top_forms", topForms),
                    ] + (topFields.isEmpty ? [] : [.list("top_fields", Array(topFields))])))
        }
        return out
    }

    /// The fields that take `person` the most filling time a week: "form.field (N min)".
    private func heaviestFields(for person: PersonID, context: AuditContext) -> [String] {
        let burden = context.burden
        var parts: [(name: String, seconds: Double)] = []
        for (form, _) in burden.fill[person] ?? [:] {
            let rate = burden.reportsPerWeek[form] ?? 0
            for part in burden.fieldSeconds[form] ?? [] where part.seconds > 0 {
                parts.append(("\(form).\(part.field)", part.seconds * rate))
            }
        }
        return parts.sorted { ($0.seconds, $1.name) > ($1.seconds, $0.name) }
            .map { "\($0.name) (\(BurdenEstimate.minutes($0.seconds)) min)" }
    }
}
