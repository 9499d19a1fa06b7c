import FormworkDefinitions
import FormworkLanguage

extension Engine {
    /// Reminders and escalations that fell due before `time`, each once, earliest first.
    ///
    /// Reads only the deadline queue, not every report. Escalation adds the step's `escalate_to`
    /// approvers (resolved at submission); it never approves anything.
    func dueEvents(upTo time: Timestamp) -> [Event] {
        var events: [Event] = []
        for deadline in state.deadlines.due(upTo: time) {
            guard let report = state.reports[deadline.report], report.status == .pending,
                let index = report.stepIndex(of: deadline.step),
                report.steps[index].status == .open
            else { continue }
            switch deadline.kind {
            case .reminder:
                events.append(
                    .reminderSent(
                        ReminderSent(
                            report: report.id, step: deadline.step, at: time, remindAt: deadline.at,
                            to: report.waitingFor)))
            case .due:
                let sla = report.routing.steps[index].sla
                let current = report.approvers(ofStep: index)
                let added = (sla?.escalateTo ?? []).filter { person in
                    !current.contains(person) && !report.editors.contains(person)
                }
                events.append(
                    .stepEscalated(
                        StepEscalated(
                            report: report.id, step: deadline.step, at: time, dueAt: deadline.at, added: added,
                            trace: sla?.trace ?? [])))
            }
        }
        return events
    }
}
