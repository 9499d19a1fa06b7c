import FormworkDefinitions
import FormworkLanguage
import Synchronization

/// The form set with the lookup tables the engine needs, built once when the engine is made.
///
/// A class so that handing it to validators and parsers (many times per command) costs one
/// reference count, not one per table.
final class Catalog: Sendable {
    /// A place where a workflow offers a form.
    ///
    /// A class: a submission's plan holds its offer, and a copy of a value holding the whole workflow and entry
    /// retained and released each of their parts.
    final class Offer: Sendable {
        let workflow: Workflow
        let stageIndex: Int
        let entry: StageForm

        init(workflow: Workflow, stageIndex: Int, entry: StageForm) {
            self.workflow = workflow
            self.stageIndex = stageIndex
            self.entry = entry
        }

        /// The stage's id, read in place (not a copy of the whole stage).
        var stageID: StageID { workflow.stages[stageIndex].id.value }
    }

    let formSet: FormSet
    /// The served forms, the policies, the org's people and the served workflows, each held once by reference: a
    /// command's guards hand them on to the steps that follow them, and a reader takes one by a single retain
    /// (see `Shared`).
    let forms: [FormID: Shared<Form>]
    let policies: [PolicyID: Shared<Policy>]
    let people: [PersonID: OrgPerson]
    let workflows: [WorkflowID: Shared<Workflow>]
    let offers: [FormID: [Offer]]
    let choiceLists: [ChoiceListID: ChoiceList]
    let delegationsTo: [PersonID: [Delegation]]
    /// The org's approver resolver, built on first use: only routing (a submission) reads it, and building it
    /// indexes the whole org (~3% of an `approve` or `inbox` that never routes).
    var resolver: ApproverResolver? {
        resolverCache.withLock { cached in
            if let cached { return cached }
            let built = formSet.org.map(ApproverResolver.init)
            cached = .some(built)
            return built
        }
    }
    private let resolverCache = Mutex<ApproverResolver??>(nil)
    let calendar: BusinessCalendar
    let locale: String
    /// What a field's label and options are read from (shared with the form plans).
    let tables: FieldPlan.Tables
    /// Each served form as validation walks it, made when the form is first validated: a command validates one
    /// form at most, and making every plan (and compiling every pattern) cost an `approve` on the shipped set 6%.
    private let formPlans = Mutex<[FormID: FormPlan]>([:])
    /// Each policy as routing walks it.
    let policyPlans: [PolicyID: PolicyPlan]
    /// The approvers each step of a policy resolves to for a submitter, filled as submissions come.
    private let resolutions = Mutex<[ResolutionKey: ApproverResolver.Resolution]>([:])

    /// Which list of approver sources of which step of which policy, resolved for whom.
    struct ResolutionKey: Hashable, Sendable {
        /// The sources of a step: its approvers, its fallback, or its SLA's escalation.
        enum Sources: Int, Hashable, Sendable { case approvers, fallback, escalation }

        /// The list's slot: `slot(step:sources:)` of its policy's plan (a number hashes faster than the
        /// policy's id, the step and the sources).
        var slot: Int
        var submitter: PersonID
        var allowSelf: Bool
    }

    /// A policy as routing walks it, worked out once per engine: the version it was made from, where its
    /// steps' resolutions are remembered, and the values each step's `when` reads.
    struct PolicyPlan: Sendable {
        var version: String
        /// The policy's first slot among the remembered resolutions; three per step follow it.
        var firstSlot: Int
        /// For each step, `Engine.describedNames(of:)` of its `when` (nil without one that was read).
        var described: [[Engine.DescribedName]?]
        /// What every routing of the policy copies from it unchanged, in the catalogue's locale: worked out once
        /// here rather than on each submission (texts looked up by locale, a set of decisions made three times).
        var meaning: String
        var stepMeanings: [String]
        var material: [FieldID]
        var opinionRequired: [Decision]

        /// The slot of the `sources` of step `step`.
        func slot(step: Int, sources: ResolutionKey.Sources) -> Int {
            firstSlot + 3 * step + sources.rawValue
        }
    }

