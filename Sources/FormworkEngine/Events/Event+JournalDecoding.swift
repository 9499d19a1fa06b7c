import FormworkDefinitions
import FormworkLanguage
import Foundation

extension Event {
    /// The event of a journal record's body, or nil when it is not one this Formwork understands.
    ///
    /// A body exactly as `journalJSON` writes it is read by hand (`JournalReader`); anything else —
    /// another spelling of the same JSON, or a malformed or unknown record — goes to `JSONDecoder`,
    /// which decides as it always did. Read by hand because the first `JSONDecoder` uses of a process
    /// cost more than the rest of a command (docs/design/event-json.md). Debug builds decode every
    /// body both ways and assert that the events are equal.
    package static func fromJournal(_ body: [UInt8]) -> Event? {
        guard let event = decoded(body), event.numbersAreWithinLimits else { return nil }
        return event
    }

    /// Whether the numbers the engine counts on from (a revision's, a published version's) and an SLA's days are
    /// within what a journal written by Formwork holds: a record altered to hold `Int.max` (its checksum and the
    /// chain written anew) must not make the next resubmission's `+ 1` trap.
    /// (The same limits as a snapshot's values: `EntityCodec.check`.)
    var numbersAreWithinLimits: Bool {
        switch self {
        case .reportSubmitted(let submitted):
            EntityCodec.isCountable(submitted.revision.number)
                && submitted.routing.steps.allSatisfy { $0.sla.map(EntityCodec.isWithinLimits) ?? true }
        case .reportResubmitted(let resubmitted): EntityCodec.isCountable(resubmitted.revision.number)
        case .formSetPublished(let published): EntityCodec.isCountable(published.number)
        default: true
        }
    }

    private static func decoded(_ body: [UInt8]) -> Event? {
        guard let event = Event(handWrittenJSON: body) else { return foundationEvent(body) }
        assert(
            foundationEvent(body).map { $0 == event && $0.journalJSON == event.journalJSON } == true,
            "Event+JournalDecoding.swift reads \(event.kind) unlike JSONDecoder (update it with the event's fields): "
                + String(decoding: body, as: UTF8.self))
        return event
    }

    /// The event as `JSONDecoder` decodes it (nil when it cannot be decoded).
    static func foundationEvent(_ body: [UInt8]) -> Event? {
        try? JSONDecoder().decode(Event.self, from: Data(body))
    }

    /// The event read by hand; nil unless `body` is exactly what the hand-written encoder writes.
    init?(handWrittenJSON body: [UInt8]) {
        // `{"body":…,"kind":"…"}`: the kind comes last, so it is found from the end first.
        guard let kind = Self.trailingKind(body) else { return nil }
        var reader = JournalReader(body)
        guard reader.literal("{\"body\":") else { return nil }
        let event: Event?
        switch kind {
        case "report-submitted": event = reader.reportSubmitted().map { .reportSubmitted($0) }
        case "step-opened": event = reader.stepOpened().map { .stepOpened($0) }
        case "decision-recorded": event = reader.decisionRecorded().map { .decisionRecorded($0) }
        case "step-completed": event = reader.stepCompleted().map { .stepCompleted($0) }
        case "report-approved": event = reader.reportOutcome().map { .reportApproved($0) }
        case "report-returned": event = reader.reportOutcome().map { .reportReturned($0) }
        case "report-rejected": event = reader.reportOutcome().map { .reportRejected($0) }
        case "report-recalled": event = reader.reportOutcome().map { .reportRecalled($0) }
        case "customer-opened": event = reader.customerOpened().map { .customerOpened($0) }
        case "customer-advanced": event = reader.customerAdvanced().map { .customerAdvanced($0) }
        case "report-resubmitted": event = reader.reportResubmitted().map { .reportResubmitted($0) }
        case "approvals-voided": event = reader.approvalsVoided().map { .approvalsVoided($0) }
        case "reminder-sent": event = reader.reminderSent().map { .reminderSent($0) }
        case "step-escalated": event = reader.stepEscalated().map { .stepEscalated($0) }
        case "form-set-published": event = reader.formSetPublished().map { .formSetPublished($0) }
        default: return nil
        }
        guard let event, reader.nextKey("kind"), reader.string() == kind, reader.byte(0x7d), reader.atEnd else {
            return nil
        }
        self = event
    }

