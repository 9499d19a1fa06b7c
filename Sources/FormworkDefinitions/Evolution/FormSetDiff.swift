import FormworkDiagnostics
import FormworkLanguage
import Foundation

/// Compares two versions of a form set and classifies every difference as safe or breaking for the
/// reports already filed (docs/evolving-form-sets.md lists every kind). Pure: two loaded sets in,
/// changes out, in the order of the new set's files.
public enum FormSetDiff {
    public static func compare(_ old: FormSet, _ new: FormSet) -> [FormSetChange] {
        var diff = Differ(old: old, new: new)
        diff.manifest()
        diff.choiceLists()
        diff.forms()
        diff.policies()
        diff.workflows()
        diff.org()
        return diff.changes
    }
}

private struct Differ {
    let old: FormSet
    let new: FormSet
    var changes: [FormSetChange] = []

    mutating func add(
        _ impact: FormSetChange.Impact, _ kind: String, _ subject: String, _ message: String,
        at location: SourceLocation?, touch: FormSetChange.Touch = .none
    ) {
        changes.append(FormSetChange(impact, kind, subject, message, at: location, touch: touch))
    }

    // MARK: Manifest

    mutating func manifest() {
        let (a, b) = (old.manifest, new.manifest)
        let at = SourceLocation(file: b.file, line: 1, column: 1)
        if a.name != b.name {
            add(.safe, "renamed", "form set", "the form set is now called '\(b.name)' (was '\(a.name)')", at: at)
        }
        if a.locales != b.locales {
            add(
                .safe, "locales-changed", "form set",
                "locales are now \(b.locales.joined(separator: ", ")) (were \(a.locales.joined(separator: ", ")))",
                at: at)
        }
        if a.currency?.value != b.currency?.value {
            add(
                .breaking, "currency-changed", "form set",
                "the currency is now \(b.currency?.value ?? "none") (was \(a.currency?.value ?? "none")); money answers already given keep their numbers",
                at: b.currency?.location ?? at)
        }
        if a.calendar != b.calendar {
            add(
                .safe, "calendar-changed", "form set",
                "the working calendar changed; deadlines already set keep their dates, new ones use the new calendar",
                at: at)
        }
        let control = { (c: ChangeControl?) in
            c.map {
                "proposed by \($0.proposedBy.map(\.value.rawValue).joined(separator: ", ")), signed under \($0.policy.value)"
            }
        }
        if control(a.changeControl) != control(b.changeControl) {
            add(
                .breaking, "change-control-changed", "form set",
                "change control is now \(control(b.changeControl) ?? "off") (was \(control(a.changeControl) ?? "off"))",
                at: b.changeControl?.location ?? at)
        }
    }

    // MARK: Choice lists

    mutating func choiceLists() {
        for list in new.choiceLists {
            guard let before = old.choiceList(list.id.value) else { continue }
            let users = new.forms.flatMap { form in
                fieldsUsing(list: list.id.value, in: form.fields, form: form.id.value)
            }
            options(
                before.options, list.options, subject: "choice list \(list.id.value)", at: list.id.location,
                touches: users)
        }
        for list in old.choiceLists where new.choiceList(list.id.value) == nil {
            add(.safe, "choice-list-removed", "choice list \(list.id.value)", "removed", at: list.id.location)
        }
    }

    private func fieldsUsing(list: ChoiceListID, in fields: [Field], form: FormID) -> [(FormID, FieldID)] {
        fields.flatMap { field -> [(FormID, FieldID)] in
            var found: [(FormID, FieldID)] = []
            if case .list(let id) = field.choices, id.value == list { found.append((form, field.id.value)) }
            return found + fieldsUsing(list: list, in: field.fields, form: form).map { ($0.0, field.id.value) }
        }
    }

