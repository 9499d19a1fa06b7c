import FormworkDefinitions
import FormworkLanguage
import Foundation

extension Event {
    /// The event as the journal stores it: compact JSON with sorted keys, byte for byte what
    /// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes for it.
    ///
    /// Written by hand because Foundation's encoder costs more than deciding the command that caused
    /// the event (docs/design/event-json.md). Debug builds check every event against `JSONEncoder`;
    /// a kind without a hand-written body is encoded by `JSONEncoder`.
    package var journalJSON: [UInt8] {
        guard let bytes = handWrittenJSON else { return Self.foundationJSON(self) ?? [] }
        assert(
            bytes == Self.foundationJSON(self),
            "Event+JSON.swift writes \(kind) unlike JSONEncoder (update it with the event's fields): "
                + String(decoding: bytes, as: UTF8.self) + " != "
                + String(decoding: Self.foundationJSON(self) ?? [], as: UTF8.self))
        return bytes
    }

    /// The hand-written encoding, or nil for a kind that has none.
    var handWrittenJSON: [UInt8]? {
        var out = JSONBuffer(capacity: 1024)
        return out.event(self) ? out.bytes : nil
    }

    /// The event as `JSONEncoder` writes it (nil when it cannot be encoded).
    static func foundationJSON(_ event: Event) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(event)).map { [UInt8]($0) }
    }
}

// Keys are written in the order `.sortedKeys` gives (UTF-8 bytes); optionals are left out when nil,
// as synthesized `Codable` does. Each writer mirrors the type's `Codable` conformance.
extension JSONBuffer {
    /// Writes `{"body":…,"kind":…}`; false (nothing written) for a kind written by `JSONEncoder`.
    fileprivate mutating func event(_ event: Event) -> Bool {
        raw("{\"body\":")
        if case .reportSubmitted(let body) = event {
            reportSubmitted(body)
        } else if case .stepOpened(let body) = event {
            stepOpened(body)
        } else if case .decisionRecorded(let body) = event {
            decisionRecorded(body)
        } else if case .stepCompleted(let body) = event {
            stepCompleted(body)
        } else if case .reportApproved(let body) = event {
            reportOutcome(body)
        } else if case .reportRejected(let body) = event {
            reportOutcome(body)
        } else if case .reportReturned(let body) = event {
            reportOutcome(body)
        } else if case .reportRecalled(let body) = event {
            reportOutcome(body)
        } else if case .customerOpened(let body) = event {
            customerOpened(body)
        } else if case .customerAdvanced(let body) = event {
            customerAdvanced(body)
        } else if case .reportResubmitted(let body) = event {
            reportResubmitted(body)
        } else if case .approvalsVoided(let body) = event {
            approvalsVoided(body)
        } else if case .reminderSent(let body) = event {
            reminderSent(body)
        } else if case .stepEscalated(let body) = event {
            stepEscalated(body)
        } else if case .formSetPublished(let body) = event {
            formSetPublished(body)
        } else {
            bytes.removeAll(keepingCapacity: true)
            return false
        }
        nextKey("kind")
        string(event.kind)
        raw(0x7d)
        return true
    }

    mutating func id<Tag>(_ id: Identifier<Tag>) {
        string(id.rawValue)
    }

    mutating func ids<Tag>(_ ids: [Identifier<Tag>]) {
        array(ids) { $0.string($1.rawValue) }
    }

    mutating func time(_ time: Timestamp) {
        bytes.append(0x22)
        plain(time.description)
        bytes.append(0x22)
    }

