public import FormworkDiagnostics
import FormworkLanguage

/// `change_control:` in the manifest: who may propose a new version of the form set, and the policy
/// that signs a proposal. A proposal is a report like any other (routing, opinions, deadlines,
/// separation of duties), filed on a form and a one-stage workflow that Formwork adds to the set
/// (`ChangeControl.form`, `ChangeControl.workflow`) for the pseudo-customer `form-set`.
public struct ChangeControl: Sendable {
    /// The roles that may propose a new version (and publish an approved one).
    public var proposedBy: [Located<RoleID>]
    /// The policy that signs proposals; it may not allow self-approval.
    public var policy: Located<PolicyID>
    public var location: SourceLocation

    public init(proposedBy: [Located<RoleID>], policy: Located<PolicyID>, location: SourceLocation) {
        self.proposedBy = proposedBy
        self.policy = policy
        self.location = location
    }

    /// The id of the form a proposal is filed on.
    public static let formID: FormID = "form_set_change"
    /// The id of the workflow that offers it.
    public static let workflowID: WorkflowID = "change_control"
    /// The one stage of that workflow.
    public static let stageID: StageID = "proposed"
    /// The customer every proposal is filed for.
    public static let customer = "form-set"

    /// The proposal's fields, by id.
    public enum FieldName: String, CaseIterable, Sendable {
        case summary, version, baseVersion = "base_version", changes, breaking, inFlight = "in_flight", audit
    }

    /// The form a proposal is filed on: what changes and why, the version proposed and the one it
    /// replaces, the classified changes, and the audit's figures before and after.
    public func form() -> Form {
        let at = location
        func field(
            _ name: FieldName, _ type: FieldType, _ en: String, _ zh: String, required: Bool = false,
            hint: String? = nil
        ) -> Field {
            Field(
                id: Located(FieldID(name.rawValue), at: at), type: Located(type, at: at),
                label: LocalizedText(entries: [.init(locale: "en", text: en), .init(locale: "zh-Hant", text: zh)]),
                hint: hint.map(LocalizedText.init), required: Located(required, at: at), requiredIf: nil, showIf: nil,
                readOnlyIf: nil, defaultValue: nil, defaultExpr: nil, compute: nil, prefill: nil, choices: nil,
                currency: nil, pattern: nil, length: nil, range: nil, items: nil, unique: false, reportForm: nil,
                fields: [], checks: [])
        }
        let fields = [
            field(.summary, .longText, "What changes and why", "變更內容與理由", required: true),
            field(
                .version, .text, "Proposed version", "提議版本", required: true,
                hint: "The SHA-256 of the proposed files, as `formwork diff` prints it"),
            field(.baseVersion, .text, "Replaces version", "取代版本"),
            field(.changes, .longText, "Changes (safe and breaking)", "變更明細（相容與不相容）"),
            field(.breaking, .integer, "Breaking changes", "不相容變更數", required: true),
            field(.inFlight, .integer, "Reports in flight touched", "受影響的進行中報告", required: true),
            field(.audit, .longText, "Audit before and after", "稽核數字（變更前後）"),
        ]
        var form = Form(
            id: Located(Self.formID, at: at),
            title: LocalizedText(entries: [
                .init(locale: "en", text: "Form-set change proposal"), .init(locale: "zh-Hant", text: "表單變更提案"),
            ]),
            description: nil, policy: policy,
            sections: [Section(id: nil, title: nil, showIf: nil, fields: fields)], checks: [], file: at.file)
        form.version = "change-control-form-v1"
        return form
    }

    /// The one-stage workflow that offers the proposal form to the proposing roles.
    public func workflow() -> Workflow {
        let at = location
        let entry = StageForm(
            form: Located(Self.formID, at: at), required: false, repeatable: true, cadence: nil, filledBy: nil,
            after: [], location: at)
        let stage = Stage(
            id: Located(Self.stageID, at: at), title: LocalizedText("Proposed"), forms: [entry], exitWhen: nil,
            next: nil)
        return Workflow(
            id: Located(Self.workflowID, at: at), title: LocalizedText("Form-set change control"),
            filledBy: proposedBy, stages: [stage], file: at.file)
    }
}

extension FormSet {
    /// The forms the engine serves: the set's own, plus the change-proposal form when the manifest
    /// declares change control.
    public var servedForms: [Form] {
        guard let control = manifest.changeControl, !forms.contains(where: { $0.id.value == ChangeControl.formID })
        else { return forms }
        return forms + [control.form()]
    }

    /// The workflows the engine serves: the set's own, plus change control's.
    public var servedWorkflows: [Workflow] {
        guard let control = manifest.changeControl,
            !workflows.contains(where: { $0.id.value == ChangeControl.workflowID })
        else { return workflows }
        return workflows + [control.workflow()]
    }
}