    /// The kind in a body's last bytes, `,"kind":"…"}`; kinds are lowercase ASCII letters and dashes.
    private static func trailingKind(_ body: [UInt8]) -> String? {
        guard body.count > 2, body[body.count - 1] == 0x7d, body[body.count - 2] == 0x22 else { return nil }
        var start = body.count - 2
        while start > 0, body[start - 1] == 0x2d || (0x61...0x7a).contains(body[start - 1]) { start -= 1 }
        guard start > 0, body[start - 1] == 0x22 else { return nil }
        return String(decoding: body[start..<(body.count - 2)], as: UTF8.self)
    }
}

// Each reader mirrors its writer in Event+JSON.swift, key by key.
extension JournalReader {
    mutating func revision() -> Revision? {
        guard key("answers"), let answers = self.answers(), nextKey("at"), let at = time(), nextKey("by"),
            let by: PersonID = id(), nextKey("defaulted"), let defaulted = strings(), nextKey("dropped"),
            let dropped = array({ reader -> DroppedAnswer? in
                guard reader.literal("{\"field\":"), let field = reader.string(), reader.nextKey("reason"),
                    let reason = reader.string(), reader.nextKey("value"), let value = reader.storedValue(),
                    reader.byte(0x7d)
                else { return nil }
                return DroppedAnswer(field: field, value: value, reason: reason)
            }),
            nextKey("formVersion"), let formVersion = string(), nextKey("hash"), let hash = string(),
            nextKey("number"), let number = int(), nextKey("prefilled"),
            let prefilled = array({ reader -> PrefilledAnswer? in
                guard reader.literal("{\"field\":"), let field: FieldID = reader.id(), reader.nextKey("report"),
                    let report: ReportID = reader.id(), reader.nextKey("source"), let source = reader.string(),
                    reader.byte(0x7d)
                else { return nil }
                return PrefilledAnswer(field: field, source: source, report: report)
            }),
            nextKey("warnings"),
            let warnings = array({ reader -> FieldFinding? in
                guard reader.byte(0x7b) else { return nil }
                var field: String?
                var label: String?
                if reader.key("field") {
                    guard let text = reader.string(), reader.byte(0x2c) else { return nil }
                    field = text
                }
                if reader.key("label") {
                    guard let text = reader.string(), reader.byte(0x2c) else { return nil }
                    label = text
                }
                guard reader.key("message"), let message = reader.string(), reader.byte(0x7d) else { return nil }
                return FieldFinding(field: field, label: label, message: message)
            })
        else { return nil }
        return Revision(
            number: number, at: at, by: by, formVersion: formVersion, answers: answers, hash: hash, dropped: dropped,
            prefilled: prefilled, defaulted: defaulted, warnings: warnings)
    }

    mutating func routing() -> Routing? {
        guard literal("{\"delegation\":"), let delegation = bool(), nextKey("material"),
            let material: [FieldID] = ids(),
            nextKey("meaning"), let meaning = string(), nextKey("opinionRequired"), let opinionRequired = decisions(),
            nextKey("policy"), let policy: PolicyID = id(), nextKey("policyVersion"), let policyVersion = string(),
            nextKey("recall"), let recall = string(), nextKey("selfApproval"), let selfApproval = bool(),
            nextKey("steps"), let steps = array({ $0.routedStep() }), byte(0x7d)
        else { return nil }
        return Routing(
            policy: policy, policyVersion: policyVersion, meaning: meaning, selfApproval: selfApproval, recall: recall,
            delegation: delegation, material: material, opinionRequired: opinionRequired, steps: steps)
    }

    mutating func decisions() -> [Decision]? {
        array { $0.string().flatMap(Decision.init(rawValue:)) }
    }

    mutating func routedStep() -> RoutedStep? {
        guard literal("{\"approvers\":"), let approvers: [PersonID] = ids(), nextKey("decisions"),
            let decisions = self.decisions(), nextKey("id"), let step: StepID = id(), nextKey("meaning"),
            let meaning = string(), nextKey("quorum"), let quorum = string()
        else { return nil }
        var reason: String?
        if nextKey("reason") {
            guard let text = string() else { return nil }
            reason = text
        }
        guard nextKey("required"), let required = int(), nextKey("skipped"), let skipped = bool() else { return nil }
        var sla: StepSLA?
        if nextKey("sla") {
            guard literal("{\"days\":"), let days = int(), nextKey("escalateTo"), let escalateTo: [PersonID] = ids()
            else { return nil }
            var remindAfter: Int?
            if nextKey("remindAfter") {
                guard let number = int() else { return nil }
                remindAfter = number
            }
            guard nextKey("trace"), let trace = strings(), byte(0x7d) else { return nil }
            sla = StepSLA(days: days, remindAfter: remindAfter, escalateTo: escalateTo, trace: trace)
        }
        guard nextKey("trace"), let trace = strings() else { return nil }
        var when: String?
        if nextKey("when") {
            guard let text = string() else { return nil }
            when = text
        }
        guard byte(0x7d) else { return nil }
        return RoutedStep(
            id: step, meaning: meaning, when: when, skipped: skipped, reason: reason, approvers: approvers,
            trace: trace,
            quorum: quorum, required: required, decisions: decisions, sla: sla)
    }

