import FormworkDefinitions
import FormworkLanguage
import Foundation

/// Reports, customers and the globals as compact binary values: the layout of a snapshot.
///
/// A value starts with `marker` (a byte no JSON text starts with) and a layout number, then
/// `BinaryWriter`'s string table and the fields in declaration order: integers as zigzag varints,
/// strings as numbers in the table (so the ids a record repeats are stored once), optionals with a
/// presence byte, arrays and dictionaries with a count (dictionaries sorted by key, so that one state
/// always gives the same bytes), decimals as their canonical text, timestamps as seconds and offset.
///
/// Decoding checks what the engine relies on (at least one revision, one progress entry per routed
/// step, known enumeration values, valid dates and instants) and throws `Malformed` otherwise, so that
/// damaged bytes are refused rather than trusted. Segment values written by older versions are JSON;
/// `isBinary(_:)` tells the two apart. See docs/design/entity-codec.md.
package enum EntityCodec {
    /// The first byte of a binary value: never the first byte of a JSON text or of UTF-8.
    package static let marker: UInt8 = 0xF5
    /// The layout of the fields after the marker.
    package static let layout: UInt8 = 1

    /// The largest count or number a value may hold (reports, events, lines, revisions, versions): far beyond any
    /// store, and far enough from `Int.max` that counting on from it cannot overflow.
    package static let countLimit = 1 << 48
    /// The most business days an SLA may give, as the definition language bounds `days` and `remind_after`.
    package static let slaDayLimit = 365

    /// Whether `number` (a revision's, a published version's: numbered from 1) can be counted on from.
    package static func isCountable(_ number: Int) -> Bool { (1...countLimit).contains(number) }

    /// Whether `sla`'s days are within what the definition language allows.
    package static func isWithinLimits(_ sla: StepSLA) -> Bool {
        (0...slaDayLimit).contains(sla.days) && (0...slaDayLimit).contains(sla.remindAfter ?? 0)
    }

    /// A damaged or unknown value.
    package struct Malformed: Error, CustomStringConvertible {
        package var description: String
    }

    /// Whether `bytes` is a binary value (as opposed to the JSON of older segments).
    package static func isBinary(_ bytes: [UInt8]) -> Bool { bytes.first == marker }

    // MARK: Reports

    // Each `encode` checks (in debug builds) that what it wrote reads back the same. A value the reader refuses (a
    // count or an instant beyond its limits, which only a test makes) is left to the tests that refuse it; the
    // property tests check that every value the engine makes reads back.

    /// The bytes of `report`.
    package static func encode(_ report: ReportRecord) -> [UInt8] {
        var out = BinaryWriter(reserving: 2048)
        out.report(report)
        let bytes = out.bytes(after: [marker, layout])
        assert(
            (try? decodeReport(bytes)).map { $0 == report } ?? true,
            "EntityCodec does not round-trip report \(report.id.rawValue)")
        return bytes
    }

    /// The report in `bytes`.
    package static func decodeReport(_ bytes: [UInt8]) throws(Malformed) -> ReportRecord {
        try decode(bytes, what: "report") { try $0.report() }
    }

    // MARK: Customers

    /// The bytes of `customer`.
    package static func encode(_ customer: CustomerRecord) -> [UInt8] {
        var out = BinaryWriter(reserving: 2048)
        out.customer(customer)
        let bytes = out.bytes(after: [marker, layout])
        assert(
            (try? decodeCustomer(bytes)).map { $0 == customer } ?? true,
            "EntityCodec does not round-trip a customer")
        return bytes
    }

    /// The customer in `bytes`.
    package static func decodeCustomer(_ bytes: [UInt8]) throws(Malformed) -> CustomerRecord {
        try decode(bytes, what: "customer") { try $0.customer() }
    }

    // MARK: Customer pages

    /// The bytes of a page of a customer's reports and history.
    package static func encode(_ page: CustomerPage) -> [UInt8] {
        var out = BinaryWriter(reserving: 2048)
        out.customerPage(page)
        let bytes = out.bytes(after: [marker, layout])
        assert(
            (try? decodeCustomerPage(bytes)).map { $0 == page } ?? true,
            "EntityCodec does not round-trip a customer page")
        return bytes
    }

    /// The customer page in `bytes`.
    package static func decodeCustomerPage(_ bytes: [UInt8]) throws(Malformed) -> CustomerPage {
        try decode(bytes, what: "customer page") { try $0.customerPage() }
    }

    // MARK: Globals

    /// The bytes of a snapshot's globals.
    package static func encode(_ globals: EngineState.Globals) -> [UInt8] {
        var out = BinaryWriter(reserving: 2048)
        out.globals(globals)
        let bytes = out.bytes(after: [marker, layout])
        assert(
            (try? decodeGlobals(bytes)).map { $0 == globals } ?? true,
            "EntityCodec does not round-trip the globals")
        return bytes
    }

    /// The globals in `bytes`.
    package static func decodeGlobals(_ bytes: [UInt8]) throws(Malformed) -> EngineState.Globals {
        try decode(bytes, what: "snapshot") { try $0.globals() }
    }

    /// Refuses a report the engine could not act on without trapping: one without a revision, or
    /// whose progress does not match its routed steps one for one.
    package static func check(_ report: ReportRecord) throws(Malformed) {
        guard !report.revisions.isEmpty else {
            throw Malformed(description: "report \(report.id.rawValue) has no revision")
        }
        // Numbers counted on from (a resubmission numbers its revision from the last one) and days counted out on
        // the calendar: a snapshot altered to hold `Int.max` must not make the next `+ 1` trap.
        for revision in report.revisions where !isCountable(revision.number) {
            throw Malformed(description: "report \(report.id.rawValue) has a revision numbered \(revision.number)")
        }
        for step in report.routing.steps {
            guard let sla = step.sla else { continue }
            guard isWithinLimits(sla) else {
                throw Malformed(
                    description:
                        "report \(report.id.rawValue)'s step \(step.id.rawValue) has an SLA of \(sla.days) business days "
                        + "(a reminder after \(sla.remindAfter ?? 0)), outside 0...\(slaDayLimit)"
                )
            }
        }
        guard report.steps.count == report.routing.steps.count else {
            throw Malformed(
                description:
                    "report \(report.id.rawValue) has \(report.steps.count) steps for \(report.routing.steps.count) routed"
            )
        }
    }

    /// What a customer's counts must be to be counted on from: each within `countLimit`, and no more reports than
    /// history lines (each report's filing is one of them).
    package static func check(_ customer: CustomerRecord) throws(Malformed) {
        guard (0...countLimit).contains(customer.reportCount), (0...countLimit).contains(customer.lineCount) else {
            throw Malformed(
                description:
                    "customer \(customer.id.rawValue)'s counts (\(customer.reportCount) reports, \(customer.lineCount) "
                    + "lines) are out of range")
        }
        guard customer.reportCount <= customer.lineCount else {
            throw Malformed(
                description:
                    "customer \(customer.id.rawValue) has \(customer.reportCount) reports but \(customer.lineCount) "
                    + "history lines")
        }
    }

    /// A customer page's number places it by the customer's line count: within `countLimit`.
    package static func check(_ page: CustomerPage) throws(Malformed) {
        guard (0...countLimit).contains(page.number) else {
            throw Malformed(description: "a page of customer \(page.customer.rawValue) is numbered \(page.number)")
        }
    }

    /// What the globals' counts must be to be counted on from: within `countLimit`, published versions numbered
    /// from 1.
    package static func check(_ globals: EngineState.Globals) throws(Malformed) {
        guard (0...countLimit).contains(globals.eventCount), (0...countLimit).contains(globals.reportCount) else {
            throw Malformed(
                description:
                    "the snapshot's counts (\(globals.eventCount) events, \(globals.reportCount) reports) are out of range"
            )
        }
        for version in globals.formSetVersions ?? [] where !isCountable(version.number) {
            throw Malformed(description: "a published form set version is numbered \(version.number)")
        }
    }

    private static func decode<T>(
        _ bytes: [UInt8], what: String, _ read: (inout BinaryReader) throws -> T
    ) throws(Malformed) -> T {
        guard bytes.count >= 2, bytes[0] == marker else {
            throw Malformed(description: "the \(what) is not in the binary layout")
        }
        guard bytes[1] == layout else {
            throw Malformed(description: "the \(what) has layout \(bytes[1]), this build reads \(layout)")
        }
        do {
            var reader = try BinaryReader(bytes, startingAt: 2)
            let value = try read(&reader)
            guard reader.isAtEnd else { throw BinaryReader.Malformed() }
            return value
        } catch let error as Malformed {
            throw error
        } catch {
            throw Malformed(description: "the \(what)'s bytes are damaged")
        }
    }
}

