/// The functions an expression may call. There are no others: the list is closed and every function is typed.
public enum BuiltinFunction: String, CaseIterable, Hashable, Sendable {
    case has
    case size
    case contains
    case startsWith
    case endsWith
    case lower
    case upper
    case trim
    case matches
    case today
    case now
    case date
    case datetime
    case daysBetween
    case addDays
    case year
    case month
    case day
    case weekday
    case min
    case max
    case sum
    case count
    case abs
    case round
    case coalesce

    /// The function's name as written in expressions.
    public var name: String { rawValue }

    /// The fewest arguments the function takes.
    public var minimumArguments: Int {
        switch self {
        case .today, .now: 0
        case .contains, .startsWith, .endsWith, .matches, .daysBetween, .addDays, .coalesce: 2
        default: 1
        }
    }

    /// The most arguments the function takes; `nil` when there is no limit.
    public var maximumArguments: Int? {
        switch self {
        case .today, .now: 0
        case .contains, .startsWith, .endsWith, .matches, .daysBetween, .addDays, .round: 2
        case .min, .max, .coalesce: nil
        default: 1
        }
    }

    /// Whether the function accepts `count` arguments.
    public func accepts(argumentCount count: Int) -> Bool {
        count >= minimumArguments && count <= (maximumArguments ?? Int.max)
    }

    /// The ways to call the function, in plain words, e.g. `size(text) -> integer`.
    public var signatures: [String] {
        switch self {
        case .has: ["has(value) -> boolean"]
        case .size: ["size(text) -> integer", "size(list) -> integer"]
        case .contains: ["contains(text, text) -> boolean", "contains(list, element) -> boolean"]
        case .startsWith: ["startsWith(text, text) -> boolean"]
        case .endsWith: ["endsWith(text, text) -> boolean"]
        case .lower: ["lower(text) -> text"]
        case .upper: ["upper(text) -> text"]
        case .trim: ["trim(text) -> text"]
        case .matches: ["matches(text, 'pattern') -> boolean"]
        case .today: ["today() -> date"]
        case .now: ["now() -> datetime"]
        case .date: ["date('YYYY-MM-DD') -> date"]
        case .datetime: ["datetime('YYYY-MM-DDTHH:MM:SSZ') -> datetime"]
        case .daysBetween: ["daysBetween(date, date) -> integer", "daysBetween(datetime, datetime) -> integer"]
        case .addDays: ["addDays(date, integer) -> date", "addDays(datetime, integer) -> datetime"]
        case .year, .month, .day, .weekday: ["\(rawValue)(date) -> integer", "\(rawValue)(datetime) -> integer"]
        case .min, .max:
            ["\(rawValue)(list) -> element", "\(rawValue)(a, b, ...) -> value"]
        case .sum: ["sum(list of numbers) -> number"]
        case .count: ["count(list) -> integer"]
        case .abs: ["abs(number) -> number"]
        case .round: ["round(number) -> decimal", "round(number, places) -> decimal"]
        case .coalesce: ["coalesce(a, b, ...) -> value"]
        }
    }

    /// One line saying what the function does.
    public var summary: String {
        switch self {
        case .has: "true when the value is not empty: not null, not empty text, not an empty list"
        case .size: "the number of characters in a text, or of elements in a list; 0 when empty"
        case .contains: "true when the text contains the other text, or the list contains the element"
        case .startsWith: "true when the text starts with the other text"
        case .endsWith: "true when the text ends with the other text"
        case .lower: "the text in lower case"
        case .upper: "the text in upper case"
        case .trim: "the text without spaces and line breaks at either end"
        case .matches: "true when the regular expression matches somewhere in the text"
        case .today: "the current date"
        case .now: "the current date and time"
        case .date: "the date written as YYYY-MM-DD"
        case .datetime: "the date and time written as RFC 3339"
        case .daysBetween: "the number of days from the first date to the second"
        case .addDays: "the date that many days later (earlier when negative)"
        case .year: "the year of a date"
        case .month: "the month of a date, 1 to 12"
        case .day: "the day of the month, 1 to 31"
        case .weekday: "the day of the week, 1 for Monday to 7 for Sunday"
        case .min: "the smallest of a list, or of the arguments, ignoring empty values"
        case .max: "the largest of a list, or of the arguments, ignoring empty values"
        case .sum: "the total of a list of numbers, ignoring empty values; 0 for an empty list"
        case .count: "the number of non-empty elements of a list"
        case .abs: "the number without its sign"
        case .round: "the number rounded to that many decimal places (0 when omitted), halves away from zero"
        case .coalesce: "the first argument that is not empty"
        }
    }

    /// The signatures joined for a message: "size(text) -> integer or size(list) -> integer".
    var signatureList: String {
        signatures.joined(separator: " or ")
    }

    /// "1 argument", "2 arguments", "1 or 2 arguments", "at least 2 arguments", "no arguments".
    var arityDescription: String {
        let (minimum, maximum) = (minimumArguments, maximumArguments)
        func arguments(_ count: Int) -> String { count == 1 ? "1 argument" : "\(count) arguments" }
        switch maximum {
        case .none: return "at least \(arguments(minimum))"
        case .some(0): return "no arguments"
        case .some(let maximum) where maximum == minimum: return arguments(minimum)
        case .some(let maximum): return "\(minimum) or \(arguments(maximum))"
        }
    }
}

extension BuiltinFunction {
    /// The first signature without its result, e.g. `today()` or `size(text)`.
    var callExample: String {
        String((signatures.first ?? "\(name)(...)").prefix { $0 != " " })
    }
}
