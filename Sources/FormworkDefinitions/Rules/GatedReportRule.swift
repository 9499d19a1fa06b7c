import FormworkDiagnostics

/// A form filed only once a report of another form is approved (a stage's `after:` gate), whose `report` field
/// names a report of that form, should take an approved one: a visit record filed after the visit plan is signed
/// names the signed plan, not one still waiting (the gate holds for the customer, not for the report named).
struct GatedReportRule: FormSetRule {
    var ids: [DiagnosticID] { ["gated-report-any-status"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen: Set<[String]> = []
        for workflow in context.formSet.workflows {
            for stage in workflow.stages {
                for entry in stage.forms where !entry.after.isEmpty {
                    guard let form = context.forms[entry.form.value] else { continue }
                    let gates = Set(entry.after.map(\.value))
                    for field in form.fields where field.type.value == .report {
                        guard let target = field.reportForm, gates.contains(target.value),
                            field.reportStatuses?.value.allSatisfy({ $0 == .approved }) != true,
                            seen.insert([form.id.value.rawValue, field.id.value.rawValue]).inserted
                        else { continue }
                        let accepted =
                            field.reportStatuses.map { "a \(target.value) that is " + ReportStatus.phrase($0.value) }
                            ?? "a \(target.value) of any status"
                        let gate = entry.after.first { $0.value == target.value }
                        out.append(
                            .warning(
                                "gated-report-any-status",
                                "'\(field.id.value)' may name \(accepted), but \(form.id.value) is filed only once the "
                                    + "customer's \(target.value) is approved: add `status: approved`, so that it names "
                                    + "an approved one",
                                at: field.reportStatuses?.location ?? field.id.location,
                                length: field.reportStatuses == nil ? field.id.value.rawValue.unicodeScalars.count : 1,
                                notes: gate.map { [.init("the gate is here", at: $0.location)] } ?? []))
                    }
                }
            }
        }
        return out
    }
}