// MARK: - Writing

extension BinaryWriter {
    fileprivate mutating func id<Tag>(_ id: Identifier<Tag>) { string(id.rawValue) }

    fileprivate mutating func ids<Tag>(_ ids: [Identifier<Tag>]) { array(ids) { $0.id($1) } }

    fileprivate mutating func text(_ text: String?) { optional(text) { $0.string($1) } }

    fileprivate mutating func sorted<Key: Comparable, Element>(
        _ dictionary: [Key: Element], _ write: (inout BinaryWriter, Key, Element) -> Void
    ) {
        unsigned(UInt64(dictionary.count))
        for (key, element) in dictionary.sorted(by: { $0.key < $1.key }) { write(&self, key, element) }
    }

    fileprivate mutating func sorted<Key, Element>(
        _ map: SmallMap<Key, Element>, _ write: (inout BinaryWriter, Key, Element) -> Void
    ) {
        unsigned(UInt64(map.count))
        for (key, element) in map { write(&self, key, element) }
    }

    fileprivate mutating func history(_ entries: [HistoryEntry]) {
        array(entries) { out, entry in
            out.timestamp(entry.at)
            out.string(entry.kind)
            out.string(entry.text)
        }
    }

    fileprivate mutating func revision(_ revision: Revision) {
        int(revision.number)
        timestamp(revision.at)
        id(revision.by)
        string(revision.formVersion)
        // Sorted by id, as `sorted(_:_:)` writes a dictionary.
        array(revision.answers.entries) { out, entry in
            out.id(entry.field)
            out.value(entry.value)
        }
        string(revision.hash)
        array(revision.dropped) { out, dropped in
            out.string(dropped.field)
            out.value(dropped.value)
            out.string(dropped.reason)
        }
        array(revision.prefilled) { out, prefilled in
            out.id(prefilled.field)
            out.string(prefilled.source)
            out.id(prefilled.report)
        }
        array(revision.defaulted) { $0.string($1) }
        array(revision.warnings) { out, warning in
            out.text(warning.field)
            out.text(warning.label)
            out.string(warning.message)
        }
    }

