import FormworkDefinitions
import FormworkEngine
import FormworkLanguage

/// `activity`: what the team filed in the period, per rep, region and form; reports against each
/// form's cadence on time or late; and the shares returned and rejected (a high share means reps do
/// not know what a good report is).
struct ActivityReport {
    let input: ReportInput

    /// Days allowed after a cadence's interval before the next report counts as late.
    static let graceDays = 2

    private struct Tally {
        var submitted = 0
        var approved = 0
        var open = 0
        var returned = 0
        var rejected = 0
        var onTime = 0
        var late = 0

        mutating func add(_ report: ReportRecord, cadence: Bool?) {
            submitted += 1
            switch report.status {
            case .approved: approved += 1
            case .pending, .returned: open += 1
            case .rejected: rejected += 1
            case .recalled: break
            }
            if report.decisions.contains(where: { $0.decision == .return }) { returned += 1 }
            switch cadence {
            case true?: onTime += 1
            case false?: late += 1
            case nil: break
            }
        }

        var cells: [Cell] {
            [
                .int(submitted), .int(approved), .int(open), .share(returned, of: submitted),
                .share(rejected, of: submitted), .int(onTime), .int(late),
            ]
        }
    }

    static let tallyColumns: [Table.Column] = [
        .init("submitted", "Submitted"), .init("approved", "Approved"), .init("open", "Open"),
        .init("returned_percent", "Returned %"), .init("rejected_percent", "Rejected %"),
        .init("cadence_on_time", "On time"), .init("cadence_late", "Late"),
    ]

    func make() -> ManagementReport {
        let cadences = cadenceDays()
        let timing = cadenceTiming(cadences)
        var byRep: [PersonID: Tally] = [:]
        var byRegion: [String: (reps: Set<PersonID>, tally: Tally)] = [:]
        var byForm: [FormID: Tally] = [:]
        let reports = input.reportsInScope
        for report in reports {
            let onTime = timing[report.id]
            byRep[report.submitter, default: Tally()].add(report, cadence: onTime)
            let region = input.region(of: report.submitter)?.rawValue ?? ""
            byRegion[region, default: ([], Tally())].reps.insert(report.submitter)
            byRegion[region, default: ([], Tally())].tally.add(report, cadence: onTime)
            byForm[report.form, default: Tally()].add(report, cadence: onTime)
        }
        var reps = Table(
            id: "reps", title: "Per rep",
            columns: [.init("region", "Region"), .init("person", "Rep"), .init("name", "Name")] + Self.tallyColumns)
        let people = byRep.keys.sorted {
            (input.region(of: $0)?.rawValue ?? "", $0) < (input.region(of: $1)?.rawValue ?? "", $1)
        }
        for person in people {
            guard let tally = byRep[person] else { continue }
            reps.rows.append(
                [
                    .text(input.region(of: person)?.rawValue ?? ""), .text(person.rawValue),
                    .text(input.name(of: person)),
                ]
                    + tally.cells)
        }
        var regions = Table(
            id: "regions", title: "Per region",
            columns: [.init("region", "Region"), .init("reps", "Reps")] + Self.tallyColumns)
        for region in byRegion.keys.sorted() {
            guard let entry = byRegion[region] else { continue }
            regions.rows.append([.text(region), .int(entry.reps.count)] + entry.tally.cells)
        }
        var forms = Table(
            id: "forms", title: "Per form",
            columns: [.init("form", "Form"), .init("title", "Title"), .init("cadence", "Cadence")] + Self.tallyColumns)
        for form in input.formSet.forms.map(\.id.value) {
            guard let tally = byForm[form] else { continue }
            forms.rows.append(
                [.text(form.rawValue), .text(input.title(of: form)), .text(cadences[form]?.name ?? "")] + tally.cells)
        }
        return ManagementReport(
            kind: .activity, title: "Activity", scope: input.scope, tables: [reps, regions, forms],
            chartTables: [repsByForm(people, reports)],
            notes: [
                "Reports submitted in the period. Open: pending or returned now. Returned %: reports returned at least once.",
                "On time / late: reports of forms with a cadence, against the customer's previous report of the form"
                    + " (the interval plus \(Self.graceDays) days of grace); a customer's first report is not judged.",
            ])
    }

    /// Each rep's reports of the period (`reports`, those in scope) split by form: the stacked bars' figures (HTML only).
    func repsByForm(_ people: [PersonID], _ reports: [ReportRecord]) -> Table {
        var counts: [PersonID: [FormID: Int]] = [:]
        for report in reports { counts[report.submitter, default: [:]][report.form, default: 0] += 1 }
        let forms = funnelOrder().filter { form in counts.values.contains { $0[form] != nil } }
        var table = Table(
            id: "reps_by_form", title: "Reports per rep and form",
            columns: [.init("region", "Region"), .init("person", "Rep"), .init("name", "Name")]
                + forms.map { .init($0.rawValue, input.title(of: $0)) } + [.init("submitted", "Submitted")])
        var bars: [StackedBarChart.Bar] = []
        for person in people {
            let values = forms.map { counts[person]?[$0] ?? 0 }
            let name = input.name(of: person)
            table.rows.append(
                [
                    .text(input.region(of: person)?.rawValue ?? ""), .text(person.rawValue), .text(name),
                ] + values.map { .int($0) } + [.int(values.reduce(0, +))])
            bars.append(StackedBarChart.Bar(label: input.label(of: person), values: values))
        }
        table.chart = .stacked(
            StackedBarChart(
                title: "Reports per rep and form", segments: forms.map { input.title(of: $0) }, bars: bars))
        return table
    }

    /// The forms in the order the sales process uses them (the workflows' stages), then the others.
    func funnelOrder() -> [FormID] {
        var order: [FormID] = []
        for workflow in input.formSet.workflows {
            for stage in workflow.stages {
                for entry in stage.forms where !order.contains(entry.form.value) { order.append(entry.form.value) }
            }
        }
        return order + input.formSet.forms.map(\.id.value).filter { !order.contains($0) }
    }

    /// Each form with a cadence in some stage, and its interval in days.
    func cadenceDays() -> [FormID: (name: String, days: Int)] {
        var result: [FormID: (name: String, days: Int)] = [:]
        for workflow in input.formSet.workflows {
            for stage in workflow.stages {
                for entry in stage.forms {
                    guard let cadence = entry.cadence?.value else { continue }
                    let days =
                        switch cadence {
                        case .daily: 1
                        case .weekly: 7
                        case .biweekly: 14
                        case .monthly: 31
                        case .quarterly: 92
                        }
                    result[entry.form.value] = (cadence.rawValue, days)
                }
            }
        }
        return result
    }

    /// For each report of a cadence form after the customer's first: whether it came within the
    /// interval (plus grace) of the previous one.
    func cadenceTiming(_ cadences: [FormID: (name: String, days: Int)]) -> [ReportID: Bool] {
        var previous: [String: LocalDate] = [:]
        var result: [ReportID: Bool] = [:]
        for report in input.reports where report.status != .recalled {
            guard let cadence = cadences[report.form], let date = input.localDate(of: report.submittedAt) else {
                continue
            }
            let key = report.customer.rawValue + "\u{0}" + report.form.rawValue
            if let last = previous[key] { result[report.id] = last.days(to: date) <= cadence.days + Self.graceDays }
            previous[key] = date
        }
        return result
    }
}
