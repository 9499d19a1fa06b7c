import FormworkDefinitions
import FormworkLanguage

extension Engine {
    /// `customer-advanced` events caused by approving `report`: while the customer's stage has every
    /// required report approved and its `exit_when` holds, the customer moves to the next stage
    /// (possibly several in a row; never round a loop twice in one go).
    ///
    /// `opening` is the customer's stage when the same command opens it (not yet in the state).
    func advancement(
        customer: CustomerID, workflow id: WorkflowID, approving report: ReportID, form: FormID, answers: Answers,
        at time: Timestamp, opening: StageID? = nil
    ) -> [Event] {
        guard let workflow = catalog.workflows[id] else { return [] }
        // The stages and the customer's tables are read where they are: a copy of the workflow or of the customer's
        // record would retain each of its parts.
        let stages = workflow.value.stages
        let (position, approved) =
            state.customers.read(customer) { ($0.positions[id]?.stage, $0.latestApproved) }
            ?? (nil, nil)
        guard var stageID = position ?? opening else { return [] }
        // The customer's latest approved reports with this one among them, read without copying the
        // customer's table to add it.
        func latest(_ other: FormID) -> ReportID? { other == form ? report : approved?[other] }
        // Stages are few: a short list is cheaper than a set.
        var seen: [StageID] = [stageID]
        var events: [Event] = []
        // By index: the closure of `firstIndex(where:)` is handed a copy of each stage.
        while let index = stages.indices.first(where: { stages[$0].id.value == stageID }) {
            guard stages[index].forms.allSatisfy({ !$0.required || latest($0.form.value) != nil }) else { break }
            // Nothing is written or evaluated for the last stage: it has nowhere to advance to.
            guard let next = catalog.nextStage(after: index, in: stages) else { break }
            let stage = stages[index]
            let reason: String
            if let exit = stage.exitWhen {
                guard let expression = exit.expression else { break }
                var bindings: [String: Value] = ["customer": Catalog.customerRecord(customer, stage: stageID)]
                for other in stages.flatMap(\.forms) {
                    let formID = other.form.value
                    guard let definition = catalog.forms[formID]?.value else { continue }
                    if let latestID = latest(formID) {
                        let latestAnswers = latestID == report ? answers : state.reports[latestID]?.revision.answers
                        bindings[formID.rawValue] = record(of: definition, answers: latestAnswers ?? Answers())
                    } else {
                        bindings[formID.rawValue] = .null
                    }
                }
                let context = EvaluationContext(
                    bindings: bindings, today: catalog.calendar.localDate(of: time), now: time)
                guard case .success(true) = Evaluator.evaluateCondition(expression, in: context) else { break }
                reason = "the exit condition of stage \(stageID), `\(exit.source)`, holds"
            } else {
                reason = "every required report of stage \(stageID) is approved"
            }
            let nextID = stages[next].id.value
            guard !seen.contains(nextID) else { break }
            seen.append(nextID)
            events.append(
                .customerAdvanced(
                    CustomerAdvanced(
                        customer: customer, workflow: id, from: stageID, to: nextID, at: time, report: report,
                        reason: reason)))
            stageID = nextID
        }
        return events
    }
}