    mutating func reportSubmitted() -> ReportSubmitted? {
        guard literal("{\"at\":"), let at = time(), nextKey("customer"), let customer: CustomerID = id(),
            nextKey("form"), let form: FormID = id(), nextKey("report"), let report: ReportID = id(),
            nextKey("revision"), byte(0x7b), let revision = self.revision(), byte(0x7d), nextKey("routing"),
            let routing = self.routing(), nextKey("stage"), let stage: StageID = id(), nextKey("submitter"),
            let submitter: PersonID = id(), nextKey("workflow"), let workflow: WorkflowID = id(), byte(0x7d)
        else { return nil }
        return ReportSubmitted(
            report: report, form: form, customer: customer, workflow: workflow, stage: stage, submitter: submitter,
            at: at, revision: revision, routing: routing)
    }

    mutating func customerOpened() -> CustomerOpened? {
        guard literal("{\"at\":"), let at = time(), nextKey("customer"), let customer: CustomerID = id(),
            nextKey("stage"), let stage: StageID = id(), nextKey("workflow"), let workflow: WorkflowID = id(),
            byte(0x7d)
        else { return nil }
        return CustomerOpened(customer: customer, workflow: workflow, stage: stage, at: at)
    }

    mutating func stepOpened() -> StepOpened? {
        guard literal("{\"at\":"), let at = time() else { return nil }
        var dueAt: Timestamp?
        var remindAt: Timestamp?
        if nextKey("dueAt") {
            guard let time = self.time() else { return nil }
            dueAt = time
        }
        if nextKey("remindAt") {
            guard let time = self.time() else { return nil }
            remindAt = time
        }
        guard nextKey("report"), let report: ReportID = id(), nextKey("step"), let step: StepID = id(), byte(0x7d)
        else { return nil }
        return StepOpened(report: report, step: step, at: at, remindAt: remindAt, dueAt: dueAt)
    }

    mutating func decisionRecorded() -> DecisionRecorded? {
        guard literal("{\"decision\":"), let decision = string().flatMap(Decision.init(rawValue:)) else { return nil }
        var opinion: String?
        if nextKey("opinion") {
            guard let text = string() else { return nil }
            opinion = text
        }
        guard nextKey("report"), let report: ReportID = id(), nextKey("signature"), byte(0x7b) else { return nil }
        var actingFor: PersonID?
        if key("actingFor") {
            guard let person: PersonID = id(), byte(0x2c) else { return nil }
            actingFor = person
        }
        guard key("at"), let at = time(), nextKey("meaning"), let meaning = string(), nextKey("name"),
            let name = string(), nextKey("revision"), let revision = int(), nextKey("revisionHash"),
            let revisionHash = string(), nextKey("signer"), let signer: PersonID = id(), byte(0x7d), nextKey("step"),
            let step: StepID = id(), byte(0x7d)
        else { return nil }
        let signature = Signature(
            signer: signer, name: name, actingFor: actingFor, meaning: meaning, revision: revision,
            revisionHash: revisionHash, at: at)
        return DecisionRecorded(report: report, step: step, decision: decision, opinion: opinion, signature: signature)
    }

    mutating func stepCompleted() -> StepCompleted? {
        guard literal("{\"approvers\":"), let approvers: [PersonID] = ids(), nextKey("at"), let at = time(),
            nextKey("report"), let report: ReportID = id(), nextKey("step"), let step: StepID = id(), byte(0x7d)
        else { return nil }
        return StepCompleted(report: report, step: step, at: at, approvers: approvers)
    }

    mutating func reportOutcome() -> ReportOutcome? {
        guard literal("{\"at\":"), let at = time() else { return nil }
        var by: PersonID?
        if nextKey("by") {
            guard let person: PersonID = id() else { return nil }
            by = person
        }
        guard nextKey("report"), let report: ReportID = id() else { return nil }
        var step: StepID?
        if nextKey("step") {
            guard let stepID: StepID = id() else { return nil }
            step = stepID
        }
        guard byte(0x7d) else { return nil }
        return ReportOutcome(report: report, at: at, by: by, step: step)
    }

