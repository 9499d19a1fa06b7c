import FormworkLanguage

extension Value {
    /// The text of a text answer (a list's items, one a line); nil for other values.
    var answerText: String? {
        switch self {
        case .string(let text): text
        case .list(let items):
            items.allSatisfy({ if case .string = $0 { true } else { false } })
                ? items.compactMap { if case .string(let t) = $0 { t } else { nil } }.joined(separator: "\n") : nil
        default: nil
        }
    }
}
