import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation

/// `targets`: deals, units, revenue and profit of the period against the org's targets, per person,
/// region and organisation; and the rule that members' targets add up to at least 120% of their
/// team's.
///
/// A deal is an approved report (approved in the period) of a form with a `deal_value` field: its
/// revenue is `deal_value`, its profit `gross_profit`, its units the `quantity` of each group row.
/// Targets count when their period lies inside the report's period (a quarter's target in a year).
struct TargetsReport {
    let input: ReportInput

    static let coverageRule: Decimal = 120

    typealias Figures = DealFigures

    struct Goal {
        var units: Int?
        var revenue: Decimal?
        var profit: Decimal?

        mutating func add(_ target: SalesTarget) {
            if let value = target.units { units = (units ?? 0) + value }
            if let value = target.revenue { revenue = (revenue ?? 0) + value }
            if let value = target.profit { profit = (profit ?? 0) + value }
        }
    }

    func make() -> ManagementReport {
        let dealForms = DealFigures.dealForms(of: input.formSet)
        var actual: [PersonID: Figures] = [:]
        for report in input.reports {
            guard let deal = DealFigures(report, dealForms: dealForms), let approved = report.approvedAt,
                input.inPeriod(approved)
            else { continue }
            actual[report.submitter, default: Figures()].add(deal)
        }
        var personGoals: [PersonID: Goal] = [:]
        var regionGoals: [RegionID: Goal] = [:]
        var orgGoal = Goal()
        var anyTarget = false
        for target in input.formSet.org?.targets ?? [] {
            guard let period = ReportPeriod(parsing: target.period.value.description) else { continue }
            if let scoped = input.scope.period, !scoped.covers(period) { continue }
            anyTarget = true
            switch target.scope {
            case .organisation: orgGoal.add(target)
            case .region(let region): regionGoals[region.value, default: Goal()].add(target)
            case .person(let person): personGoals[person.value, default: Goal()].add(target)
            }
        }
        var table = Table(
            id: "targets", title: "Against targets",
            columns: [
                .init("level", "Level"), .init("id", "Who"), .init("name", "Name"), .init("deals", "Deals"),
                .init("units", "Units"), .init("units_target", "Units target"), .init("units_percent", "Units %"),
                .init("revenue", "Revenue"), .init("revenue_target", "Revenue target"),
                .init("revenue_percent", "Revenue %"), .init("profit", "Profit"),
                .init("profit_target", "Profit target"), .init("profit_percent", "Profit %"),
            ])
        func row(_ level: String, _ id: String, _ name: String, _ f: Figures, _ g: Goal?) -> [Cell] {
            [
                .text(level), .text(id), .text(name), .int(f.deals), .int(f.units),
                g?.units.map { .int($0) } ?? .none, .share(Decimal(f.units), of: g?.units.map { Decimal($0) }),
                .amount(f.revenue), g?.revenue.map { .amount($0) } ?? .none, .share(f.revenue, of: g?.revenue),
                .amount(f.profit), g?.profit.map { .amount($0) } ?? .none, .share(f.profit, of: g?.profit),
            ]
        }
        var progress: [(label: String, figures: Figures, goal: Goal?)] = []
        let people = Set(actual.keys).union(personGoals.keys).filter(input.includes)
        let org = input.formSet.org
        if input.scope.person == nil && input.scope.region == nil {
            let total = actual.values.reduce(into: Figures()) { $0.add($1) }
            let id = org?.id.value.rawValue ?? ""
            table.rows.append(row("organisation", id, org?.name ?? "", total, orgGoal))
            progress.append((org?.name ?? id, total, orgGoal))
        }
        if input.scope.person == nil {
            let regions = (org?.regions.map(\.id.value) ?? []).filter {
                input.scope.region == nil || $0 == input.scope.region
            }
            for region in regions {
                let total = actual.filter { input.region(of: $0.key) == region }.values
                    .reduce(into: Figures()) { $0.add($1) }
                let label = org?.regions.first { $0.id.value == region }?.label?.text(
                    in: input.formSet.manifest.defaultLocale)
                table.rows.append(row("region", region.rawValue, label ?? "", total, regionGoals[region]))
                let named = label.map { $0.isEmpty ? "" : " (\($0))" } ?? ""
                progress.append(("Region " + region.rawValue + named, total, regionGoals[region]))
            }
        }
        for person in people.sorted(by: {
            (input.region(of: $0)?.rawValue ?? "", $0) < (input.region(of: $1)?.rawValue ?? "", $1)
        }) {
            table.rows.append(
                row("person", person.rawValue, input.name(of: person), actual[person] ?? Figures(), personGoals[person])
            )
            progress.append((input.label(of: person), actual[person] ?? Figures(), personGoals[person]))
        }
        table.chart = .progress(Self.progressChart(progress))
        let coverage = coverageTable(org: org, orgGoal: orgGoal, regionGoals: regionGoals, personGoals: personGoals)
        var notes = [
            "Deals: reports of \(dealForms.map(\.rawValue).sorted().joined(separator: ", ")) approved in the period;"
                + " revenue is deal_value, profit gross_profit, units the quantity of each order line.",
            "Coverage: the members' targets added up against their team's; the rule wants at least 120%.",
        ]
        if !anyTarget { notes.append("No target of the org lies inside this period.") }
        return ManagementReport(
            kind: .targets, title: "Targets", scope: input.scope, tables: [table, coverage], notes: notes)
    }