    init(formSet: FormSet, locale: String) {
        self.formSet = formSet
        self.locale = locale
        forms = Dictionary(
            formSet.servedForms.map { ($0.id.value, Shared($0)) }, uniquingKeysWith: { first, _ in first })
        policies = Dictionary(
            formSet.policies.map { ($0.id.value, Shared($0)) }, uniquingKeysWith: { first, _ in first })
        people = Dictionary(
            (formSet.org?.people ?? []).map { ($0.id.value, OrgPerson($0)) }, uniquingKeysWith: { first, _ in first })
        workflows = Dictionary(
            formSet.servedWorkflows.map { ($0.id.value, Shared($0)) }, uniquingKeysWith: { first, _ in first })
        choiceLists = Dictionary(
            formSet.choiceLists.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        var offers: [FormID: [Offer]] = [:]
        for workflow in formSet.servedWorkflows {
            for (index, stage) in workflow.stages.enumerated() {
                for entry in stage.forms {
                    offers[entry.form.value, default: []].append(
                        Offer(workflow: workflow, stageIndex: index, entry: entry))
                }
            }
        }
        self.offers = offers
        delegationsTo = Dictionary(grouping: formSet.org?.delegations ?? []) { $0.to.value }
        calendar = BusinessCalendar(formSet.manifest.calendar, offsets: formSet.zoneOffsets)
        tables = FieldPlan.Tables(
            locale: locale, fallbackLocale: formSet.manifest.defaultLocale, choiceLists: choiceLists)
        var policyPlans: [PolicyID: PolicyPlan] = [:]
        var nextSlot = 0
        for policy in formSet.policies where policyPlans[policy.id.value] == nil {
            let text = { (text: LocalizedText?) in text?.text(in: locale, fallback: formSet.manifest.defaultLocale) }
            let meaning = Self.meaning(of: policy, text: text)
            let needingOpinion = policy.decisionsNeedingOpinion
            policyPlans[policy.id.value] = PolicyPlan(
                version: policy.version, firstSlot: nextSlot,
                described: policy.steps.map { $0.when?.expression.map(Engine.describedNames(of:)) },
                meaning: meaning, stepMeanings: policy.steps.map { text($0.meaning) ?? meaning },
                material: policy.material.map(\.value),
                opinionRequired: Decision.allCases.filter { needingOpinion.contains($0) })
            nextSlot += 3 * policy.steps.count
        }
        self.policyPlans = policyPlans
    }

    /// What approval under `policy` means, in words: its `meaning`, else its title, else its id.
    static func meaning(of policy: Policy, text: (LocalizedText?) -> String?) -> String {
        text(policy.meaning) ?? text(policy.title) ?? "approval under \(policy.id.value)"
    }

    /// `form` as validation walks it: the plan made once for the form set's form of that id and file, else a
    /// new one (for a form the set no longer serves, such as an older version a report was filed on).
    func plan(of form: Form) -> FormPlan {
        if let known = formPlans.withLock({ $0[form.id.value] }), known.describes(form) { return known }
        return makePlan(of: form)
    }

    /// `plan(of:)` of a form held by reference: the form is copied only when no plan is known for it.
    func plan(of form: Shared<Form>) -> FormPlan {
        if let known = formPlans.withLock({ $0[form.value.id.value] }), known.describes(form) { return known }
        return makePlan(of: form.value)
    }

    private func makePlan(of form: Form) -> FormPlan {
        let plan = FormPlan(form, tables: tables)
        if let served = forms[form.id.value], plan.describes(served.value) {
            formPlans.withLock { $0[form.id.value] = plan }
        }
        return plan
    }

    /// `resolver.resolve(sources, for: submitter, allowSelf:)`, remembered under `key`.
    ///
    /// Resolving reads only the org, the sources and the submitter, all fixed for this form set, so the answer
    /// for a key never changes: it is worked out once, not on every submission of the submitter. `key` must
    /// name these `sources` of a policy of this catalog, and `submitter` must be this catalog's person.
    func resolution(
        _ key: ResolutionKey, of sources: [ApproverSource], for submitter: OrgPerson, by resolver: ApproverResolver
    ) -> ApproverResolver.Resolution {
        if let known = resolutions.withLock({ $0[key] }) { return known }
        let resolved = resolver.resolve(sources, for: submitter.value, allowSelf: key.allowSelf)
        resolutions.withLock { $0[key] = resolved }
        return resolved
    }

    /// A text in the engine's locale (the manifest's default locale as fallback).
    func text(_ text: LocalizedText?) -> String? {
        text?.text(in: locale, fallback: formSet.manifest.defaultLocale)
    }

    /// A field's label in the engine's locale, else its id.
    func label(of field: Field) -> String {
        tables.label(of: field)
    }

    /// The option values a choice field accepts.
    func options(of field: Field) -> [String] {
        tables.options(of: field)
    }

    /// A person's name, else their id.
    func name(of person: PersonID) -> String {
        people[person]?.value.name ?? person.rawValue
    }

    /// The stage that follows `index` in a workflow's `stages`: its `next`, else the following one; nil for the last.
    func nextStage(after index: Int, in stages: [Stage]) -> Int? {
        if let next = stages[index].next?.value { return stages.indices.first { stages[$0].id.value == next } }
        return index + 1 < stages.count ? index + 1 : nil
    }

    /// The `submitter` record of `person`, made afresh.
    static func submitterRecord(_ person: Person) -> Value {
        .record(
            Record(
                name: "submitter",
                [
                    "id": .string(person.id.value.rawValue),
                    "name": .string(person.name),
                    "region": person.region.map { .string($0.value.rawValue) } ?? .null,
                    "roles": .list(person.roles.map { .string($0.value.rawValue) }),
                    "manager": person.manager.map { .string($0.value.rawValue) } ?? .null,
                ]))
    }

    /// The `customer` record of the condition language.
    static func customerRecord(_ customer: CustomerID, stage: StageID?) -> Value {
        .record(
            Record(
                name: "customer",
                ["id": .string(customer.rawValue), "stage": stage.map { .string($0.rawValue) } ?? .null]))
    }
}

/// A person of the org, held once by reference (as `Shared` holds the catalogue's other values), with their
/// `submitter` record of the condition language made once: each submission binds it, and it reads nothing but the
/// person, so it never changes.
final class OrgPerson: Sendable {
    let value: Person
    let submitterRecord: Value

    init(_ value: Person) {
        self.value = value
        submitterRecord = Catalog.submitterRecord(value)
    }
}
