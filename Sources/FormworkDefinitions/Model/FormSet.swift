/// Everything a form set defines, loaded and cross-referenced.
public struct FormSet: Sendable {
    public var manifest: Manifest
    public var org: Org?
    public var choiceLists: [ChoiceList]
    public var forms: [Form]
    public var workflows: [Workflow]
    public var policies: [Policy]
    /// Display paths of every file read, in reading order.
    public var files: [String]
    /// Ids of definitions dropped because of an error already reported.
    public var damagedNames: Set<String> = []

    public func form(_ id: FormID) -> Form? { forms.first { $0.id.value == id } }
    public func policy(_ id: PolicyID) -> Policy? { policies.first { $0.id.value == id } }
    public func choiceList(_ id: ChoiceListID) -> ChoiceList? { choiceLists.first { $0.id.value == id } }
}
