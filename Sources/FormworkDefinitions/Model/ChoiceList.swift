/// A reusable list of options for `choice` and `multi_choice` fields.
public struct ChoiceList: Sendable {
    public var id: Located<ChoiceListID>
    public var options: [ChoiceOption]
}

public struct ChoiceOption: Sendable {
    public var value: Located<String>
    public var label: LocalizedText
}
