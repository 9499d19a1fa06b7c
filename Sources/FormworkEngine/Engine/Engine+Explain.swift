public import FormworkDefinitions
public import FormworkLanguage

extension Engine {
    /// Why `person` may or may not take `action` on report `id` at `time`: every guard, gate and
    /// resolver result, in words, with pass / fail / info.
    ///
    /// The guards are the very ones `handle` runs, so the explanation cannot drift from the
    /// decision. Answers and opinions are not known here: a required opinion is listed as `info`.
    public func explain(report id: ReportID, person: PersonID, action: ReportAction, at time: Timestamp) -> Explanation
    {
        let guards: [Guard]
        switch action {
        case .approve, .return, .reject:
            let decision: Decision = action == .approve ? .approve : action == .return ? .return : .reject
            guards =
                decisionGuards(
                    report: id, person: person, decision: decision, opinion: nil, actingFor: nil, revision: nil,
                    at: time, explaining: true
                ).0
        case .resubmit:
            guards = submitterGuards(report: id, person: person, recalling: false).0
        case .recall:
            guards = submitterGuards(report: id, person: person, recalling: true).0
        case .publish:
            guards = publishGuards(proposal: id, person: person)
        }
        return Explanation(action: action.rawValue, lines: timeGuard(time) + guards.map(\.line))
    }

    /// Why `person` may or may not file `form` for `customer` at `time`: the role, the customer's stage,
    /// every gate, repeatability and the policy. Answers are judged only on submission.
    public func explainSubmission(
        form: FormID, customer: CustomerID, person: PersonID, at time: Timestamp
    )
        -> Explanation
    {
        let guards = submissionGuards(form: form, customer: customer, person: person, explaining: true).0
        return Explanation(action: "submit", lines: timeGuard(time) + guards.map(\.line))
    }

    private func timeGuard(_ time: Timestamp) -> [Explanation.Line] {
        guard let clock = state.clock, time < clock else { return [] }
        return [
            Explanation.Line(
                status: .fail, text: "\(time) is earlier than the latest event (\(clock))", code: .timeOutOfOrder)
        ]
    }
}
