import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine

/// A form whose reports are often returned or rejected: reps do not know what a good report is, or
/// the form asks for what they cannot know yet.
struct ReturnRateRule: UsageRule {
    var ids: [FindingID] { ["audit.usage.high-return-rate"] }

    func findings(in context: AuditContext, usage: UsageIndex) -> [Finding] {
        var out: [Finding] = []
        for form in context.formSet.forms {
            let reports = usage.byForm[form.id.value] ?? []
            let decided = reports.filter { !$0.decisions.isEmpty }
            let returned = decided.count { report in report.decisions.contains { $0.decision == .return } }
            let rejected = decided.count { report in report.decisions.contains { $0.decision == .reject } }
            let either = decided.count { report in report.decisions.contains { $0.decision != .approve } }
            guard decided.count >= context.options.minimumSample,
                either * 100 >= context.options.returnPercent * decided.count
            else { continue }
            out.append(
                Finding(
                    "audit.usage.high-return-rate", .warning,
                    "\(either) of the \(decided.count) decided '\(form.id.value)' reports were returned or rejected, so reps file it without knowing what a good report is",
                    suggestion:
                        "read the opinions given with the returns ('formwork show REPORT') and turn the usual reasons into hints and checks on the fields they name",
                    at: form.id.location, length: form.id.length, subject: Subject(form: form.id.value),
                    figures: [
                        .int("returned", returned), .int("rejected", rejected), .int("decided", decided.count),
                        .percent("share_percent", either, of: decided.count),
                    ]))
        }
        return out
    }
}
