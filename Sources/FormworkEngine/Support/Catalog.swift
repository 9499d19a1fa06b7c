import FormworkDefinitions
import FormworkLanguage

/// The form set with the lookup tables the engine needs, built once when the engine is made.
struct Catalog: Sendable {
    /// A place where a workflow offers a form.
    struct Offer: Sendable {
        var workflow: Workflow
        var stageIndex: Int
        var entry: StageForm

        var stage: Stage { workflow.stages[stageIndex] }
    }

    let formSet: FormSet
    let forms: [FormID: Form]
    let policies: [PolicyID: Policy]
    let people: [PersonID: Person]
    let workflows: [WorkflowID: Workflow]
    let offers: [FormID: [Offer]]
    let choiceLists: [ChoiceListID: ChoiceList]
    let delegationsTo: [PersonID: [Delegation]]
    let resolver: ApproverResolver?
    let calendar: BusinessCalendar
    let locale: String
    /// Every field `pattern` of the form set, compiled once; nil for one that does not compile.
    let patterns: [String: CompiledPattern?]

    init(formSet: FormSet, locale: String) {
        self.formSet = formSet
        self.locale = locale
        forms = Dictionary(formSet.servedForms.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        policies = Dictionary(formSet.policies.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        people = Dictionary(
            (formSet.org?.people ?? []).map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        workflows = Dictionary(
            formSet.servedWorkflows.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
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
        resolver = formSet.org.map(ApproverResolver.init)
        calendar = BusinessCalendar(formSet.manifest.calendar)
        var patterns: [String: CompiledPattern?] = [:]
        func collect(_ fields: [Field]) {
            for field in fields {
                if let pattern = field.pattern?.value, patterns[pattern] == nil {
                    patterns[pattern] = .some((try? Regex(pattern)).map(CompiledPattern.init))
                }
                collect(field.fields)
            }
        }
        for form in formSet.forms { collect(form.fields) }
        self.patterns = patterns
    }

    /// A text in the engine's locale (the manifest's default locale as fallback).
    func text(_ text: LocalizedText?) -> String? {
        text?.text(in: locale, fallback: formSet.manifest.defaultLocale)
    }

    /// A field's label in the engine's locale, else its id.
    func label(of field: Field) -> String {
        text(field.label) ?? field.id.value.rawValue
    }

    /// The option values a choice field accepts.
    func options(of field: Field) -> [String] {
        switch field.choices {
        case .list(let id)?: choiceLists[id.value]?.options.map(\.value.value) ?? []
        case .inline(let options)?: options.map(\.value.value)
        case nil: []
        }
    }

    /// A person's name, else their id.
    func name(of person: PersonID) -> String {
        people[person]?.name ?? person.rawValue
    }

    /// The stage that follows `index` in `workflow`: its `next`, else the following one; nil for the last.
    func nextStage(after index: Int, in workflow: Workflow) -> Int? {
        let stage = workflow.stages[index]
        if let next = stage.next?.value { return workflow.stages.firstIndex { $0.id.value == next } }
        return index + 1 < workflow.stages.count ? index + 1 : nil
    }

    /// The `submitter` record of the condition language.
    func submitterRecord(_ person: Person) -> Value {
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
