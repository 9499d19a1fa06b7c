/// One guard's verdict, shared by `handle` (the first failure refuses) and `explain` (every line).
struct Guard: Sendable {
    var line: Explanation.Line
    var refusal: Refusal?

    static func pass(_ text: String) -> Guard { Guard(line: .init(status: .pass, text: text), refusal: nil) }

    static func info(_ text: String) -> Guard { Guard(line: .init(status: .info, text: text), refusal: nil) }

    static func fail(_ refusal: Refusal, _ text: String? = nil) -> Guard {
        Guard(line: .init(status: .fail, text: text ?? refusal.message, code: refusal.code), refusal: refusal)
    }

    static func firstRefusal(_ guards: [Guard]) -> Refusal? {
        guards.first { $0.refusal != nil }?.refusal
    }
}
