/// One guard's verdict, shared by `handle` (the first failure refuses) and `explain` (every line).
///
/// The words of a passing or informative line are written only when an explanation asks for them:
/// `handle` reads the refusals alone, and composing every line's text cost more than deciding.
struct Guard: Sendable {
    var status: Explanation.Line.Status
    var refusal: Refusal?
    private var text: @Sendable () -> String

    /// The line `explain` shows.
    var line: Explanation.Line { .init(status: status, text: text(), code: refusal?.code) }

    static func pass(_ text: @autoclosure @escaping @Sendable () -> String) -> Guard {
        Guard(status: .pass, refusal: nil, text: text)
    }

    static func info(_ text: @autoclosure @escaping @Sendable () -> String) -> Guard {
        Guard(status: .info, refusal: nil, text: text)
    }

    static func fail(_ refusal: Refusal, _ text: String? = nil) -> Guard {
        let text = text ?? refusal.message
        return Guard(status: .fail, refusal: refusal, text: { text })
    }

    static func firstRefusal(_ guards: [Guard]) -> Refusal? {
        guards.first { $0.refusal != nil }?.refusal
    }
}
