extension TypeChecker {
    /// The expression's source between backticks, shortened: "`amount`", "`items.amount`".
    static func source(_ expression: Expression) -> String {
        "`" + Token.shortened(expression.description) + "`"
    }

    /// "`amount` is a decimal": the expression as the subject of a sentence about its type.
    static func subject(_ expression: Expression, _ type: ValueType) -> String {
        "\(source(expression)) is \(type.descriptionWithArticle)"
    }

    /// The expression as the object of a sentence: "the text \"100\"", "the number 5",
    /// "`region`, which is text".
    static func object(_ expression: Expression, _ type: ValueType) -> String {
        if case .literal(let literal, _) = expression {
            switch literal {
            case .null: return "null"
            case .bool(let flag): return "the value \(flag)"
            case .int, .decimal: return "the number \(expression)"
            case .string: return "the text \(Token.shortened(expression.description))"
            }
        }
        return "\(source(expression)), which is \(type.descriptionWithArticle)"
    }

    /// A hint for a non-boolean used where true or false is needed.
    static func booleanHint(for expression: Expression, _ type: ValueType) -> [String] {
        switch type {
        case .string, .list:
            ["to test whether it is filled in, write has(\(expression))"]
        case .int, .decimal:
            ["compare it with something, e.g. \(expression) > 0"]
        default:
            []
        }
    }

    /// "first", "second", "third", "argument 4".
    static func ordinal(_ index: Int) -> String {
        switch index {
        case 0: "first"
        case 1: "second"
        case 2: "third"
        default: "argument \(index + 1)"
        }
    }
}