    mutating func options(
        _ before: [ChoiceOption], _ after: [ChoiceOption], subject: String, at location: SourceLocation,
        touches: [(FormID, FieldID)]
    ) {
        let kept = Set(after.map(\.value.value))
        let removed = before.map(\.value.value).filter { !kept.contains($0) }
        if !removed.isEmpty {
            let list = removed.map { "'\($0)'" }.joined(separator: ", ")
            let message =
                "option\(removed.count == 1 ? "" : "s") \(list) removed; answers that use \(removed.count == 1 ? "it" : "them") no longer validate"
            if touches.isEmpty {
                add(.breaking, "option-removed", subject, message, at: location)
            }
            for (form, field) in touches {
                add(
                    .breaking, "option-removed", subject, message, at: location,
                    touch: .options(form, field, Set(removed)))
            }
        }
        let had = Set(before.map(\.value.value))
        let added = after.map(\.value.value).filter { !had.contains($0) }
        if !added.isEmpty {
            add(
                .safe, "option-added", subject,
                "option\(added.count == 1 ? "" : "s") \(added.map { "'\($0)'" }.joined(separator: ", ")) added",
                at: location)
        }
        let labels = Dictionary(before.map { ($0.value.value, $0.label) }, uniquingKeysWith: { a, _ in a })
        let relabelled = after.filter { option in labels[option.value.value].map { $0 != option.label } ?? false }
        if !relabelled.isEmpty {
            add(
                .safe, "option-relabelled", subject,
                "label of \(relabelled.map { "'\($0.value.value)'" }.joined(separator: ", ")) changed",
                at: relabelled[0].value.location)
        }
    }

    // MARK: Forms

    mutating func forms() {
        for form in new.forms {
            let subject = "form \(form.id.value)"
            guard let before = old.form(form.id.value) else {
                add(.safe, "form-added", subject, "new form '\(form.id.value)'", at: form.id.location)
                continue
            }
            if before.version == form.version && !form.version.isEmpty { continue }
            if before.title != form.title || before.description != form.description {
                add(.safe, "form-retitled", subject, "title or description changed", at: form.id.location)
            }
            if before.policy?.value != form.policy?.value {
                add(
                    .breaking, "form-policy-changed", subject,
                    "signed under policy '\(form.policy?.value.rawValue ?? "none")' (was '\(before.policy?.value.rawValue ?? "none")'); reports in flight keep the routing they were filed with",
                    at: form.policy?.location ?? form.id.location, touch: .form(form.id.value))
            }
            for section in form.sections {
                guard let id = section.id,
                    let was = before.sections.first(where: { $0.id?.value == id.value })
                else { continue }
                condition(
                    was.showIf, section.showIf, subject: "\(subject) section \(id.value)", what: "show_if",
                    at: id.location, touch: .form(form.id.value))
            }
            fields(before.fields, form.fields, form: form.id.value, prefix: "")
            checks(before.checks, form.checks, subject: subject, at: form.id.location, touch: .form(form.id.value))
        }
        for form in old.forms where new.form(form.id.value) == nil {
            add(
                .breaking, "form-removed", "form \(form.id.value)",
                "form '\(form.id.value)' removed; its reports in flight can no longer be resubmitted",
                at: form.id.location, touch: .form(form.id.value))
        }
    }