    /// Reached against target per row, in the measure the targets set: revenue when any row has a
    /// revenue target, else units, else profit.
    static func progressChart(_ rows: [(label: String, figures: Figures, goal: Goal?)]) -> ProgressChart {
        let goals = rows.compactMap(\.goal)
        let hasUnits = goals.contains { $0.units != nil }
        let hasProfit = goals.contains { $0.profit != nil }
        let measure: (name: String, actual: (Figures) -> Decimal, target: (Goal) -> Decimal?) =
            if goals.contains(where: { $0.revenue != nil }) || (!hasUnits && !hasProfit) {
                ("revenue", { $0.revenue }, { $0.revenue })
            } else if hasUnits {
                ("units", { Decimal($0.units) }, { $0.units.map { Decimal($0) } })
            } else {
                ("profit", { $0.profit }, { $0.profit })
            }
        return ProgressChart(
            title: "\(measure.name.prefix(1).uppercased() + measure.name.dropFirst()) against target",
            measure: measure.name,
            items: rows.map { row in
                ProgressChart.Item(
                    label: row.label, actual: measure.actual(row.figures), target: row.goal.flatMap(measure.target))
            })
    }

    /// Each region's target against its people's, and the organisation's against its regions'.
    func coverageTable(
        org: Org?, orgGoal: Goal, regionGoals: [RegionID: Goal], personGoals: [PersonID: Goal]
    ) -> Table {
        var table = Table(
            id: "coverage", title: "Target coverage (members add up to at least 120%)",
            columns: [
                .init("level", "Level"), .init("id", "Team"), .init("revenue_target", "Revenue target"),
                .init("members_revenue_target", "Members' targets"), .init("coverage_percent", "Coverage %"),
                .init("meets_rule", "Meets 120%"),
            ])
        var items: [ProgressChart.Item] = []
        func add(_ level: String, _ id: String, _ goal: Decimal?, _ members: Decimal) {
            guard let goal, goal > 0 else { return }
            items.append(
                ProgressChart.Item(
                    label: (level == "region" ? "Region " : "Organisation ") + id, actual: members, target: goal))
            let meets = members * 100 >= goal * Self.coverageRule
            table.rows.append([
                .text(level), .text(id), .amount(goal), .amount(members), .share(cutting: members, of: goal),
                .text(meets ? "yes" : "no"),
            ])
        }
        if input.scope.person == nil && input.scope.region == nil {
            add(
                "organisation", org?.id.value.rawValue ?? "", orgGoal.revenue,
                regionGoals.values.compactMap(\.revenue).reduce(0, +))
        }
        for region in (org?.regions.map(\.id.value) ?? [])
        where input.scope.region == nil || region == input.scope.region {
            let members = personGoals.filter { input.region(of: $0.key) == region }.values.compactMap(\.revenue)
                .reduce(0, +)
            add("region", region.rawValue, regionGoals[region]?.revenue, members)
        }
        table.chart = .progress(
            ProgressChart(
                title: "Members' revenue targets against the team's", measure: "members' revenue targets",
                rule: Self.coverageRule, items: items))
        return table
    }
}
