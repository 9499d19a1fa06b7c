import FormworkDiagnostics

/// The audit's inputs name what exists: budgets name roles of the org, volumes name forms, once
/// each, and `customers` (customers followed at once) is given only for a form with a cadence.
struct AuditSettingsRule: FormSetRule {
    var ids: [DiagnosticID] { ["unknown-reference", "duplicate-id", "key-not-applicable"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let settings = context.formSet.manifest.audit, context.org != nil {
            for budget in settings.budgets where !context.roles.contains(budget.role.value) {
                out += context.unknown(budget.role, among: context.roles, context: " in the audit budget")
            }
        }
        guard let org = context.org else { return out }
        var seen: [FormID: Located<FormID>] = [:]
        for volume in org.volumes {
            let form = volume.form
            if let first = seen[form.value] {
                out.append(
                    .error(
                        "duplicate-id", "the volume of form '\(form.value)' is given twice", at: form.location,
                        length: form.value.rawValue.unicodeScalars.count,
                        notes: [.init("first given here", at: first.location)]))
                continue
            }
            seen[form.value] = form
            guard context.forms[form.value] != nil else {
                out += context.unknown(form, among: context.forms.keys, context: " in 'volumes'")
                continue
            }
            if case .customers(let customers) = volume.amount,
                !(context.usage[form.value] ?? []).contains(where: { $0.entry.cadence != nil })
            {
                out.append(
                    .error(
                        "key-not-applicable",
                        "'customers' applies to a form filed at a cadence, and no stage gives '\(form.value)' one; write 'per_week' (reports a week)",
                        at: customers.location))
            }
        }
        return out
    }
}
