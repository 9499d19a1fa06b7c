import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import Foundation

/// The reports of the period, read once and shared by the usage rules.
struct UsageIndex: Sendable {
    /// Reports submitted in the period (all when none), oldest first.
    let reports: [ReportRecord]
    /// Reports in the period by form, oldest first.
    let byForm: [FormID: [ReportRecord]]
    /// Every report in the store, period or not.
    let storeReports: Int
    /// When "past its due time" is judged: the given time, else the latest time the reports record.
    let asOf: Timestamp?

    init(_ source: UsageSource, calendar: WorkCalendar) {
        let zone = TimeZone(identifier: calendar.timeZone) ?? TimeZone(secondsFromGMT: 0)
        var kept: [ReportRecord] = []
        var latest: Timestamp?
        for report in source.reports {
            for time in [report.updatedAt] + report.decisions.map(\.signature.at)
            where latest.map({ time > $0 }) ?? true {
                latest = time
            }
            if let period = source.period {
                let offset =
                    (zone?.secondsFromGMT(
                        for: Date(timeIntervalSince1970: TimeInterval(report.submittedAt.secondsSinceEpoch))) ?? 0) / 60
                guard let day = report.submittedAt.withUTCOffset(minutes: offset)?.localDate, period.contains(day)
                else { continue }
            }
            kept.append(report)
        }
        kept.sort { ($0.submittedAt, $0.id) < ($1.submittedAt, $1.id) }
        reports = kept
        byForm = Dictionary(grouping: kept, by: \.form)
        storeReports = source.reports.count
        asOf = source.asOf ?? latest
    }
}
