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

/// The guards of one command, collected as they are judged.
///
/// `handle` reads only the refusals, so a line that passes or informs is kept, its words written,
/// only when explaining: making each line's closure (a box for what it captures) and releasing it
/// cost more than the checks themselves.
struct GuardList {
    private let explaining: Bool
    /// The verdicts so far: every line when explaining, otherwise the failures and the verdicts made
    /// elsewhere (a lookup's, an actor's).
    private(set) var all: [Guard] = []

    /// `capacity` is reserved when explaining; otherwise nothing is, since a command that passes every guard
    /// appends no line (and a list that stays empty allocates nothing).
    init(explaining: Bool, capacity: Int) {
        self.explaining = explaining
        if explaining { all.reserveCapacity(capacity) }
    }

    /// The first refusal so far, if any.
    var refusal: Refusal? { Guard.firstRefusal(all) }

    mutating func append(_ verdict: Guard) {
        all.append(verdict)
    }

    mutating func pass(_ text: @autoclosure () -> String) {
        guard explaining else { return }
        let line = text()
        all.append(.pass(line))
    }

    mutating func info(_ text: @autoclosure () -> String) {
        guard explaining else { return }
        let line = text()
        all.append(.info(line))
    }
}