    fileprivate mutating func decisions(_ decisions: [Decision]) { array(decisions) { $0.string($1.rawValue) } }

    fileprivate mutating func routing(_ routing: Routing) {
        id(routing.policy)
        string(routing.policyVersion)
        string(routing.meaning)
        bool(routing.selfApproval)
        string(routing.recall)
        bool(routing.delegation)
        ids(routing.material)
        decisions(routing.opinionRequired)
        array(routing.steps) { out, step in
            out.id(step.id)
            out.string(step.meaning)
            out.text(step.when)
            out.bool(step.skipped)
            out.text(step.reason)
            out.ids(step.approvers)
            out.array(step.trace) { $0.string($1) }
            out.string(step.quorum)
            out.int(step.required)
            out.decisions(step.decisions)
            out.optional(step.sla) { out, sla in
                out.int(sla.days)
                out.optional(sla.remindAfter) { $0.int($1) }
                out.ids(sla.escalateTo)
                out.array(sla.trace) { $0.string($1) }
            }
        }
    }

    fileprivate mutating func report(_ report: ReportRecord) {
        id(report.id)
        id(report.form)
        id(report.customer)
        id(report.workflow)
        id(report.stage)
        id(report.submitter)
        timestamp(report.submittedAt)
        timestamp(report.updatedAt)
        optional(report.approvedAt) { $0.timestamp($1) }
        string(report.status.rawValue)
        array(report.revisions) { $0.revision($1) }
        routing(report.routing)
        array(report.steps) { out, step in
            out.id(step.step)
            out.string(step.status.rawValue)
            out.text(step.reason)
            out.optional(step.openedAt) { $0.timestamp($1) }
            out.optional(step.remindAt) { $0.timestamp($1) }
            out.optional(step.dueAt) { $0.timestamp($1) }
            out.bool(step.reminded)
            out.bool(step.escalated)
            out.ids(step.added)
        }
        array(report.decisions) { out, entry in
            out.id(entry.step)
            out.string(entry.decision.rawValue)
            out.text(entry.opinion)
            let signature = entry.signature
            out.id(signature.signer)
            out.string(signature.name)
            out.optional(signature.actingFor) { $0.id($1) }
            out.string(signature.meaning)
            out.int(signature.revision)
            out.string(signature.revisionHash)
            out.timestamp(signature.at)
            out.bool(entry.voided)
        }
        ids(report.editors)
        history(report.history)
    }

