import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage

/// How supervisors review (one of their KPIs): reports waiting for them past the due time with no
/// decision, decisions after the due time, placeholder opinions; and forms whose reports mostly go
/// unread (waste: filled in, handed up, read by nobody).
///
/// A step is judged on its latest opening (a resubmission opens it again): the first decision after
/// that opening is on time or late against the step's `dueAt`; with no decision, a pending report
/// past its due time (or `unreviewedAfterDays` for a step without an SLA) is unreviewed.
struct ReviewRule: UsageRule {
    var ids: [FindingID] {
        [
            "audit.usage.unreviewed", "audit.usage.reviewed-late", "audit.usage.form-unread",
            "audit.usage.placeholder-opinions",
        ]
    }

    private struct Reviewer {
        var routed = 0
        var waiting = 0
        var oldestOverdueDays = 0
        var judged = 0
        var late = 0
        var lateDays = 0
        var decisions = 0
        var placeholderOpinions = 0
        var examples: [String] = []
    }

    func findings(in context: AuditContext, usage: UsageIndex) -> [Finding] {
        let options = context.options
        var reviewers: [PersonID: Reviewer] = [:]
        var formReports: [FormID: (opened: Int, unread: Int)] = [:]
        for report in usage.reports where report.status != .recalled {
            var opened = false
            var unread = false
            for decision in report.decisions {
                let signer = decision.signature.signer
                reviewers[signer, default: Reviewer()].decisions += 1
                if !Placeholder.isOpinion(decision.opinion) {
                    reviewers[signer, default: Reviewer()].placeholderOpinions += 1
                    let text = decision.opinion ?? "(none)"
                    if !(reviewers[signer]?.examples.contains(text) ?? true)
                        && (reviewers[signer]?.examples.count ?? 0) < 3
                    {
                        reviewers[signer]?.examples.append(text)
                    }
                }
            }
            for (index, step) in report.steps.enumerated() {
                guard step.status != .skipped, let openedAt = step.openedAt else { continue }
                opened = true
                // Responsibility stays with the approvers routed at submission, not those added by escalation.
                let routed = report.routing.steps[index].approvers
                for approver in routed { reviewers[approver, default: Reviewer()].routed += 1 }
                if let decision = report.decisions.first(where: { $0.step == step.step && $0.signature.at >= openedAt })
                {
                    guard let due = step.dueAt else { continue }
                    let signer = decision.signature.signer
                    reviewers[signer, default: Reviewer()].judged += 1
                    if decision.signature.at > due {
                        reviewers[signer, default: Reviewer()].late += 1
                        reviewers[signer, default: Reviewer()].lateDays += Self.days(
                            from: due, to: decision.signature.at)
                    }
                } else if report.status == .pending, step.status == .open, let asOf = usage.asOf {
                    let due =
                        step.dueAt ?? openedAt.adding(seconds: Int64(options.unreviewedAfterDays) * 86_400) ?? openedAt
                    guard asOf > due else { continue }
                    unread = true
                    let overdue = Self.days(from: due, to: asOf)
                    for person in routed where !report.hasApproved(person) && !report.editors.contains(person) {
                        reviewers[person, default: Reviewer()].waiting += 1
                        reviewers[person, default: Reviewer()].oldestOverdueDays = max(
                            reviewers[person]?.oldestOverdueDays ?? 0, overdue)
                    }
                }
            }
            if opened {
                formReports[report.form, default: (0, 0)].opened += 1
                if unread { formReports[report.form, default: (0, 0)].unread += 1 }
            }
        }
        var out: [Finding] = []
        for person in reviewers.keys.sorted() {
            guard let r = reviewers[person] else { continue }
            let place = context.formSet.org?.person(person)?.id
            let subject = Subject(person: person)
            if r.waiting > 0, r.waiting * 100 >= options.unreviewedPercent * max(r.routed, 1) {
                out.append(
                    Finding(
                        "audit.usage.unreviewed", .warning,
                        "\(r.waiting) of the \(r.routed) reports routed to \(person) are waiting past their due time with no decision",
                        suggestion:
                            "go through \(person)'s inbox ('formwork inbox --as \(person)') with them; if they cannot keep up, move some reps to another supervisor or add a fallback approver",
                        at: place?.location, length: place?.length ?? 1, subject: subject,
                        figures: [
                            .int("unreviewed", r.waiting), .int("routed", r.routed),
                            .percent("share_percent", r.waiting, of: r.routed),
                            .int("oldest_overdue_days", r.oldestOverdueDays),
                        ]))
            }
            if r.judged >= options.minimumSample, r.late * 100 >= options.latePercent * r.judged {
                out.append(
                    Finding(
                        "audit.usage.reviewed-late", .warning,
                        "\(person) decided \(r.late) of \(r.judged) reports after their due time, so reps waited on their sign-off",
                        suggestion:
                            "agree a daily time for \(person) to sign reports, or lengthen the step's 'sla: days' to what the team can keep",
                        at: place?.location, length: place?.length ?? 1, subject: subject,
                        figures: [
                            .int("late", r.late), .int("judged", r.judged),
                            .percent("share_percent", r.late, of: r.judged),
                            .int("average_days_late", r.late == 0 ? 0 : (r.lateDays + r.late / 2) / r.late),
                        ]))
            }
            if r.decisions >= options.minimumSample,
                r.placeholderOpinions * 100 >= options.placeholderOpinionPercent * r.decisions
            {
                out.append(
                    Finding(
                        "audit.usage.placeholder-opinions", .warning,
                        "\(r.placeholderOpinions) of \(person)'s \(r.decisions) decisions carry no real opinion (\(r.examples.map { "'\($0)'" }.joined(separator: ", "))), so the signatures do not show the reports were read",
                        suggestion:
                            "ask \(person) for one sentence of coaching per report: what the rep should do next, or what was missing",
                        at: place?.location, length: place?.length ?? 1, subject: subject,
                        figures: [
                            .int("placeholder_opinions", r.placeholderOpinions), .int("decisions", r.decisions),
                            .percent("share_percent", r.placeholderOpinions, of: r.decisions),
                            .list("examples", r.examples),
                        ]))
            }
        }
        for form in context.formSet.forms {
            guard let counts = formReports[form.id.value], counts.opened >= options.minimumSample,
                counts.unread * 100 >= options.unreadFormPercent * counts.opened
            else { continue }
            out.append(
                Finding(
                    "audit.usage.form-unread", .warning,
                    "\(counts.unread) of the \(counts.opened) '\(form.id.value)' reports were never reviewed, so the form is filled in for nobody",
                    suggestion:
                        "ask the supervisors what decision '\(form.id.value)' serves; if none, drop it, else make its review part of their weekly routine",
                    at: form.id.location, length: form.id.length, subject: Subject(form: form.id.value),
                    figures: [
                        .int("unread", counts.unread), .int("reports", counts.opened),
                        .percent("share_percent", counts.unread, of: counts.opened),
                    ]))
        }
        return out
    }

    /// Whole days from `start` to `end`, rounded up.
    static func days(from start: Timestamp, to end: Timestamp) -> Int {
        let seconds = end.secondsSinceEpoch - start.secondsSinceEpoch
        return seconds <= 0 ? 0 : Int((seconds + 86_399) / 86_400)
    }
}