    mutating func fields(_ before: [Field], _ after: [Field], form: FormID, prefix: String) {
        let top = { (field: Field) in prefix.isEmpty ? field.id.value : FieldID(prefix) }
        for field in after {
            let path = prefix.isEmpty ? field.id.value.rawValue : "\(prefix).\(field.id.value)"
            let subject = "field \(form).\(path)"
            guard let was = before.first(where: { $0.id.value == field.id.value }) else {
                let answers = field.compute == nil && field.type.value != .note
                if answers && field.isRequired && field.defaultValue == nil && field.defaultExpr == nil
                    && field.prefill == nil
                {
                    add(
                        .breaking, "field-added-required", subject,
                        "new required field '\(path)'; reports in flight do not answer it",
                        at: field.id.location, touch: .unanswered(form, top(field)))
                } else if answers && field.requiredIf != nil {
                    add(
                        .breaking, "field-added-required", subject,
                        "new field '\(path)', required when `\(field.requiredIf?.source ?? "")`",
                        at: field.id.location, touch: .unanswered(form, top(field)))
                } else {
                    add(.safe, "field-added", subject, "new optional field '\(path)'", at: field.id.location)
                }
                continue
            }
            self.field(was, field, form: form, path: path, touchField: top(field))
        }
        for field in before where !after.contains(where: { $0.id.value == field.id.value }) {
            let path = prefix.isEmpty ? field.id.value.rawValue : "\(prefix).\(field.id.value)"
            add(
                .breaking, "field-removed", "field \(form).\(path)",
                "field '\(path)' removed; its answers in reports in flight are dropped on resubmission",
                at: field.id.location, touch: .answered(form, prefix.isEmpty ? field.id.value : FieldID(prefix)))
        }
    }

    mutating func field(_ was: Field, _ now: Field, form: FormID, path: String, touchField: FieldID) {
        let subject = "field \(form).\(path)"
        let at = now.id.location
        let answered = FormSetChange.Touch.answered(form, touchField)
        if was.type.value != now.type.value {
            let widened: Set<[FieldType]> = [[.text, .longText], [.integer, .decimal]]
            let impact: FormSetChange.Impact = widened.contains([was.type.value, now.type.value]) ? .safe : .breaking
            add(
                impact, impact == .safe ? "type-widened" : "type-changed", subject,
                "type is now \(now.type.value.rawValue) (was \(was.type.value.rawValue))", at: now.type.location,
                touch: impact == .safe ? .none : answered)
        }
        if was.label != now.label || was.hint != now.hint {
            add(.safe, "field-relabelled", subject, "label or hint changed", at: at)
        }
        if was.isRequired != now.isRequired {
            if now.isRequired {
                add(
                    .breaking, "field-now-required", subject, "'\(path)' is now required",
                    at: now.required?.location ?? at, touch: .unanswered(form, touchField))
            } else {
                add(.safe, "field-now-optional", subject, "'\(path)' is now optional", at: at)
            }
        }
        condition(
            was.requiredIf, now.requiredIf, subject: subject, what: "required_if", at: at,
            touch: .unanswered(form, touchField))
        condition(
            was.showIf, now.showIf, subject: subject, what: "show_if", at: at, touch: answered)
        condition(
            was.readOnlyIf, now.readOnlyIf, subject: subject, what: "read_only_if", at: at,
            touch: answered)
        if was.compute?.source != now.compute?.source {
            add(
                .breaking, "compute-changed", subject,
                now.compute.map { "now computed as `\($0.source)`" } ?? "no longer computed",
                at: now.compute?.location ?? at, touch: .form(form))
        }
        if was.defaultValue?.value != now.defaultValue?.value || was.defaultExpr?.source != now.defaultExpr?.source
            || was.prefill?.value != now.prefill?.value
        {
            add(.safe, "default-changed", subject, "default or prefill changed (new reports only)", at: at)
        }
        if was.currency?.value != now.currency?.value {
            add(
                .breaking, "currency-changed", subject,
                "currency is now \(now.currency?.value ?? "the set's") (was \(was.currency?.value ?? "the set's"))",
                at: now.currency?.location ?? at, touch: answered)
        }
        if was.pattern?.value != now.pattern?.value {
            let impact: FormSetChange.Impact = now.pattern == nil ? .safe : .breaking
            add(
                impact, now.pattern == nil ? "pattern-removed" : "pattern-changed", subject,
                now.pattern.map { "must now match `\($0.value)`" } ?? "no longer has a pattern",
                at: now.pattern?.location ?? at, touch: impact == .breaking ? answered : .none)
        }
        bounds(was.length, now.length, subject: subject, what: "length", at: at, touch: answered)
        bounds(was.items, now.items, subject: subject, what: "items", at: at, touch: answered)
        valueBounds(was.range, now.range, subject: subject, at: at, touch: answered)
        if was.unique != now.unique {
            add(
                now.unique ? .breaking : .safe, now.unique ? "unique-added" : "unique-removed", subject,
                now.unique ? "items must now be unique" : "items may now repeat", at: at,
                touch: now.unique ? answered : .none)
        }
        if was.reportForm?.value != now.reportForm?.value {
            add(
                .breaking, "report-form-changed", subject,
                "now names a report of '\(now.reportForm?.value.rawValue ?? "")'", at: at, touch: answered)
        }
        let statusesBefore = Set(was.reportStatuses?.value ?? ReportStatus.allCases)
        let statusesNow = Set(now.reportStatuses?.value ?? ReportStatus.allCases)
        if statusesBefore != statusesNow {
            let widened = statusesNow.isSuperset(of: statusesBefore)
            let named = ReportStatus.phrase(ReportStatus.allCases.filter(statusesNow.contains))
            let message =
                statusesNow.count == ReportStatus.allCases.count
                ? "now accepts a report of any status"
                : "now accepts \(widened ? "" : "only ")a report that is \(named)"
            add(
                widened ? .safe : .breaking, widened ? "report-status-widened" : "report-status-narrowed", subject,
                message,
                at: now.reportStatuses?.location ?? at, touch: widened ? .none : answered)
        }
        if case .inline(let before) = was.choices, case .inline(let after) = now.choices {
            options(before, after, subject: subject, at: at, touches: [(form, touchField)])
        } else if case .list(let a) = was.choices, case .list(let b) = now.choices, a.value == b.value {
            // Compared once, as the list (`choiceLists()`).
        } else if was.choices != nil || now.choices != nil {
            options(
                Self.options(of: was, in: old), Self.options(of: now, in: new), subject: subject, at: at,
                touches: [(form, touchField)])
        }
        checks(was.checks, now.checks, subject: subject, at: at, touch: answered)
        if now.type.value == .group || was.type.value == .group {
            fields(was.fields, now.fields, form: form, prefix: path)
        }
    }

