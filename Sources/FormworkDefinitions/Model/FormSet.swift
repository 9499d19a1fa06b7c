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
    /// The set's version: SHA-256 (hex) of every file's path (relative to the manifest's folder) and
    /// bytes. Two copies of the same files have the same version.
    public var version: String = ""
    /// The offsets of the calendar's time zone, read when the set is loaded (nil when the zone is unknown, or for
    /// a set made in code): the engine's business days read them instead of setting up Foundation's zone data.
    public var zoneOffsets: ZoneOffsets?

    /// The form with this id: one of `forms`, or the change-proposal form when the manifest
    /// declares change control.
    public func form(_ id: FormID) -> Form? {
        if let form = forms.first(where: { $0.id.value == id }) { return form }
        guard id == ChangeControl.formID else { return nil }
        return manifest.changeControl?.form()
    }
    public func policy(_ id: PolicyID) -> Policy? { policies.first { $0.id.value == id } }
    public func choiceList(_ id: ChoiceListID) -> ChoiceList? { choiceLists.first { $0.id.value == id } }
}
