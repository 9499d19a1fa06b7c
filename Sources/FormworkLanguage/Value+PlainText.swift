extension Value {
    /// The value as a person reads it: text without quotes, dates plainly, yes/no, lists with commas,
    /// a record as `(field: value, …)`. Used wherever answers are shown (the CLI, the prompts).
    public var plainText: String {
        switch self {
        case .null: ""
        case .bool(let flag): flag ? "yes" : "no"
        case .int(let number): String(number)
        case .decimal(let number): "\(number)"
        case .string(let text): text
        case .date(let date): date.description
        case .datetime(let time): time.description
        case .list(let items): items.map(\.plainText).joined(separator: ", ")
        case .record(let record):
            "(" + record.fields.map { "\($0.name): \($0.value.plainText)" }.joined(separator: ", ") + ")"
        }
    }
}
