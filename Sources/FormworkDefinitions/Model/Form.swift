public import FormworkDiagnostics

/// A report form: its fields in the order they are asked, the policy that signs it, and its checks.
public struct Form: Sendable {
    public var id: Located<FormID>
    public var title: LocalizedText
    public var description: LocalizedText?
    public var policy: Located<PolicyID>?
    public let sections: [Section]
    public var checks: [Check]
    public var file: String
    /// Every top-level field in the order asked, across sections.
    public let fields: [Field]
    /// SHA-256 (hex) of the form's file: reports are pinned to the exact version they were filed on.
    public var version: String = ""

    public init(
        id: Located<FormID>, title: LocalizedText, description: LocalizedText?, policy: Located<PolicyID>?,
        sections: [Section], checks: [Check], file: String
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.policy = policy
        self.sections = sections
        self.checks = checks
        self.file = file
        fields = sections.flatMap(\.fields)
    }

    public func field(_ id: FieldID) -> Field? { fields.first { $0.id.value == id } }
}

/// A titled group of fields; a form without `sections:` has one untitled section.
public struct Section: Sendable {
    public var id: Located<SectionID>?
    public var title: LocalizedText?
    public var showIf: Condition?
    public var fields: [Field]
}

/// A rule that must be true for an answer (or the whole report) to pass.
public struct Check: Sendable {
    public enum Severity: String, Sendable, CaseIterable { case error, warning }

    public var rule: Condition
    public var message: LocalizedText
    public var severity: Severity
    public var location: SourceLocation
}

/// Inclusive lower and upper limits; either may be absent.
public struct Bounds<Bound: Sendable>: Sendable {
    public var min: Located<Bound>?
    public var max: Located<Bound>?
    public var location: SourceLocation
}

/// Where a field's options come from.
public enum ChoiceSource: Sendable {
    case list(Located<ChoiceListID>)
    case inline([ChoiceOption])
}

/// `form.field`: the earlier report's answer that prefills a field.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public var form: FormID
    public var field: FieldID

    public var description: String { "\(form).\(field)" }
}
