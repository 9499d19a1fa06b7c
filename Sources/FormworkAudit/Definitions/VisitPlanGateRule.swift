import FormworkDefinitions
import FormworkDiagnostics

/// The visit plan is signed before the visit, and the visit record is reviewed against it: a visit
/// record must wait (`after`) for an approved visit plan. Forms are recognised by their id or title
/// (`visit` with `record` or `report`; `visit` with `plan`; 拜訪記錄 / 拜訪計劃).
struct VisitPlanGateRule: DefinitionRule {
    var ids: [FindingID] { ["audit.too-few.visit-record-ungated"] }

    enum VisitKind { case plan, record }

    static func kind(of form: Form) -> VisitKind? {
        let words = ([form.id.value.rawValue] + form.title.entries.map(\.text)).map { $0.lowercased() }
        func has(_ parts: String...) -> Bool { words.contains { word in parts.allSatisfy { word.contains($0) } } }
        if has("visit", "plan") || has("拜訪計劃") || has("拜訪計畫") || has("拜访计划") { return .plan }
        if has("visit", "record") || has("visit", "report") || has("拜訪記錄") || has("拜訪紀錄") || has("拜访记录") {
            return .record
        }
        return nil
    }

    func findings(in context: AuditContext) -> [Finding] {
        let plans = context.formSet.forms.filter { Self.kind(of: $0) == .plan }.map(\.id.value)
        var out: [Finding] = []
        for form in context.formSet.forms where Self.kind(of: form) == .record {
            for use in context.entries[form.id.value] ?? [] {
                let gated = use.entry.after.contains { plans.contains($0.value) }
                if gated { continue }
                let message: String
                let suggestion: String
                if let plan = plans.first {
                    message =
                        "'\(form.id.value)' can be filed without an approved visit plan, so the supervisor never coaches the visit before it happens"
                    suggestion = "add 'after: [\(plan)]' to '\(form.id.value)' in stage '\(use.stage.id.value)'"
                } else {
                    message =
                        "'\(form.id.value)' records visits, but no visit plan is signed before them, so the supervisor only hears about a visit afterwards"
                    suggestion =
                        "add a visit plan form (objective, who we meet, expected outcome) signed before the visit, and gate the record on it with 'after:'"
                }
                out.append(
                    Finding(
                        "audit.too-few.visit-record-ungated", .warning, message, suggestion: suggestion,
                        at: use.entry.form.location, length: use.entry.form.length,
                        subject: Subject(
                            workflow: use.workflow.id.value, stage: use.stage.id.value, form: form.id.value),
                        figures: plans.isEmpty ? [] : [.list("visit_plans", plans.map(\.rawValue))]))
            }
        }
        return out
    }
}