    static func options(of field: Field, in set: FormSet) -> [ChoiceOption] {
        switch field.choices {
        case .inline(let options): options
        case .list(let id): set.choiceList(id.value)?.options ?? []
        case nil: []
        }
    }

    mutating func condition(
        _ was: Condition?, _ now: Condition?, subject: String, what: String, at: SourceLocation,
        touch: FormSetChange.Touch
    ) {
        let a = was?.source.trimmingCharacters(in: .whitespaces)
        let b = now?.source.trimmingCharacters(in: .whitespaces)
        guard a != b else { return }
        if b == nil {
            add(
                .safe, "\(what.replacingOccurrences(of: "_", with: "-"))-removed", subject, "no longer has \(what)",
                at: at)
        } else {
            add(
                .breaking, "\(what.replacingOccurrences(of: "_", with: "-"))-changed", subject,
                a == nil ? "now has \(what) `\(b ?? "")`" : "\(what) is now `\(b ?? "")` (was `\(a ?? "")`)",
                at: now?.location ?? at, touch: touch)
        }
    }

    mutating func bounds(
        _ was: Bounds<Int>?, _ now: Bounds<Int>?, subject: String, what: String, at: SourceLocation,
        touch: FormSetChange.Touch
    ) {
        let (oldMin, newMin) = (was?.min?.value, now?.min?.value)
        let (oldMax, newMax) = (was?.max?.value, now?.max?.value)
        guard oldMin != newMin || oldMax != newMax else { return }
        let tighter = (newMin ?? Int.min) > (oldMin ?? Int.min) || (newMax ?? Int.max) < (oldMax ?? Int.max)
        let text = { (low: Int?, high: Int?) in "\(low.map(String.init) ?? "…")..\(high.map(String.init) ?? "…")" }
        add(
            tighter ? .breaking : .safe, tighter ? "\(what)-tightened" : "\(what)-loosened", subject,
            "\(what) is now \(text(newMin, newMax)) (was \(text(oldMin, oldMax)))", at: now?.location ?? at,
            touch: tighter ? touch : .none)
    }

