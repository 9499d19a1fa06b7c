import FormworkDefinitions
import FormworkEngine
import FormworkLanguage

/// `meeting-pack`: for one rep and period, every report they filed with every revision and
/// decision, opinions in full, in order: the material for a one-on-one or a periodic review.
struct MeetingPack {
    let input: ReportInput

    func make() -> ManagementReport {
        let reports = input.reportsInScope
        var summary = Table(
            id: "reports", title: "Reports",
            columns: [
                .init("report", "Report"), .init("form", "Form"), .init("title", "Title"),
                .init("customer", "Customer"), .init("submitted", "Submitted"), .init("status", "Status"),
                .init("revisions", "Revisions"), .init("decisions", "Decisions"),
            ])
        var timeline = Table(
            id: "timeline", title: "Every revision and decision, in order",
            columns: [
                .init("report", "Report"), .init("at", "At"), .init("who", "Who"), .init("what", "What"),
                .init("opinion", "Opinion"),
            ])
        timeline.groupColumn = 0
        for report in reports {
            summary.rows.append([
                .text(report.id.rawValue), .text(report.form.rawValue), .text(input.title(of: report.form)),
                .text(report.customer.rawValue), .text(report.submittedAt.description), .text(report.status.rawValue),
                .int(report.revisions.count), .int(report.decisions.count),
            ])
            timeline.groupCaptions[report.id.rawValue] =
                "\(input.title(of: report.form)) for \(report.customer.rawValue), \(report.status.rawValue)"
            var lines: [(at: Timestamp, order: Int, cells: [Cell])] = []
            for revision in report.revisions {
                let what =
                    revision.number == 1
                    ? "submitted \(report.form.rawValue) for \(report.customer.rawValue)"
                    : "resubmitted revision \(revision.number)"
                lines.append(
                    (
                        revision.at, lines.count,
                        [
                            .text(report.id.rawValue), .text(revision.at.description), .text(revision.by.rawValue),
                            .text(what), .text(""),
                        ]
                    ))
            }
            for decision in report.decisions {
                var who = decision.signature.signer.rawValue
                if let principal = decision.signature.actingFor { who += " for \(principal.rawValue)" }
                var what = "\(decision.decision.rawValue) at \(decision.step.rawValue)"
                if decision.voided { what += " (voided)" }
                lines.append(
                    (
                        decision.signature.at, lines.count,
                        [
                            .text(report.id.rawValue), .text(decision.signature.at.description), .text(who),
                            .text(what),
                            .text(decision.opinion ?? ""),
                        ]
                    ))
            }
            for (index, step) in report.steps.enumerated() where step.escalated {
                let added = step.added.map(\.rawValue).joined(separator: ", ")
                let at =
                    report.history.last {
                        $0.kind == "step-escalated" && $0.text.hasPrefix("step \(step.step.rawValue) ")
                    }?.at
                    ?? report.updatedAt
                lines.append(
                    (
                        at, lines.count + index,
                        [
                            .text(report.id.rawValue), .text(at.description), .text("system"),
                            .text(
                                "step \(step.step.rawValue) overdue; escalated to \(added.isEmpty ? "nobody" : added)"),
                            .text(""),
                        ]
                    ))
            }
            timeline.rows += lines.sorted { ($0.at, $0.order) < ($1.at, $1.order) }.map(\.cells)
        }
        return ManagementReport(
            kind: .meetingPack, title: "Meeting pack", scope: input.scope, tables: [summary, timeline],
            notes: ["Reports the rep submitted in the period, with every revision and every decision and opinion."])
    }
}
