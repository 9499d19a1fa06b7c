import FormworkDiagnostics

extension NodeDecoder {
    static let workflowKeys = ["workflow", "title", "filled_by", "stages"]

    mutating func workflow(_ root: YAMLNode, map: MappingView, file: String) -> Workflow? {
        guard let id = required(map, "workflow").flatMap({ id($0, "the workflow id", as: WorkflowTag.self) }) else {
            return nil
        }
        let title = map["title"].flatMap { text($0, "the workflow's title") }
        let filledBy = map["filled_by"].map { idList($0, "'filled_by'", as: RoleTag.self) } ?? []
        let stages = required(map, "stages").map { node in list(node, "'stages'") { d, item in d.stage(item) } } ?? []
        if stages.isEmpty, let node = map["stages"], !node.isNull {
            error("invalid-value", "a workflow needs at least one stage", at: node.location)
        }
        return Workflow(id: id, title: title, filledBy: filledBy, stages: stages, file: file)
    }

    private mutating func stage(_ node: YAMLNode) -> Stage? {
        guard let map = mapping(node, "a stage", allowed: ["id", "title", "forms", "exit_when", "next"]),
            let id = required(map, "id").flatMap({ id($0, "the stage id", as: StageTag.self) })
        else { return nil }
        let forms =
            map["forms"].map { node in list(node, "the stage's 'forms'") { d, item in d.stageForm(item) } } ?? []
        return Stage(
            id: id, title: map["title"].flatMap { text($0, "the stage's title") }, forms: forms,
            exitWhen: map["exit_when"].flatMap { condition($0, "'exit_when'") },
            next: map["next"].flatMap { self.id($0, "the next stage", as: StageTag.self) })
    }

    private mutating func stageForm(_ node: YAMLNode) -> StageForm? {
        let keys = ["form", "required", "repeatable", "cadence", "filled_by", "after"]
        guard let map = mapping(node, "a stage's form", allowed: keys),
            let form = required(map, "form").flatMap({ id($0, "the form", as: FormTag.self) })
        else { return nil }
        let cadence = map["cadence"].flatMap { choice($0, "the cadence", among: Cadence.allCases) }
        let repeatable = map["repeatable"].flatMap { bool($0, "'repeatable'") }
        if let repeatable, !repeatable.value, cadence != nil {
            error(
                "invalid-value", "a form with a cadence is repeatable; remove 'repeatable: false'",
                at: repeatable.location)
        }
        return StageForm(
            form: form, required: map["required"].flatMap { bool($0, "'required'") }?.value ?? true,
            repeatable: repeatable?.value ?? (cadence != nil), cadence: cadence,
            filledBy: map["filled_by"].map { idList($0, "'filled_by'", as: RoleTag.self) },
            after: map["after"].map { idList($0, "'after'", as: FormTag.self) } ?? [], location: node.location)
    }
}