    mutating func formSetPublished() -> FormSetPublished? {
        guard literal("{\"at\":"), let at = time(), nextKey("by"), let by: PersonID = id(), nextKey("number"),
            let number = int(), nextKey("proposal"), let proposal: ReportID = id()
        else { return nil }
        var replaces: String?
        if nextKey("replaces") {
            guard let text = string() else { return nil }
            replaces = text
        }
        guard nextKey("version"), let version = string(), byte(0x7d) else { return nil }
        return FormSetPublished(
            number: number, version: version, replaces: replaces, proposal: proposal, by: by, at: at)
    }

    mutating func customerAdvanced() -> CustomerAdvanced? {
        guard literal("{\"at\":"), let at = time(), nextKey("customer"), let customer: CustomerID = id(),
            nextKey("from"), let from: StageID = id(), nextKey("reason"), let reason = string(), nextKey("report"),
            let report: ReportID = id(), nextKey("to"), let to: StageID = id(), nextKey("workflow"),
            let workflow: WorkflowID = id(), byte(0x7d)
        else { return nil }
        return CustomerAdvanced(
            customer: customer, workflow: workflow, from: from, to: to, at: at, report: report, reason: reason)
    }

    mutating func reportResubmitted() -> ReportResubmitted? {
        guard literal("{\"at\":"), let at = time(), nextKey("by"), let by: PersonID = id(), nextKey("changed"),
            let changed: [FieldID] = ids(), nextKey("materialChanged"), let materialChanged: [FieldID] = ids(),
            nextKey("report"), let report: ReportID = id(), nextKey("revision"), byte(0x7b),
            let revision = self.revision(), byte(0x7d), nextKey("steps"),
            let steps = array({ reader -> StepCondition? in
                guard reader.byte(0x7b) else { return nil }
                var reason: String?
                if reader.key("reason") {
                    guard let text = reader.string(), reader.byte(0x2c) else { return nil }
                    reason = text
                }
                guard reader.key("skipped"), let skipped = reader.bool(), reader.nextKey("step"),
                    let step: StepID = reader.id(), reader.byte(0x7d)
                else { return nil }
                return StepCondition(step: step, skipped: skipped, reason: reason)
            }),
            byte(0x7d)
        else { return nil }
        return ReportResubmitted(
            report: report, at: at, by: by, revision: revision, changed: changed, materialChanged: materialChanged,
            steps: steps)
    }

    mutating func approvalsVoided() -> ApprovalsVoided? {
        guard literal("{\"approvals\":"),
            let approvals = array({ reader -> VoidedApproval? in
                guard reader.byte(0x7b) else { return nil }
                var actingFor: PersonID?
                if reader.key("actingFor") {
                    guard let person: PersonID = reader.id(), reader.byte(0x2c) else { return nil }
                    actingFor = person
                }
                guard reader.key("revision"), let revision = reader.int(), reader.nextKey("signer"),
                    let signer: PersonID = reader.id(), reader.nextKey("step"), let step: StepID = reader.id(),
                    reader.byte(0x7d)
                else { return nil }
                return VoidedApproval(step: step, signer: signer, actingFor: actingFor, revision: revision)
            }),
            nextKey("at"), let at = time(), nextKey("fields"), let fields: [FieldID] = ids(), nextKey("report"),
            let report: ReportID = id(), nextKey("revision"), let revision = int(), byte(0x7d)
        else { return nil }
        return ApprovalsVoided(report: report, at: at, revision: revision, fields: fields, approvals: approvals)
    }

    mutating func reminderSent() -> ReminderSent? {
        guard literal("{\"at\":"), let at = time(), nextKey("remindAt"), let remindAt = time(), nextKey("report"),
            let report: ReportID = id(), nextKey("step"), let step: StepID = id(), nextKey("to"),
            let to: [PersonID] = ids(), byte(0x7d)
        else { return nil }
        return ReminderSent(report: report, step: step, at: at, remindAt: remindAt, to: to)
    }

    mutating func stepEscalated() -> StepEscalated? {
        guard literal("{\"added\":"), let added: [PersonID] = ids(), nextKey("at"), let at = time(), nextKey("dueAt"),
            let dueAt = time(), nextKey("report"), let report: ReportID = id(), nextKey("step"),
            let step: StepID = id(), nextKey("trace"), let trace = strings(), byte(0x7d)
        else { return nil }
        return StepEscalated(report: report, step: step, at: at, dueAt: dueAt, added: added, trace: trace)
    }
}