    fileprivate mutating func globals(_ globals: EngineState.Globals) {
        optional(globals.clock) { $0.timestamp($1) }
        int(globals.eventCount)
        int(globals.reportCount)
        array(globals.deadlines) { out, deadline in
            out.timestamp(deadline.at)
            out.id(deadline.report)
            out.id(deadline.step)
            out.int(deadline.kind.rawValue)
        }
        sorted(globals.awaiting) { out, person, reports in
            out.id(person)
            out.ids(reports)
        }
        optional(globals.formSetVersions) { out, versions in
            out.array(versions) { out, version in
                out.int(version.number)
                out.string(version.version)
                out.text(version.replaces)
                out.id(version.proposal)
                out.id(version.by)
                out.timestamp(version.at)
            }
        }
    }

    fileprivate mutating func customer(_ customer: CustomerRecord) {
        id(customer.id)
        sorted(customer.positions) { out, workflow, position in
            out.id(workflow)
            out.id(position.workflow)
            out.id(position.stage)
            out.timestamp(position.since)
            out.ids(position.visited)
        }
        sorted(customer.open) { out, form, reports in
            out.id(form)
            out.ids(reports)
        }
        sorted(customer.latestApproved) { out, form, report in
            out.id(form)
            out.id(report)
        }
        optional(customer.firstReport) { out, report in out.id(report) }
        int(customer.reportCount)
        int(customer.lineCount)
        history(customer.stageHistory)
    }

    fileprivate mutating func customerPage(_ page: CustomerPage) {
        id(page.customer)
        int(page.number)
        array(page.reports) { out, filed in
            out.id(filed.report)
            out.id(filed.form)
        }
        history(page.history)
    }
}

// MARK: - Reading

extension BinaryReader {
    fileprivate static func invalid(_ why: String) -> EntityCodec.Malformed { EntityCodec.Malformed(description: why) }

    fileprivate mutating func id<Tag>() throws -> Identifier<Tag> { Identifier(try string()) }

    fileprivate mutating func ids<Tag>() throws -> [Identifier<Tag>] { try array { r in try r.id() } }

    fileprivate mutating func text() throws -> String? { try optional { r in try r.string() } }

