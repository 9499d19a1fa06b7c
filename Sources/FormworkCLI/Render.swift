import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage

/// Text for people: the one place report-level output is formatted (labels aligned by display width).
enum Render {
    static func refusal(_ refusal: Refusal) -> String {
        var out = "formwork: refused: \(refusal.message) [\(refusal.code)]\n"
        for finding in refusal.fieldErrors { out += "  - \(name(of: finding)): \(finding.message)\n" }
        return out
    }

    /// What a finding is about: the field's label and id, the id alone, or "answers" for a check of the whole form.
    static func name(of finding: FieldFinding) -> String {
        finding.label.map { "\($0) (\(finding.field ?? ""))" } ?? finding.field ?? "answers"
    }

    /// "R-000001 visit_plan for acme-tw by lin.hao: pending, waiting for chen.mei (supervisor)".
    static func summary(_ record: ReportRecord) -> String {
        var line =
            "\(record.id) \(record.form) for \(record.customer) by \(record.submitter): \(record.status.rawValue)"
        let waiting = record.waitingFor
        if !waiting.isEmpty {
            let step = record.openStepIndex.map { " at step '\(record.steps[$0].step)'" } ?? ""
            line += ", waiting for \(waiting.map(\.rawValue).joined(separator: ", "))\(step)"
            if let index = record.openStepIndex, let due = record.steps[index].dueAt { line += ", due \(due)" }
        }
        return line + "\n"
    }

    /// The report's answers (labels aligned), its signatures with opinions, and its history.
    static func timeline(
        _ overview: ReportOverview, form: Form?, formSet: FormSet, locale: String, current: String? = nil
    ) -> String {
        let record = overview.record
        var out = summary(record)
        let filedOn = record.revision.formVersion
        out += "\nanswers (revision \(record.revision.number), form version \(filedOn.prefix(12))):\n"
        if let current, current != filedOn {
            out +=
                form?.version == filedOn
                ? "  (filed on an earlier version of the form; shown with that version, the current one is \(current.prefix(12)))\n"
                : "  (filed on form version \(filedOn.prefix(12)), which the store does not keep; labels are the current form's)\n"
        }
        var rows: [(String, String)] = []
        for field in form?.fields ?? [] {
            guard let value = record.revision.answers[field.id.value] else { continue }
            let label =
                field.label?.text(in: locale, fallback: formSet.manifest.defaultLocale) ?? field.id.value.rawValue
            rows.append((label, value.plainText))
        }
        // Answers to fields the form shown does not have (never lost from view).
        let known = Set((form?.fields ?? []).map(\.id.value))
        for field in record.revision.answers.fields where !known.contains(field) {
            rows.append((field.rawValue, record.revision.answers[field]?.plainText ?? ""))
        }
        out += table(rows, indent: 2)
        if !record.decisions.isEmpty {
            out += "\nsignatures:\n"
            for entry in record.decisions {
                let signature = entry.signature
                let acting = signature.actingFor.map { " acting for \($0)" } ?? ""
                let voided = entry.voided ? " (voided)" : ""
                out +=
                    "  \(signature.at) \(entry.decision.rawValue) by \(signature.name) (\(signature.signer))\(acting)"
                out += " at step '\(entry.step)'\(voided)\n"
                out +=
                    "    meaning: \(signature.meaning); revision \(signature.revision) \(signature.revisionHash.prefix(19))\n"
                if let opinion = entry.opinion { out += "    opinion: \(opinion)\n" }
            }
        }
        out += "\nhistory:\n"
        for entry in record.history { out += "  \(entry.at) \(entry.text)\n" }
        if !overview.next.isEmpty { out += "\nnext:\n" + overview.next.map { "  - \($0)\n" }.joined() }
        if !overview.blockers.isEmpty { out += "\nblocked by:\n" + overview.blockers.map { "  - \($0)\n" }.joined() }
        return out
    }

    static func inbox(_ items: [InboxItem], for person: PersonID) -> String {
        if items.isEmpty { return "nothing waiting for \(person)\n" }
        var rows: [(String, String)] = []
        for item in items {
            var what = "\(item.form) for \(item.customer) by \(item.submitter)"
            switch item.reason {
            case .decide where item.approvalRefused != nil:
                what += ", return or reject" + (item.step.map { " at step '\($0)'" } ?? "")
            case .decide: what += ", sign" + (item.step.map { " at step '\($0)'" } ?? "")
            case .actingFor where item.approvalRefused != nil:
                what += ", return or reject for \(item.actingFor?.rawValue ?? "someone")"
            case .actingFor: what += ", sign for \(item.actingFor?.rawValue ?? "someone")"
            case .revise: what += ", returned to you for revision"
            }
            if let due = item.dueAt { what += ", due \(due)" }
            if let refusal = item.approvalRefused { what += "; approving is refused: \(refusal.message)" }
            rows.append((item.report.rawValue, what))
        }
        return "\(items.count) waiting for \(person):\n" + table(rows, indent: 2)
    }

    static func customer(_ overview: CustomerOverview) -> String {
        let record = overview.record
        var out = "customer \(record.id)\n"
        for (workflow, position) in record.positions.sorted(by: { $0.key < $1.key }) {
            out += "  \(workflow): stage '\(position.stage)' since \(position.since)\n"
        }
        let (shown, earlier) = (overview.history.count, overview.earlierHistoryLines)
        if shown + earlier > 0 {
            out +=
                (earlier == 0
                    ? "\nhistory:\n"
                    : "\nhistory (the latest \(shown) of \(shown + earlier) lines; --history all shows every one):\n")
                + overview.history.map { "  \($0.at) \($0.text)\n" }.joined()
        }
        let open = overview.forms.filter(\.available)
        if !open.isEmpty { out += "\ncan be filed now:\n" + open.map { "  - \($0.form) (\($0.stage))\n" }.joined() }
        let blocked = overview.forms.filter { !$0.available }
        if !blocked.isEmpty {
            out += "\nnot yet:\n"
            for form in blocked { out += "  - \(form.form): \(form.blockers.joined(separator: "; "))\n" }
        }
        if !overview.toAdvance.isEmpty {
            out += "\nto move on:\n" + overview.toAdvance.map { "  - \($0)\n" }.joined()
        }
        return out
    }

    static func explanation(_ explanation: Explanation) -> String {
        var out = "\(explanation.action): \(explanation.allowed ? "allowed" : "refused")\n"
        for line in explanation.lines {
            let mark =
                switch line.status {
                case .pass: "ok  "
                case .fail: "NO  "
                case .info: "    "
                }
            out += "  \(mark)\(line.text)\n"
        }
        return out
    }

    /// Two columns, the first padded by display width.
    static func table(_ rows: [(String, String)], indent: Int) -> String {
        let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        let pad = String(repeating: " ", count: indent)
        // A value of several lines continues under its first line.
        let continuation = "\n" + pad + String(repeating: " ", count: width + 2)
        return rows.map { left, right in
            pad + left + String(repeating: " ", count: width - DisplayWidth.of(left) + 2)
                + right.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: continuation) + "\n"
        }.joined()
    }
}