    mutating func valueBounds(
        _ was: Bounds<Value>?, _ now: Bounds<Value>?, subject: String, at: SourceLocation, touch: FormSetChange.Touch
    ) {
        let (oldMin, newMin) = (was?.min?.value, now?.min?.value)
        let (oldMax, newMax) = (was?.max?.value, now?.max?.value)
        let same = { (a: Value?, b: Value?) in
            switch (a, b) {
            case (nil, nil): true
            case (let a?, let b?): a.languageEquals(b)
            default: false
            }
        }
        guard !same(oldMin, newMin) || !same(oldMax, newMax) else { return }
        // Tighter: a minimum appears or rises, or a maximum appears or falls. Values that do not
        // compare (a type change) count as tighter: more checking, never less.
        let raisesMin: Bool =
            switch (oldMin, newMin) {
            case (_, nil): false
            case (nil, _?): true
            case (let a?, let b?): (b.languageCompare(a) ?? 1) > 0
            }
        let lowersMax: Bool =
            switch (oldMax, newMax) {
            case (_, nil): false
            case (nil, _?): true
            case (let a?, let b?): (b.languageCompare(a) ?? -1) < 0
            }
        let tighter = raisesMin || lowersMax
        let text = { (low: Value?, high: Value?) in
            "\(low.map(\.plainText) ?? "…")..\(high.map(\.plainText) ?? "…")"
        }
        add(
            tighter ? .breaking : .safe, tighter ? "range-tightened" : "range-loosened", subject,
            "range is now \(text(newMin, newMax)) (was \(text(oldMin, oldMax)))", at: now?.location ?? at,
            touch: tighter ? touch : .none)
    }