    fileprivate mutating func choice<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        let raw = try string()
        guard let value = T(rawValue: raw) else { throw Self.invalid("'\(raw)' is not a known \(T.self)") }
        return value
    }

    fileprivate mutating func sorted<Key: Hashable, Element>(
        _ read: (inout BinaryReader) throws -> (Key, Element)
    ) throws -> [Key: Element] {
        let count = try length()
        var result: [Key: Element] = [:]
        result.reserveCapacity(count)
        for _ in 0..<count {
            let (key, value) = try read(&self)
            guard result.updateValue(value, forKey: key) == nil else { throw Self.invalid("a key is repeated") }
        }
        return result
    }

    fileprivate mutating func sorted<Key, Element>(
        _ read: (inout BinaryReader) throws -> (Key, Element)
    ) throws -> SmallMap<Key, Element> {
        let count = try length()
        var pairs: [(Key, Element)] = []
        pairs.reserveCapacity(min(count, 64))
        for _ in 0..<count { pairs.append(try read(&self)) }
        guard let map = SmallMap(uniquePairs: pairs) else { throw Self.invalid("a key is repeated") }
        return map
    }

    fileprivate mutating func history() throws -> [HistoryEntry] {
        try array { r in HistoryEntry(at: try r.timestamp(), kind: try r.string(), text: try r.string()) }
    }

    fileprivate mutating func revision() throws -> Revision {
        let number = try int()
        let at = try timestamp()
        let by: PersonID = try id()
        let formVersion = try string()
        var entries = try array { r in Answers.Entry(field: try r.id(), value: try r.value()) }
        // Written sorted by id, one answer per id; a `.null` is not kept (as `Answers([FieldID: Value])` keeps none).
        if entries.contains(where: { $0.value == .null }) { entries.removeAll { $0.value == .null } }
        let answers = Answers(entries: entries)
        guard answers.count == entries.count else { throw Self.invalid("a key is repeated") }
        let hash = try string()
        let dropped = try array { r in
            DroppedAnswer(field: try r.string(), value: try r.value(), reason: try r.string())
        }
        let prefilled = try array { r in
            PrefilledAnswer(field: try r.id(), source: try r.string(), report: try r.id())
        }
        let defaulted = try array { r in try r.string() }
        let warnings = try array { r in
            FieldFinding(field: try r.text(), label: try r.text(), message: try r.string())
        }
        return Revision(
            number: number, at: at, by: by, formVersion: formVersion, answers: answers, hash: hash,
            dropped: dropped, prefilled: prefilled, defaulted: defaulted, warnings: warnings)
    }

    fileprivate mutating func decisions() throws -> [Decision] { try array { r in try r.choice(Decision.self) } }

    fileprivate mutating func routing() throws -> Routing {
        let policy: PolicyID = try id()
        let policyVersion = try string()
        let meaning = try string()
        let selfApproval = try bool()
        let recall = try string()
        let delegation = try bool()
        let material: [FieldID] = try ids()
        let opinionRequired = try decisions()
        let steps = try array { r in
            RoutedStep(
                id: try r.id(), meaning: try r.string(), when: try r.text(), skipped: try r.bool(),
                reason: try r.text(), approvers: try r.ids(), trace: try r.array { r in try r.string() },
                quorum: try r.string(), required: try r.int(), decisions: try r.decisions(),
                sla: try r.optional { r in
                    StepSLA(
                        days: try r.int(), remindAfter: try r.optional { r in try r.int() },
                        escalateTo: try r.ids(), trace: try r.array { r in try r.string() })
                })
        }
        return Routing(
            policy: policy, policyVersion: policyVersion, meaning: meaning, selfApproval: selfApproval,
            recall: recall, delegation: delegation, material: material, opinionRequired: opinionRequired,
            steps: steps)
    }

    fileprivate mutating func report() throws -> ReportRecord {
        let reportID: ReportID = try id()
        let form: FormID = try id()
        let customer: CustomerID = try id()
        let workflow: WorkflowID = try id()
        let stage: StageID = try id()
        let submitter: PersonID = try id()
        let submittedAt = try timestamp()
        let updatedAt = try timestamp()
        let approvedAt = try optional { r in try r.timestamp() }
        let status = try choice(ReportStatus.self)
        let revisions = try array { r in try r.revision() }
        let routing = try routing()
        let steps = try array { r in
            var progress = StepProgress(step: try r.id(), status: try r.choice(StepStatus.self), reason: try r.text())
            progress.openedAt = try r.optional { r in try r.timestamp() }
            progress.remindAt = try r.optional { r in try r.timestamp() }
            progress.dueAt = try r.optional { r in try r.timestamp() }
            progress.reminded = try r.bool()
            progress.escalated = try r.bool()
            progress.added = try r.ids()
            return progress
        }
        let decisions = try array { r in
            let step: StepID = try r.id()
            let decision = try r.choice(Decision.self)
            let opinion = try r.text()
            let signature = Signature(
                signer: try r.id(), name: try r.string(), actingFor: try r.optional { r in try r.id() },
                meaning: try r.string(), revision: try r.int(), revisionHash: try r.string(), at: try r.timestamp())
            return DecisionEntry(
                step: step, decision: decision, opinion: opinion, signature: signature, voided: try r.bool())
        }
        let editors: [PersonID] = try ids()
        let history = try history()
        let report = ReportRecord(
            id: reportID, form: form, customer: customer, workflow: workflow, stage: stage, submitter: submitter,
            submittedAt: submittedAt, updatedAt: updatedAt, approvedAt: approvedAt, status: status,
            revisions: revisions, routing: routing, steps: steps, decisions: decisions, editors: editors,
            history: history)
        try EntityCodec.check(report)
        return report
    }

    fileprivate mutating func globals() throws -> EngineState.Globals {
        let globals = EngineState.Globals(
            clock: try optional { r in try r.timestamp() }, eventCount: try int(), reportCount: try int(),
            deadlines: try array { r in
                let at = try r.timestamp()
                let report: ReportID = try r.id()
                let step: StepID = try r.id()
                guard let kind = Deadline.Kind(rawValue: try r.int()) else {
                    throw Self.invalid("a deadline's kind is unknown")
                }
                return Deadline(at: at, report: report, step: step, kind: kind)
            },
            awaiting: try sorted { r in (try r.id() as PersonID, try r.ids() as [ReportID]) },
            formSetVersions: try optional { r in
                try r.array { r in
                    FormSetPublished(
                        number: try r.int(), version: try r.string(), replaces: try r.text(),
                        proposal: try r.id(), by: try r.id(), at: try r.timestamp())
                }
            })
        try EntityCodec.check(globals)
        return globals
    }

    fileprivate mutating func customer() throws -> CustomerRecord {
        var customer = CustomerRecord(id: try id())
        customer.positions = try sorted { r in
            let key: WorkflowID = try r.id()
            return (
                key,
                CustomerPosition(
                    workflow: try r.id(), stage: try r.id(), since: try r.timestamp(), visited: try r.ids())
            )
        }
        customer.open = try sorted { r in (try r.id() as FormID, try r.ids() as [ReportID]) }
        customer.latestApproved = try sorted { r in (try r.id() as FormID, try r.id() as ReportID) }
        customer.firstReport = try optional { r in try r.id() as ReportID }
        customer.reportCount = try int()
        customer.lineCount = try int()
        try EntityCodec.check(customer)
        customer.stageHistory = try history()
        return customer
    }

    fileprivate mutating func customerPage() throws -> CustomerPage {
        var page = CustomerPage(customer: try id(), number: try int())
        page.reports = try array { r in FiledReport(report: try r.id(), form: try r.id()) }
        page.history = try history()
        try EntityCodec.check(page)
        return page
    }
}
