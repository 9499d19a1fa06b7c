import FormworkDiagnostics

/// The form set with lookup tables that rules share, built once per check.
struct RuleContext {
    let formSet: FormSet
    let forms: [FormID: Form]
    let policies: [PolicyID: Policy]
    let choiceLists: [ChoiceListID: ChoiceList]
    let people: [PersonID: Person]
    let roles: Set<RoleID>
    let regions: Set<RegionID>
    /// For every form, the stage entries that use it, with their workflow.
    let usage: [FormID: [(workflow: Workflow, stage: Stage, entry: StageForm)]]
    /// The forms that name each policy, in form order.
    private let formsByPolicy: [PolicyID: [Form]]

    init(_ formSet: FormSet) {
        self.formSet = formSet
        forms = Dictionary(formSet.servedForms.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        policies = Dictionary(formSet.policies.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        choiceLists = Dictionary(formSet.choiceLists.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        people = Dictionary(
            (formSet.org?.people ?? []).map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        roles = Set((formSet.org?.roles ?? []).map(\.id.value))
        regions = Set((formSet.org?.regions ?? []).map(\.id.value))
        var usage: [FormID: [(workflow: Workflow, stage: Stage, entry: StageForm)]] = [:]
        for workflow in formSet.servedWorkflows {
            for stage in workflow.stages {
                for entry in stage.forms { usage[entry.form.value, default: []].append((workflow, stage, entry)) }
            }
        }
        self.usage = usage
        formsByPolicy = Dictionary(grouping: formSet.servedForms.filter { $0.policy != nil }) { $0.policy?.value ?? "" }
    }

    var org: Org? { formSet.org }

    /// The forms that name `policy`.
    func forms(using policy: PolicyID) -> [Form] {
        formsByPolicy[policy] ?? []
    }

    /// "unknown form 'visit_pln'; did you mean 'visit_plan'?" as an error at the reference; nothing
    /// when the name is that of a definition dropped for an error already reported.
    func unknown<Tag>(
        _ reference: Located<Identifier<Tag>>, among known: some Sequence<Identifier<Tag>>, context: String = ""
    )
        -> [Diagnostic]
    {
        let name = reference.value.rawValue
        if formSet.damagedNames.contains(name) { return [] }
        let hint = Suggestion.didYouMean(name, in: known.map(\.rawValue))
        return [
            .error(
                "unknown-reference", "unknown \(Tag.noun) '\(name)'\(context)\(hint)", at: reference.location,
                length: name.unicodeScalars.count)
        ]
    }
}
