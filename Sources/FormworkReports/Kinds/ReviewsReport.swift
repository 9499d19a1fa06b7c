import FormworkDefinitions
import FormworkEngine
import FormworkLanguage

/// `reviews`: how each supervisor reviews the team's reports, one of the manager's KPIs: reports
/// reviewed, time from a step's opening to their decision (median and 90th percentile), reports
/// overdue in their inbox now, escalations, and the share of decisions with a substantive opinion.
struct ReviewsReport {
    let input: ReportInput

    private struct Reviewer {
        var decisions = 0
        var approved = 0
        var returned = 0
        var rejected = 0
        var hours: [Double] = []
        var overdue = 0
        var escalationsReceived = 0
        var escalatedAway = 0
        var substantive = 0

        /// Counts one decision, its opinion and how long it took (when the step's opening is known).
        mutating func count(_ decision: Decision, substantive isSubstantive: Bool, hours taken: Double?) {
            decisions += 1
            switch decision {
            case .approve: approved += 1
            case .return: returned += 1
            case .reject: rejected += 1
            }
            if isSubstantive { substantive += 1 }
            if let taken { hours.append(taken) }
        }
    }

    func make() -> ManagementReport {
        var reviewers: [PersonID: Reviewer] = [:]
        for report in input.reports where input.inPeriod(report.submittedAt) {
            for decision in report.decisions {
                let hours = Self.opening(of: decision.step, before: decision.signature.at, in: report).map {
                    Double(max(0, decision.signature.at.secondsSinceEpoch - $0.secondsSinceEpoch)) / 3600
                }
                // Changed in place: a copy taken out of the dictionary would copy `hours` on every append.
                reviewers[decision.signature.signer, default: Reviewer()].count(
                    decision.decision, substantive: Opinion.isSubstantive(decision.opinion), hours: hours)
            }
            // A reviewer the report waits for has a row even before deciding anything.
            if report.status == .pending {
                for person in report.waitingFor where reviewers[person] == nil { reviewers[person] = Reviewer() }
            }
            for (index, step) in report.steps.enumerated() {
                for person in step.added { reviewers[person, default: Reviewer()].escalationsReceived += 1 }
                if step.escalated {
                    for person in report.routing.steps[index].approvers {
                        reviewers[person, default: Reviewer()].escalatedAway += 1
                    }
                }
            }
        }
        // Overdue now: every pending report, whenever it was filed.
        for report in input.reports where report.status == .pending {
            guard let index = report.openStepIndex, let due = report.steps[index].dueAt, due < input.scope.asOf
            else { continue }
            for person in report.waitingFor { reviewers[person, default: Reviewer()].overdue += 1 }
        }
        var table = Table(
            id: "reviewers", title: "Per reviewer",
            columns: [
                .init("region", "Region"), .init("person", "Reviewer"), .init("name", "Name"),
                .init("reviewed", "Reviewed"), .init("approved", "Approved"), .init("returned", "Returned"),
                .init("rejected", "Rejected"), .init("median_hours", "Median h"), .init("p90_hours", "P90 h"),
                .init("overdue_now", "Overdue now"), .init("escalations_received", "Escalations in"),
                .init("escalated_away", "Escalated away"), .init("substantive_percent", "Substantive %"),
            ])
        let people = reviewers.keys.filter(input.includes).sorted {
            (input.region(of: $0)?.rawValue ?? "", $0) < (input.region(of: $1)?.rawValue ?? "", $1)
        }
        for person in people {
            guard let r = reviewers[person] else { continue }
            table.rows.append([
                .text(input.region(of: person)?.rawValue ?? ""), .text(person.rawValue), .text(input.name(of: person)),
                .int(r.decisions), .int(r.approved), .int(r.returned), .int(r.rejected),
                .measure(Statistics.median(r.hours)), .measure(Statistics.percentile(r.hours, 0.9)), .int(r.overdue),
                .int(r.escalationsReceived), .int(r.escalatedAway), .share(r.substantive, of: r.decisions),
            ])
        }
        let distribution = hoursTable(
            people.filter { reviewers[$0]?.hours.isEmpty == false }.map { ($0, reviewers[$0]?.hours ?? []) })
        return ManagementReport(
            kind: .reviews, title: "Reviews", scope: input.scope, tables: [table], chartTables: [distribution],
            notes: [
                "Decisions on reports submitted in the period. Hours to sign: from the step's opening"
                    + " (submission, resubmission or the previous step) to the decision, in clock hours.",
                "Overdue now: reports waiting for the reviewer past the step's due time at \(input.scope.asOf).",
                "Escalations in: steps the reviewer was added to when overdue; escalated away: overdue steps"
                    + " of theirs that were escalated.",
                "Substantive: an opinion that is not empty, one character, or a token such as OK, 閱 or 同意"
                    + " (repeated or not).",
            ])
    }

    /// The hours to sign of every reviewer together, then of each one, in the same bins: the
    /// histogram's figures (HTML only).
    func hoursTable(_ hours: [(person: PersonID, hours: [Double])]) -> Table {
        let histogram = Histogram(
            title: "Hours to sign", unit: "h",
            values: [("All reviewers", hours.flatMap(\.hours))]
                + hours.map { (input.label(of: $0.person), $0.hours) })
        var table = Table(
            id: "hours", title: "Hours to sign, by reviewer",
            columns: [.init("hours", "Hours"), .init("all", "All reviewers")]
                + hours.map { entry in
                    let name = input.name(of: entry.person)
                    return .init(entry.person.rawValue, name.isEmpty ? entry.person.rawValue : name)
                },
            chart: .histogram(histogram))
        for bin in 0..<histogram.binCount {
            table.rows.append(
                [.text(histogram.label(ofBin: bin))] + histogram.series.map { .int($0.counts[bin]) })
        }
        return table
    }

    /// When step `step` last opened at or before `time`, from the report's history.
    static func opening(of step: StepID, before time: Timestamp, in report: ReportRecord) -> Timestamp? {
        let prefix = "step \(step.rawValue) opened"
        return report.history.last { $0.kind == "step-opened" && $0.at <= time && $0.text.hasPrefix(prefix) }?.at
    }
}
