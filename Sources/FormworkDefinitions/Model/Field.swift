public import FormworkLanguage

/// One question of a form (or of a repeat group's row).
public struct Field: Sendable {
    public var id: Located<FieldID>
    public var type: Located<FieldType>
    public var label: LocalizedText?
    public var hint: LocalizedText?
    public var required: Located<Bool>?
    public var requiredIf: Condition?
    public var showIf: Condition?
    public var readOnlyIf: Condition?
    public var defaultValue: Located<Value>?
    public var defaultExpr: Condition?
    public var compute: Condition?
    public var prefill: Located<FieldPath>?
    public var choices: ChoiceSource?
    public var currency: Located<String>?
    public var pattern: Located<String>?
    public var length: Bounds<Int>?
    public var range: Bounds<Value>?
    public var items: Bounds<Int>?
    public var unique: Bool
    public var reportForm: Located<FormID>?
    /// For `report`: the statuses the report named may have (`status:`); nil when any will do.
    public var reportStatuses: Located<[ReportStatus]>? = nil
    /// The row's fields, for `group`.
    public var fields: [Field]
    public var checks: [Check]

    public var isRequired: Bool { required?.value ?? false }
}

/// The kinds of answer a field takes.
public enum FieldType: String, Sendable, CaseIterable {
    case text
    case longText = "long_text"
    case email
    case phone
    case integer
    case decimal
    case money
    case percent
    case date
    case datetime
    case boolean
    case choice
    case multiChoice = "multi_choice"
    case textList = "text_list"
    case customer
    case report
    case group
    case note

    /// The type its answer has in the condition language (nil for `note`, which has no answer).
    public func valueType(rowFields: [RecordType.Field] = []) -> ValueType? {
        switch self {
        case .text, .longText, .email, .phone, .choice, .customer, .report: .string
        case .integer: .int
        case .decimal, .money, .percent: .decimal
        case .date: .date
        case .datetime: .datetime
        case .boolean: .bool
        case .multiChoice, .textList: .list(.string)
        case .group: .list(.record(RecordType(name: "row", fields: rowFields)))
        case .note: nil
        }
    }

    var isText: Bool { [.text, .longText, .email, .phone].contains(self) }
    var isNumber: Bool { [.integer, .decimal, .money, .percent].contains(self) }
    var hasItems: Bool { [.multiChoice, .textList, .group].contains(self) }
}
