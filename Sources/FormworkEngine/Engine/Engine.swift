public import FormworkDefinitions
import FormworkLanguage

/// Formwork's sign-off engine: a pure, deterministic state machine.
///
/// `handle(_:)` judges a command against the form set and the state and returns the events it
/// causes, or a refusal; it changes nothing. `apply(_:)` folds an event into the state;
/// `execute(_:)` does both. The engine does no I/O, reads no clock and makes no ids: time and ids
/// come in with each command, so replaying the journal's events always rebuilds the same state.
public struct Engine: Sendable {
    public let formSet: FormSet
    public private(set) var state: EngineState
    let catalog: Catalog

    /// The locale of labels and meanings in messages and events.
    public var locale: String { catalog.locale }

    /// An engine over `formSet`, starting from `state` (empty by default); texts in `locale`
    /// (default: the manifest's default locale).
    public init(formSet: FormSet, state: EngineState = EngineState(), locale: String? = nil) {
        self.formSet = formSet
        self.state = state
        catalog = Catalog(formSet: formSet, locale: locale ?? formSet.manifest.defaultLocale)
    }

    /// An engine whose state is `events` replayed from scratch.
    public static func replaying(_ events: some Sequence<Event>, formSet: FormSet, locale: String? = nil) -> Engine {
        var engine = Engine(formSet: formSet, locale: locale)
        engine.apply(contentsOf: events)
        return engine
    }

    /// The events `command` causes, or why it is refused. Changes nothing.
    public func handle(_ command: Command) -> Result<[Event], Refusal> {
        if let refusal = timeOrderRefusal(at: command.at) { return .failure(refusal) }
        switch command {
        case .submit(let submit): return handleSubmit(submit)
        case .decide(let decide): return handleDecide(decide)
        case .resubmit(let resubmit): return handleResubmit(resubmit)
        case .recall(let recall): return handleRecall(recall)
        case .advanceTime(let time): return .success(dueEvents(upTo: time))
        case .publish(let publish): return handlePublish(publish)
        }
    }

    /// The refusal of a command at `time` when it is earlier than the latest event: times only move forward.
    func timeOrderRefusal(at time: Timestamp) -> Refusal? {
        guard let clock = state.clock, time < clock else { return nil }
        return Refusal(
            .timeOutOfOrder,
            "the command's time \(time) is earlier than the latest event (\(clock)); times only move forward")
    }

    /// Folds one event into the state.
    public mutating func apply(_ event: Event) {
        state.apply(event)
    }

    /// Folds events into the state, in order.
    public mutating func apply(contentsOf events: some Sequence<Event>) {
        for event in events { state.apply(event) }
    }

    /// Handles `command` and applies the events it causes.
    @discardableResult
    public mutating func execute(_ command: Command) -> Result<[Event], Refusal> {
        let result = handle(command)
        if case .success(let events) = result { apply(contentsOf: events) }
        return result
    }
}

extension Engine {
    /// This engine (its form set, locale and lookup tables) over `state` instead of its own: for
    /// opening a snapshot without building the tables twice.
    package func replacingState(with state: EngineState) -> Engine {
        var engine = self
        engine.state = state
        return engine
    }

    /// Takes `source` as holding every report and customer as they are now (after a snapshot of
    /// this state was written): nothing counts as changed any more.
    public mutating func rebase(onto source: any EntitySource) {
        state.rebase(onto: source)
    }
}