    mutating func checks(
        _ was: [Check], _ now: [Check], subject: String, at: SourceLocation, touch: FormSetChange.Touch
    ) {
        let key = { (check: Check) in
            "\(check.severity.rawValue) \(check.rule.source.trimmingCharacters(in: .whitespaces))"
        }
        let before = Dictionary(was.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(now.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        for check in now {
            guard let old = before[key(check)] else {
                let error = check.severity == .error
                add(
                    error ? .breaking : .safe, error ? "check-added" : "warning-added", subject,
                    "new \(check.severity.rawValue) check `\(check.rule.source)`", at: check.location,
                    touch: error ? touch : .none)
                continue
            }
            if old.message != check.message {
                add(
                    .safe, "check-reworded", subject, "message of check `\(check.rule.source)` changed",
                    at: check.location)
            }
        }
        for check in was where after[key(check)] == nil {
            add(
                .safe, check.severity == .error ? "check-removed" : "warning-removed", subject,
                "\(check.severity.rawValue) check `\(check.rule.source)` removed", at: at)
        }
    }

    // MARK: Policies

    mutating func policies() {
        for policy in new.policies {
            let subject = "policy \(policy.id.value)"
            guard let was = old.policy(policy.id.value) else {
                add(.safe, "policy-added", subject, "new policy '\(policy.id.value)'", at: policy.id.location)
                continue
            }
            if was.version == policy.version && !policy.version.isEmpty { continue }
            if was.title != policy.title || was.meaning != policy.meaning {
                add(.safe, "policy-retitled", subject, "title or meaning changed", at: policy.id.location)
            }
            let routing = Self.routing(of: policy)
            let before = Self.routing(of: was)
            for text in routing where !before.contains(text) {
                add(
                    .breaking, "routing-changed", subject,
                    "routing now has \(text); reports in flight keep the routing they were filed with",
                    at: policy.id.location, touch: .policy(policy.id.value))
            }
            for text in before where !routing.contains(text) {
                add(
                    .breaking, "routing-changed", subject,
                    "routing no longer has \(text); reports in flight keep the routing they were filed with",
                    at: policy.id.location, touch: .policy(policy.id.value))
            }
        }
        for policy in old.policies where new.policy(policy.id.value) == nil {
            add(
                .breaking, "policy-removed", "policy \(policy.id.value)", "policy '\(policy.id.value)' removed",
                at: policy.id.location, touch: .policy(policy.id.value))
        }
    }

    /// The policy's routing as comparable lines, one per rule a report is signed by.
    static func routing(of policy: Policy) -> [String] {
        var lines = [
            "self_approval \(policy.allowsSelfApproval)", "recall \(policy.recall.rawValue)",
            "delegation \(policy.delegation)",
            "material [\(policy.material.map(\.value.rawValue).sorted().joined(separator: ", "))]",
            "opinion required on [\(policy.decisionsNeedingOpinion.map(\.rawValue).sorted().joined(separator: ", "))]",
            "steps [\(policy.steps.map(\.id.value.rawValue).joined(separator: ", "))]",
        ]
        for step in policy.steps {
            let name = "step \(step.id.value)"
            lines.append("\(name) approvers [\(step.approvers.map(describe).joined(separator: ", "))]")
            if !step.fallback.isEmpty {
                lines.append("\(name) fallback [\(step.fallback.map(describe).joined(separator: ", "))]")
            }
            let quorum: String =
                switch step.quorum.value {
                case .any: "any"
                case .all: "all"
                case .count(let n): "\(n)"
                }
            lines.append("\(name) quorum \(quorum)")
            lines.append("\(name) decisions [\(step.decisions.map(\.rawValue).joined(separator: ", "))]")
            if let when = step.when { lines.append("\(name) when `\(when.source)`") }
            if let sla = step.sla {
                lines.append(
                    "\(name) sla \(sla.days.value) days"
                        + (sla.remindAfter.map { ", reminder after \($0.value)" } ?? "")
                        + (sla.escalateTo.isEmpty
                            ? "" : ", escalate to [\(sla.escalateTo.map(describe).joined(separator: ", "))]"))
            }
        }
        return lines
    }

    static func describe(_ source: ApproverSource) -> String {
        switch source.kind {
        case .manager(let levels): "manager \(levels)"
        case .person(let person): "person \(person.value)"
        case .role(let role, let region):
            switch region {
            case nil: "role \(role.value)"
            case .submitter: "role \(role.value) in the submitter's region"
            case .region(let id): "role \(role.value) in \(id.value)"
            }
        }
    }

    // MARK: Workflows

    mutating func workflows() {
        for workflow in new.workflows {
            let subject = "workflow \(workflow.id.value)"
            guard let was = old.workflows.first(where: { $0.id.value == workflow.id.value }) else {
                add(.safe, "workflow-added", subject, "new workflow '\(workflow.id.value)'", at: workflow.id.location)
                continue
            }
            if was.filledBy.map(\.value) != workflow.filledBy.map(\.value) {
                add(
                    .breaking, "filled-by-changed", subject,
                    "filled by [\(workflow.filledBy.map(\.value.rawValue).joined(separator: ", "))] (was [\(was.filledBy.map(\.value.rawValue).joined(separator: ", "))])",
                    at: workflow.id.location)
            }
            let oldStages = was.stages.map(\.id.value)
            let newStages = workflow.stages.map(\.id.value)
            if oldStages != newStages {
                add(
                    .breaking, "stages-changed", subject,
                    "stages are now \(newStages.map(\.rawValue).joined(separator: " → ")) (were \(oldStages.map(\.rawValue).joined(separator: " → ")))",
                    at: workflow.id.location)
            }
            for stage in workflow.stages {
                guard let before = was.stages.first(where: { $0.id.value == stage.id.value }) else { continue }
                stageChanges(before, stage, workflow: workflow.id.value)
            }
        }
        for workflow in old.workflows where !new.workflows.contains(where: { $0.id.value == workflow.id.value }) {
            add(
                .breaking, "workflow-removed", "workflow \(workflow.id.value)",
                "workflow '\(workflow.id.value)' removed", at: workflow.id.location)
        }
    }

    mutating func stageChanges(_ was: Stage, _ now: Stage, workflow: WorkflowID) {
        let subject = "stage \(workflow).\(now.id.value)"
        condition(
            was.exitWhen, now.exitWhen, subject: subject, what: "exit_when", at: now.id.location,
            touch: .none)
        if was.next?.value != now.next?.value {
            add(
                .breaking, "next-stage-changed", subject,
                "leads to '\(now.next?.value.rawValue ?? "the following stage")' (was '\(was.next?.value.rawValue ?? "the following stage")')",
                at: now.next?.location ?? now.id.location)
        }
        for entry in now.forms {
            let form = entry.form.value
            guard let before = was.forms.first(where: { $0.form.value == form }) else {
                add(.safe, "stage-form-added", subject, "now offers form '\(form)'", at: entry.location)
                continue
            }
            let gates = entry.after.map(\.value)
            let oldGates = before.after.map(\.value)
            if Set(gates) != Set(oldGates) {
                let added = gates.filter { !oldGates.contains($0) }
                add(
                    added.isEmpty ? .safe : .breaking, added.isEmpty ? "gate-removed" : "gate-added", subject,
                    "'\(form)' now waits for [\(gates.map(\.rawValue).joined(separator: ", "))] (was [\(oldGates.map(\.rawValue).joined(separator: ", "))])",
                    at: entry.location, touch: added.isEmpty ? .none : .form(form))
            }
            if before.required != entry.required {
                add(
                    entry.required ? .breaking : .safe, "stage-requirement-changed", subject,
                    "'\(form)' is \(entry.required ? "now" : "no longer") required to leave the stage",
                    at: entry.location)
            }
            let repeatable = { (e: StageForm) in e.repeatable || e.cadence != nil }
            if repeatable(before) != repeatable(entry) {
                add(
                    repeatable(entry) ? .safe : .breaking, "repeatability-changed", subject,
                    "'\(form)' may \(repeatable(entry) ? "now" : "no longer") be filed more than once per customer",
                    at: entry.location, touch: repeatable(entry) ? .none : .form(form))
            } else if before.cadence?.value != entry.cadence?.value {
                add(
                    .safe, "cadence-changed", subject,
                    "'\(form)' cadence is now \(entry.cadence?.value.rawValue ?? "none")", at: entry.location)
            }
            if before.filledBy?.map(\.value) != entry.filledBy?.map(\.value) {
                add(
                    .breaking, "filled-by-changed", subject, "who may file '\(form)' changed", at: entry.location,
                    touch: .form(form))
            }
        }
        for entry in was.forms where !now.forms.contains(where: { $0.form.value == entry.form.value }) {
            add(
                .breaking, "stage-form-removed", subject, "no longer offers form '\(entry.form.value)'",
                at: now.id.location, touch: .form(entry.form.value))
        }
    }

    // MARK: Org

    mutating func org() {
        let before = Set((old.org?.people ?? []).map(\.id.value))
        let after = Set((new.org?.people ?? []).map(\.id.value))
        let at = new.org.map { SourceLocation(file: $0.file, line: 1, column: 1) }
        let added = after.subtracting(before).sorted()
        let removed = before.subtracting(after).sorted()
        if !added.isEmpty {
            add(
                .safe, "people-added", "org",
                "\(added.count) \(added.count == 1 ? "person" : "people") added: \(added.prefix(5).map(\.rawValue).joined(separator: ", "))\(added.count > 5 ? ", …" : "")",
                at: at)
        }
        if !removed.isEmpty {
            add(
                .safe, "people-removed", "org",
                "\(removed.count) \(removed.count == 1 ? "person" : "people") removed: \(removed.prefix(5).map(\.rawValue).joined(separator: ", "))\(removed.count > 5 ? ", …" : ""); approvers already resolved stay on the reports in flight",
                at: at)
        }
    }
}
