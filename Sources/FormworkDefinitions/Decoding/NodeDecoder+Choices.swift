import FormworkDiagnostics

extension NodeDecoder {
    mutating func choiceLists(_ map: MappingView) -> [ChoiceList] {
        list(map["choices"], "'choices'") { (d: inout NodeDecoder, node: YAMLNode) -> ChoiceList? in
            guard let m = d.mapping(node, "a choice list", allowed: ["id", "options"]),
                let id = d.required(m, "id").flatMap({ d.id($0, "the choice list id", as: ChoiceListTag.self) })
            else { return nil }
            let options = d.required(m, "options").map { d.options($0, "the options of '\(id.value)'") } ?? []
            return ChoiceList(id: id, options: options)
        }
    }

    /// A list of options, each `{value, label}` or a bare string; values must be unique.
    mutating func options(_ node: YAMLNode, _ what: String) -> [ChoiceOption] {
        let options: [ChoiceOption] = list(node, what) { (d: inout NodeDecoder, item: YAMLNode) -> ChoiceOption? in
            if item.scalar != nil {
                guard let value = d.nonEmptyString(item, "an option") else { return nil }
                return ChoiceOption(value: value, label: LocalizedText(value.value))
            }
            guard let m = d.mapping(item, "an option", allowed: ["value", "label"]),
                let value = d.required(m, "value").flatMap({ d.nonEmptyString($0, "the option's value") })
            else { return nil }
            let label = m["label"].flatMap { d.text($0, "the label of option '\(value.value)'") }
            return ChoiceOption(value: value, label: label ?? LocalizedText(value.value))
        }
        if case .sequence(let items) = node.kind, items.isEmpty {
            error("invalid-value", "\(what) must list at least one option", at: node.location)
        }
        var seen: [String: ChoiceOption] = [:]
        for option in options {
            if let first = seen[option.value.value] {
                diagnostics.append(
                    .error(
                        "duplicate-id", "the option '\(option.value.value)' appears twice in \(what)",
                        at: option.value.location, notes: [.init("first listed here", at: first.value.location)]))
            } else {
                seen[option.value.value] = option
            }
        }
        return options
    }
}