    /// A value in the tagged shape of `StoredValue`.
    mutating func storedValue(_ value: Value) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .string(let text): string(text)
        case .list(let elements): array(elements) { $0.storedValue($1) }
        case .decimal(let number):
            raw("{\"decimal\":")
            string(CanonicalText.decimal(number))
            raw(0x7d)
        case .date(let date):
            raw("{\"date\":")
            string(date.description)
            raw(0x7d)
        case .datetime(let instant):
            raw("{\"datetime\":")
            time(instant)
            raw(0x7d)
        case .record(let record):
            raw("{\"record\":")
            array(record.fields) { out, field in
                out.raw(0x7b)
                out.string(field.name)
                out.raw(0x3a)
                out.storedValue(field.value)
                out.raw(0x7d)
            }
            raw(0x7d)
        }
    }

    mutating func answers(_ answers: Answers) {
        raw(0x7b)
        var first = true
        for entry in answers.entriesInUTF8Order {
            if !first { raw(0x2c) }
            first = false
            string(entry.field.rawValue)
            raw(0x3a)
            storedValue(entry.value)
        }
        raw(0x7d)
    }

    mutating func revision(_ revision: Revision) {
        key("answers")
        answers(revision.answers)
        nextKey("at")
        time(revision.at)
        nextKey("by")
        id(revision.by)
        nextKey("defaulted")
        strings(revision.defaulted)
        nextKey("dropped")
        array(revision.dropped) { out, dropped in
            out.raw("{\"field\":")
            out.string(dropped.field)
            out.nextKey("reason")
            out.string(dropped.reason)
            out.nextKey("value")
            out.storedValue(dropped.value)
            out.raw(0x7d)
        }
        nextKey("formVersion")
        string(revision.formVersion)
        nextKey("hash")
        string(revision.hash)
        nextKey("number")
        int(revision.number)
        nextKey("prefilled")
        array(revision.prefilled) { out, prefilled in
            out.raw("{\"field\":")
            out.id(prefilled.field)
            out.nextKey("report")
            out.id(prefilled.report)
            out.nextKey("source")
            out.string(prefilled.source)
            out.raw(0x7d)
        }
        nextKey("warnings")
        array(revision.warnings) { out, finding in
            out.raw(0x7b)
            if let field = finding.field {
                out.key("field")
                out.string(field)
                out.raw(0x2c)
            }
            if let label = finding.label {
                out.key("label")
                out.string(label)
                out.raw(0x2c)
            }
            out.key("message")
            out.string(finding.message)
            out.raw(0x7d)
        }
    }

    mutating func routing(_ routing: Routing) {
        raw("{\"delegation\":")
        bool(routing.delegation)
        nextKey("material")
        ids(routing.material)
        nextKey("meaning")
        string(routing.meaning)
        nextKey("opinionRequired")
        array(routing.opinionRequired) { $0.string($1.rawValue) }
        nextKey("policy")
        id(routing.policy)
        nextKey("policyVersion")
        string(routing.policyVersion)
        nextKey("recall")
        string(routing.recall)
        nextKey("selfApproval")
        bool(routing.selfApproval)
        nextKey("steps")
        array(routing.steps) { $0.routedStep($1) }
        raw(0x7d)
    }

    mutating func routedStep(_ step: RoutedStep) {
        raw("{\"approvers\":")
        ids(step.approvers)
        nextKey("decisions")
        array(step.decisions) { $0.string($1.rawValue) }
        nextKey("id")
        id(step.id)
        nextKey("meaning")
        string(step.meaning)
        nextKey("quorum")
        string(step.quorum)
        if let reason = step.reason {
            nextKey("reason")
            string(reason)
        }
        nextKey("required")
        int(step.required)
        nextKey("skipped")
        bool(step.skipped)
        if let sla = step.sla {
            nextKey("sla")
            raw("{\"days\":")
            int(sla.days)
            nextKey("escalateTo")
            ids(sla.escalateTo)
            if let remindAfter = sla.remindAfter {
                nextKey("remindAfter")
                int(remindAfter)
            }
            nextKey("trace")
            strings(sla.trace)
            raw(0x7d)
        }
        nextKey("trace")
        strings(step.trace)
        if let when = step.when {
            nextKey("when")
            string(when)
        }
        raw(0x7d)
    }

    mutating func reportSubmitted(_ body: ReportSubmitted) {
        raw("{\"at\":")
        time(body.at)
        nextKey("customer")
        id(body.customer)
        nextKey("form")
        id(body.form)
        nextKey("report")
        id(body.report)
        nextKey("revision")
        raw(0x7b)
        revision(body.revision)
        raw(0x7d)
        nextKey("routing")
        routing(body.routing)
        nextKey("stage")
        id(body.stage)
        nextKey("submitter")
        id(body.submitter)
        nextKey("workflow")
        id(body.workflow)
        raw(0x7d)
    }

    mutating func customerOpened(_ body: CustomerOpened) {
        raw("{\"at\":")
        time(body.at)
        nextKey("customer")
        id(body.customer)
        nextKey("stage")
        id(body.stage)
        nextKey("workflow")
        id(body.workflow)
        raw(0x7d)
    }

    mutating func stepOpened(_ body: StepOpened) {
        raw("{\"at\":")
        time(body.at)
        if let dueAt = body.dueAt {
            nextKey("dueAt")
            time(dueAt)
        }
        if let remindAt = body.remindAt {
            nextKey("remindAt")
            time(remindAt)
        }
        nextKey("report")
        id(body.report)
        nextKey("step")
        id(body.step)
        raw(0x7d)
    }

    mutating func decisionRecorded(_ body: DecisionRecorded) {
        raw("{\"decision\":")
        string(body.decision.rawValue)
        if let opinion = body.opinion {
            nextKey("opinion")
            string(opinion)
        }
        nextKey("report")
        id(body.report)
        nextKey("signature")
        let signature = body.signature
        raw(0x7b)
        if let actingFor = signature.actingFor {
            key("actingFor")
            id(actingFor)
            raw(0x2c)
        }
        key("at")
        time(signature.at)
        nextKey("meaning")
        string(signature.meaning)
        nextKey("name")
        string(signature.name)
        nextKey("revision")
        int(signature.revision)
        nextKey("revisionHash")
        string(signature.revisionHash)
        nextKey("signer")
        id(signature.signer)
        raw(0x7d)
        nextKey("step")
        id(body.step)
        raw(0x7d)
    }

    mutating func stepCompleted(_ body: StepCompleted) {
        raw("{\"approvers\":")
        ids(body.approvers)
        nextKey("at")
        time(body.at)
        nextKey("report")
        id(body.report)
        nextKey("step")
        id(body.step)
        raw(0x7d)
    }

    mutating func reportOutcome(_ body: ReportOutcome) {
        raw("{\"at\":")
        time(body.at)
        if let by = body.by {
            nextKey("by")
            id(by)
        }
        nextKey("report")
        id(body.report)
        if let step = body.step {
            nextKey("step")
            id(step)
        }
        raw(0x7d)
    }

    mutating func formSetPublished(_ body: FormSetPublished) {
        raw("{\"at\":")
        time(body.at)
        nextKey("by")
        id(body.by)
        nextKey("number")
        int(body.number)
        nextKey("proposal")
        id(body.proposal)
        if let replaces = body.replaces {
            nextKey("replaces")
            string(replaces)
        }
        nextKey("version")
        string(body.version)
        raw(0x7d)
    }

    mutating func customerAdvanced(_ body: CustomerAdvanced) {
        raw("{\"at\":")
        time(body.at)
        nextKey("customer")
        id(body.customer)
        nextKey("from")
        id(body.from)
        nextKey("reason")
        string(body.reason)
        nextKey("report")
        id(body.report)
        nextKey("to")
        id(body.to)
        nextKey("workflow")
        id(body.workflow)
        raw(0x7d)
    }

    mutating func reportResubmitted(_ body: ReportResubmitted) {
        raw("{\"at\":")
        time(body.at)
        nextKey("by")
        id(body.by)
        nextKey("changed")
        ids(body.changed)
        nextKey("materialChanged")
        ids(body.materialChanged)
        nextKey("report")
        id(body.report)
        nextKey("revision")
        raw(0x7b)
        revision(body.revision)
        raw(0x7d)
        nextKey("steps")
        array(body.steps) { out, step in
            out.raw(0x7b)
            if let reason = step.reason {
                out.key("reason")
                out.string(reason)
                out.raw(0x2c)
            }
            out.key("skipped")
            out.bool(step.skipped)
            out.nextKey("step")
            out.id(step.step)
            out.raw(0x7d)
        }
        raw(0x7d)
    }

    mutating func approvalsVoided(_ body: ApprovalsVoided) {
        raw("{\"approvals\":")
        array(body.approvals) { out, approval in
            out.raw(0x7b)
            if let actingFor = approval.actingFor {
                out.key("actingFor")
                out.id(actingFor)
                out.raw(0x2c)
            }
            out.key("revision")
            out.int(approval.revision)
            out.nextKey("signer")
            out.id(approval.signer)
            out.nextKey("step")
            out.id(approval.step)
            out.raw(0x7d)
        }
        nextKey("at")
        time(body.at)
        nextKey("fields")
        ids(body.fields)
        nextKey("report")
        id(body.report)
        nextKey("revision")
        int(body.revision)
        raw(0x7d)
    }

    mutating func reminderSent(_ body: ReminderSent) {
        raw("{\"at\":")
        time(body.at)
        nextKey("remindAt")
        time(body.remindAt)
        nextKey("report")
        id(body.report)
        nextKey("step")
        id(body.step)
        nextKey("to")
        ids(body.to)
        raw(0x7d)
    }

    mutating func stepEscalated(_ body: StepEscalated) {
        raw("{\"added\":")
        ids(body.added)
        nextKey("at")
        time(body.at)
        nextKey("dueAt")
        time(body.dueAt)
        nextKey("report")
        id(body.report)
        nextKey("step")
        id(body.step)
        nextKey("trace")
        strings(body.trace)
        raw(0x7d)
    }
}
