import FormworkDefinitions
import FormworkLanguage
import Foundation

/// The weekly time each person spends on reports, estimated from the definitions: for filling,
/// fields × seconds per field type × the org's expected volume (and the stage's cadence); for
/// reviewing, a share of the filling time plus the opinion, for every report routed to them.
///
/// Estimates use `Double`: they are minutes, not money, and are shown rounded.
struct BurdenEstimate: Sendable {
    /// Seconds to fill in one report of each form, and each top-level field's part of it.
    let fillSeconds: [FormID: Double]
    let fieldSeconds: [FormID: [(field: FieldID, seconds: Double)]]
    /// Reports a week one person files of each form (from the org's volumes).
    let reportsPerWeek: [FormID: Double]
    /// Seconds a week, by person and form.
    let fill: [PersonID: [FormID: Double]]
    let review: [PersonID: [FormID: Double]]
    let roles: [RoleBurden]
    /// Forms someone files that the org gives no volume for (left out of the estimate).
    let formsWithoutVolume: [FormID]
    /// False without an org: nobody to estimate for.
    let hasOrg: Bool

    init(_ formSet: FormSet, options: AuditOptions, entries: [FormID: [AuditContext.StageEntry]]) {
        var seconds: [FieldType: Int] = options.fieldSeconds
        for (type, value) in formSet.manifest.audit?.fieldSeconds ?? [:] { seconds[type] = value.value }
        var fillSeconds: [FormID: Double] = [:]
        var fieldSeconds: [FormID: [(field: FieldID, seconds: Double)]] = [:]
        for form in formSet.forms {
            var parts: [(field: FieldID, seconds: Double)] = []
            for section in form.sections {
                for field in section.fields {
                    let cost = Self.cost(
                        of: field, conditional: section.showIf != nil, seconds: seconds, options: options)
                    parts.append((field.id.value, cost))
                }
            }
            fieldSeconds[form.id.value] = parts
            fillSeconds[form.id.value] = Double(options.reportOverheadSeconds) + parts.reduce(0) { $0 + $1.seconds }
        }
        self.fillSeconds = fillSeconds
        self.fieldSeconds = fieldSeconds
        guard let org = formSet.org else {
            reportsPerWeek = [:]
            fill = [:]
            review = [:]
            roles = []
            formsWithoutVolume = []
            hasOrg = false
            return
        }
        hasOrg = true
        let workdays = Double(max(1, formSet.manifest.calendar.workdays.count))
        var rates: [FormID: Double] = [:]
        for volume in org.volumes {
            switch volume.amount {
            case .perWeek(let perWeek):
                rates[volume.form.value] = NSDecimalNumber(decimal: perWeek.value).doubleValue
            case .customers(let customers):
                let cadence = entries[volume.form.value]?.compactMap(\.entry.cadence?.value).first
                rates[volume.form.value] = Double(customers.value) * Self.perWeek(cadence, workdays: workdays)
            }
        }
        reportsPerWeek = rates
        let active = org.people.filter(\.active)
        var fill: [PersonID: [FormID: Double]] = [:]
        var review: [PersonID: [FormID: Double]] = [:]
        var missing: [FormID] = []
        let resolver = ApproverResolver(org: org)
        let policies = Dictionary(formSet.policies.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        for form in formSet.forms {
            let id = form.id.value
            guard let uses = entries[id], !uses.isEmpty else { continue }
            let filers = active.filter { person in
                uses.contains { use in
                    let roles = use.entry.filledBy ?? use.workflow.filledBy
                    return roles.isEmpty || roles.contains { person.has(role: $0.value) }
                }
            }
            guard !filers.isEmpty else { continue }
            guard let rate = rates[id] else {
                missing.append(id)
                continue
            }
            let perReport = fillSeconds[id] ?? 0
            let reviewSeconds =
                perReport * Double(options.reviewReadPercent) / 100 + Double(options.reviewOpinionSeconds)
            let policy = form.policy.flatMap { policies[$0.value] }
            for person in filers {
                fill[person.id.value, default: [:]][id, default: 0] += rate * perReport
                guard let policy else { continue }
                for step in policy.steps where !step.incomplete {
                    let weight = step.when == nil ? 1 : Double(options.conditionalStepPercent) / 100
                    var found = resolver.resolve(step.approvers, for: person, allowSelf: policy.allowsSelfApproval)
                    if found.approvers.isEmpty {
                        found = resolver.resolve(step.fallback, for: person, allowSelf: policy.allowsSelfApproval)
                    }
                    let approvers = found.approvers
                    guard !approvers.isEmpty else { continue }
                    let share: Double
                    switch step.quorum.value {
                    case .any: share = 1 / Double(approvers.count)
                    case .all: share = 1
                    case .count(let n): share = min(1, Double(n) / Double(approvers.count))
                    }
                    for approver in approvers {
                        review[approver, default: [:]][id, default: 0] += rate * weight * share * reviewSeconds
                    }
                }
            }
        }
        self.fill = fill
        self.review = review
        formsWithoutVolume = missing
        var roles: [RoleBurden] = []
        for role in org.roles {
            let people = active.filter { $0.has(role: role.id.value) }
            let budget = formSet.manifest.audit?.budget(for: role.id.value)?.minutes.value
            var busiest: (person: PersonID, fill: Double, review: Double)?
            for person in people.map(\.id.value).sorted() {
                let f = Self.total(fill[person])
                let r = Self.total(review[person])
                if busiest == nil || f + r > (busiest?.fill ?? 0) + (busiest?.review ?? 0) {
                    busiest = (person, f, r)
                }
            }
            guard let top = busiest, top.fill + top.review > 0 || budget != nil else { continue }
            var perForm: [FormID: Double] = fill[top.person] ?? [:]
            for (form, value) in review[top.person] ?? [:] { perForm[form, default: 0] += value }
            let forms = perForm.filter { $0.value > 0 }
                .map {
                    RoleBurden.FormMinutes(
                        form: $0.key, minutes: Self.minutes($0.value), reportsPerWeek: rates[$0.key] ?? 0)
                }
                .sorted { ($0.minutes, $1.form) > ($1.minutes, $0.form) }
            roles.append(
                RoleBurden(
                    role: role.id.value, people: people.count, busiest: top.fill + top.review > 0 ? top.person : nil,
                    minutes: Self.minutes(top.fill + top.review), fillMinutes: Self.minutes(top.fill),
                    reviewMinutes: Self.minutes(top.review), budget: budget, forms: forms))
        }
        self.roles = roles
    }

    /// The sum of a person's seconds, added in form order so that the result never depends on the
    /// order a dictionary happens to keep.
    static func total(_ seconds: [FormID: Double]?) -> Double {
        (seconds ?? [:]).sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
    }

    /// Whole minutes from seconds, rounded half up.
    /// Whole minutes, clamped to what an `Int` holds (a `Double` beyond it would trap in the conversion; the
    /// definitions' bounds keep every estimate far below).
    static func minutes(_ seconds: Double) -> Int {
        let minutes = (seconds / 60).rounded(.toNearestOrAwayFromZero)
        guard minutes.isFinite else { return 0 }
        return Int(exactly: minutes) ?? (minutes > 0 ? Int.max : Int.min)
    }

    /// Reports a week for one customer at a cadence (one when there is none).
    static func perWeek(_ cadence: Cadence?, workdays: Double) -> Double {
        switch cadence {
        case .daily: workdays
        case .weekly, nil: 1
        case .biweekly: 0.5
        case .monthly: 12.0 / 52
        case .quarterly: 4.0 / 52
        }
    }

    /// Seconds to answer one field: nothing when computed, a glance when offered (prefill, default),
    /// each row's fields for a group, and a share of that when it is asked only under a condition.
    static func cost(of field: Field, conditional: Bool, seconds: [FieldType: Int], options: AuditOptions) -> Double {
        if field.compute != nil { return 0 }
        var result: Double
        if field.type.value == .group {
            let rows = max(field.items?.min?.value ?? options.groupRows, 1)
            let row = field.fields.reduce(0.0) {
                $0 + cost(of: $1, conditional: false, seconds: seconds, options: options)
            }
            result = Double(rows) * row
        } else if field.prefill != nil || field.defaultValue != nil || field.defaultExpr != nil {
            result = Double(options.offeredAnswerSeconds)
        } else {
            result = Double(seconds[field.type.value] ?? 10)
        }
        if conditional || field.showIf != nil { result *= Double(options.conditionalFieldPercent) / 100 }
        return result
    }
}
