import FormworkDefinitions
import FormworkEngine
import FormworkLanguage

/// `funnel`: where customers stand at the end of the period, how many moved on from each stage,
/// how long they stayed, and who is stalled.
///
/// A customer's stays are read from its history (`customer-opened`, `customer-advanced`); its owner
/// is the rep who filed its first report, for `--person` and `--region`.
struct FunnelReport {
    let input: ReportInput

    /// One stay of a customer in a stage.
    struct Stay {
        var workflow: WorkflowID
        var stage: StageID
        var entered: Timestamp
        var left: Timestamp?
    }

    func make() -> ManagementReport {
        let close = input.periodClose
        let firstReports = Dictionary(input.reports.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var stays: [CustomerID: [Stay]] = [:]
        var owners: [CustomerID: PersonID] = [:]
        for customer in input.customers {
            guard let first = customer.firstReport, let owner = firstReports[first]?.submitter,
                input.includes(owner)
            else { continue }
            owners[customer.id] = owner
            let all = Self.stays(of: customer, workflows: input.formSet.workflows)
                .filter { $0.entered <= close }
                .map { stay in
                    var copy = stay
                    if let left = copy.left, left > close { copy.left = nil }
                    return copy
                }
            if !all.isEmpty { stays[customer.id] = all }
        }
        var tables: [Table] = []
        var stalledTable = Table(
            id: "stalled", title: "Stalled customers (over \(input.scope.stalledDays) days in a stage)",
            columns: [
                .init("workflow", "Workflow"), .init("stage", "Stage"), .init("customer", "Customer"),
                .init("owner", "Owner"), .init("days", "Days in stage"),
            ])
        for workflow in input.formSet.workflows {
            let id = workflow.id.value
            let stages = workflow.stages.map(\.id.value)
            var table = Table(
                id: "stages", title: "Funnel \(id.rawValue)",
                columns: [
                    .init("stage", "Stage"), .init("title", "Title"), .init("customers_now", "Now"),
                    .init("reached", "Reached"), .init("entered_in_period", "Entered"),
                    .init("conversion_percent", "To next %"), .init("median_days", "Median days"),
                    .init("stalled", "Stalled"),
                ])
            var bars: [BarChart.Bar] = []
            var reached: [StageID: Set<CustomerID>] = [:]
            for (customer, list) in stays {
                for stay in list where stay.workflow == id { reached[stay.stage, default: []].insert(customer) }
            }
            for (index, stage) in stages.enumerated() {
                let isLast = index == stages.count - 1
                var now = 0
                var entered = 0
                var days: [Double] = []
                var stalled = 0
                for (customer, list) in stays.sorted(by: { $0.key < $1.key }) {
                    for stay in list where stay.workflow == id && stay.stage == stage {
                        if input.inPeriod(stay.entered) { entered += 1 }
                        if let left = stay.left {
                            days.append(Double(left.secondsSinceEpoch - stay.entered.secondsSinceEpoch) / 86_400)
                        } else {
                            now += 1
                            let waited = Int((close.secondsSinceEpoch - stay.entered.secondsSinceEpoch) / 86_400)
                            if !isLast && waited > input.scope.stalledDays {
                                stalled += 1
                                let owner = owners[customer]
                                stalledTable.rows.append([
                                    .text(id.rawValue), .text(stage.rawValue), .text(customer.rawValue),
                                    .text(owner?.rawValue ?? ""), .int(waited),
                                ])
                            }
                        }
                    }
                }
                let here = reached[stage]?.count ?? 0
                let conversion: Cell =
                    isLast ? .none : .share(reached[stages[index + 1]]?.count ?? 0, of: here)
                let title = workflow.stages[index].title?.text(in: input.formSet.manifest.defaultLocale) ?? ""
                table.rows.append([
                    .text(stage.rawValue), .text(title), .int(now), .int(here), .int(entered), conversion,
                    .measure(Statistics.median(days)), isLast ? .none : .int(stalled),
                ])
                var note: String?
                if case .percent(let share) = conversion { note = ReportRenderer.oneDecimal(share) + "% to next" }
                bars.append(
                    BarChart.Bar(label: title.isEmpty ? stage.rawValue : title, value: here, part: now, note: note))
            }
            table.chart = .bars(
                BarChart(
                    title: "Customers per stage of \(id.rawValue)", valueLabel: "Reached the stage",
                    partLabel: "In the stage now", partShortLabel: "now", bars: bars))
            tables.append(table)
        }
        stalledTable.rows.sort { lhs, rhs in
            if case .int(let l) = lhs[4], case .int(let r) = rhs[4], l != r { return l > r }
            return "\(lhs[2])" < "\(rhs[2])"
        }
        tables.append(stalledTable)
        return ManagementReport(
            kind: .funnel, title: "Funnel", scope: input.scope, tables: tables,
            notes: [
                "Now: customers in the stage at the end of the period. Reached: customers who entered it by then."
                    + " Entered: entries during the period.",
                "To next %: of the customers who reached the stage, those who reached the next one."
                    + " Median days: completed stays only.",
                "Stalled: customers in a stage other than the last for more than \(input.scope.stalledDays) days"
                    + " (--stalled-days).",
            ])
    }

    /// Every stay of a customer, from its history, in order.
    static func stays(of customer: CustomerRecord, workflows: [Workflow]) -> [Stay] {
        var result: [Stay] = []
        func workflow(of stage: StageID) -> WorkflowID? {
            if customer.positions.count == 1 { return customer.positions.keys.first }
            return workflows.first { $0.stages.contains { $0.id.value == stage } }?.id.value
        }
        for entry in customer.stageHistory {
            switch entry.kind {
            case "customer-opened":
                // "entered workflow W at stage S"
                let words = entry.text.split(separator: " ")
                guard words.count == 6, words[0] == "entered" else { continue }
                result.append(
                    Stay(workflow: WorkflowID(String(words[2])), stage: StageID(String(words[5])), entered: entry.at))
            case "customer-advanced":
                // "moved from A to B: reason"
                let words = entry.text.split(separator: " ", maxSplits: 5)
                guard words.count >= 5, words[0] == "moved", words[1] == "from", words[3] == "to" else { continue }
                let from = StageID(String(words[2]))
                let to = StageID(String(words[4].hasSuffix(":") ? words[4].dropLast() : words[4]))
                guard let flow = workflow(of: to) else { continue }
                if let open = result.lastIndex(where: { $0.workflow == flow && $0.stage == from && $0.left == nil }) {
                    result[open].left = entry.at
                }
                result.append(Stay(workflow: flow, stage: to, entered: entry.at))
            default: continue
            }
        }
        return result
    }
}
