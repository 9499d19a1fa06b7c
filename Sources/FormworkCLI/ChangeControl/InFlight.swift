import FormworkDefinitions
import FormworkEngine
import FormworkLanguage

/// How many reports in flight (pending or returned) each change touches.
struct InFlight: Sendable, Hashable, Encodable {
    var pending = 0
    var returned = 0

    var total: Int { pending + returned }

    /// The counts for every change, reading each report once.
    static func count(_ changes: [FormSetChange], in reports: some Sequence<ReportRecord>) -> [InFlight] {
        var counts = Array(repeating: InFlight(), count: changes.count)
        for report in reports where report.status == .pending || report.status == .returned {
            for (index, change) in changes.enumerated() where touches(change.touch, report) {
                if report.status == .pending { counts[index].pending += 1 } else { counts[index].returned += 1 }
            }
        }
        return counts
    }

    static func touches(_ touch: FormSetChange.Touch, _ report: ReportRecord) -> Bool {
        let answers = report.revision.answers
        switch touch {
        case .none: return false
        case .form(let form): return report.form == form
        case .policy(let policy): return report.routing.policy == policy
        case .answered(let form, let field): return report.form == form && answers[field] != nil
        case .unanswered(let form, let field): return report.form == form && answers[field] == nil
        case .options(let form, let field, let options):
            guard report.form == form, let value = answers[field] else { return false }
            return uses(value, options)
        }
    }

    /// Whether a value (a choice, a list of choices, or rows holding them) uses one of `options`.
    private static func uses(_ value: Value, _ options: Set<String>) -> Bool {
        switch value {
        case .string(let text): options.contains(text)
        case .list(let items): items.contains { uses($0, options) }
        case .record(let record): record.fields.contains { uses($0.value, options) }
        default: false
        }
    }
}
