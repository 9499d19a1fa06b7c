import FormworkDiagnostics
import FormworkLanguage
import Foundation

// The compiled form-set cache's encoding of the definition model, one writer and one reader per type,
// each the mirror of the other (docs/design/compiled-form-sets.md). Conditions keep their source
// text and are parsed again on reading: the parser is deterministic, and cheap next to YAML.

extension BinaryWriter {
    mutating func formSet(_ set: FormSet) {
        manifest(set.manifest)
        optional(set.org) { $0.org($1) }
        array(set.choiceLists) { $0.choiceList($1) }
        array(set.forms) { $0.form($1) }
        array(set.workflows) { $0.workflow($1) }
        array(set.policies) { $0.policy($1) }
        array(set.files) { $0.string($1) }
        array(set.damagedNames.sorted()) { $0.string($1) }
        string(set.version)
        optional(set.zoneOffsets) { out, table in
            out.string(table.zone)
            out.array(table.changes) { $0.int64($1) }
            out.array(table.offsets) { $0.int($1) }
        }
    }

    mutating func located<T>(_ located: Located<T>, _ write: (inout BinaryWriter, T) -> Void) {
        write(&self, located.value)
        location(located.location)
    }

    mutating func id<Tag>(_ id: Located<Identifier<Tag>>) {
        string(id.value.rawValue)
        location(id.location)
    }

    mutating func text(_ text: LocalizedText) {
        array(text.entries) { out, entry in
            out.optional(entry.locale) { $0.string($1) }
            out.string(entry.text)
        }
    }

    mutating func condition(_ condition: Condition) {
        string(condition.source)
        bool(condition.expression != nil)
        location(condition.location)
        bool(condition.mapsColumns)
    }

    mutating func bounds<T>(_ bounds: Bounds<T>, _ write: @escaping (inout BinaryWriter, T) -> Void) {
        optional(bounds.min) { $0.located($1, write) }
        optional(bounds.max) { $0.located($1, write) }
        location(bounds.location)
    }

    mutating func manifest(_ manifest: Manifest) {
        int(manifest.formatVersion)
        string(manifest.name)
        string(manifest.defaultLocale)
        array(manifest.locales) { $0.string($1) }
        optional(manifest.currency) { $0.located($1) { $0.string($1) } }
        string(manifest.calendar.timeZone)
        array(manifest.calendar.workdays.sorted()) { $0.int($1) }
        array(manifest.calendar.holidays.sorted()) { $0.date($1) }
        array(manifest.includes) { $0.located($1) { $0.string($1) } }
        string(manifest.file)
        optional(manifest.audit) { out, audit in
            out.array(audit.budgets) { out, budget in
                out.id(budget.role)
                out.located(budget.minutes) { $0.int($1) }
            }
            out.array(audit.fieldSeconds.sorted { $0.key.rawValue < $1.key.rawValue }) { out, entry in
                out.string(entry.key.rawValue)
                out.located(entry.value) { $0.int($1) }
            }
            out.location(audit.location)
        }
        optional(manifest.changeControl) { out, control in
            out.array(control.proposedBy) { $0.id($1) }
            out.id(control.policy)
            out.location(control.location)
        }
    }

    mutating func org(_ org: Org) {
        id(org.id)
        optional(org.name) { $0.string($1) }
        array(org.roles) { out, role in
            out.id(role.id)
            out.optional(role.label) { $0.text($1) }
        }
        array(org.regions) { out, region in
            out.id(region.id)
            out.optional(region.label) { $0.text($1) }
        }
        array(org.people) { out, person in
            out.id(person.id)
            out.string(person.name)
            out.array(person.roles) { $0.id($1) }
            out.optional(person.region) { $0.id($1) }
            out.optional(person.manager) { $0.id($1) }
            out.bool(person.active)
        }
        array(org.targets) { $0.target($1) }
        array(org.delegations) { out, delegation in
            out.id(delegation.from)
            out.id(delegation.to)
            out.located(delegation.start) { $0.date($1) }
            out.located(delegation.end) { $0.date($1) }
            out.array(delegation.policies) { $0.id($1) }
            out.location(delegation.location)
        }
        string(org.file)
        array(org.volumes) { out, volume in
            out.id(volume.form)
            switch volume.amount {
            case .perWeek(let amount):
                out.byte(0)
                out.located(amount) { $0.decimal($1) }
            case .customers(let count):
                out.byte(1)
                out.located(count) { $0.int($1) }
            }
            out.location(volume.location)
        }
    }

    mutating func target(_ target: SalesTarget) {
        located(target.period) { $0.string($1.description) }
        switch target.scope {
        case .organisation: byte(0)
        case .region(let region):
            byte(1)
            id(region)
        case .person(let person):
            byte(2)
            id(person)
        }
        optional(target.units) { $0.int($1) }
        optional(target.revenue) { $0.decimal($1) }
        optional(target.profit) { $0.decimal($1) }
        location(target.location)
        bool(target.incomplete)
    }

    mutating func choiceOption(_ option: ChoiceOption) {
        located(option.value) { $0.string($1) }
        text(option.label)
    }

    mutating func choiceList(_ list: ChoiceList) {
        id(list.id)
        array(list.options) { $0.choiceOption($1) }
    }

    mutating func form(_ form: Form) {
        id(form.id)
        text(form.title)
        optional(form.description) { $0.text($1) }
        optional(form.policy) { $0.id($1) }
        array(form.sections) { out, section in
            out.optional(section.id) { $0.id($1) }
            out.optional(section.title) { $0.text($1) }
            out.optional(section.showIf) { $0.condition($1) }
            out.array(section.fields) { $0.field($1) }
        }
        array(form.checks) { $0.check($1) }
        string(form.file)
        string(form.version)
    }

    mutating func check(_ check: Check) {
        condition(check.rule)
        text(check.message)
        string(check.severity.rawValue)
        location(check.location)
    }

    mutating func field(_ field: Field) {
        id(field.id)
        located(field.type) { $0.string($1.rawValue) }
        optional(field.label) { $0.text($1) }
        optional(field.hint) { $0.text($1) }
        optional(field.required) { $0.located($1) { $0.bool($1) } }
        optional(field.requiredIf) { $0.condition($1) }
        optional(field.showIf) { $0.condition($1) }
        optional(field.readOnlyIf) { $0.condition($1) }
        optional(field.defaultValue) { $0.located($1) { $0.value($1) } }
        optional(field.defaultExpr) { $0.condition($1) }
        optional(field.compute) { $0.condition($1) }
        optional(field.prefill) { out, prefill in
            out.located(prefill) { out, path in
                out.string(path.form.rawValue)
                out.string(path.field.rawValue)
            }
        }
        optional(field.choices) { out, choices in
            switch choices {
            case .list(let list):
                out.byte(0)
                out.id(list)
            case .inline(let options):
                out.byte(1)
                out.array(options) { $0.choiceOption($1) }
            }
        }
        optional(field.currency) { $0.located($1) { $0.string($1) } }
        optional(field.pattern) { $0.located($1) { $0.string($1) } }
        optional(field.length) { $0.bounds($1) { $0.int($1) } }
        optional(field.range) { $0.bounds($1) { $0.value($1) } }
        optional(field.items) { $0.bounds($1) { $0.int($1) } }
        bool(field.unique)
        optional(field.reportForm) { $0.id($1) }
        optional(field.reportStatuses) { $0.located($1) { $0.array($1) { $0.string($1.rawValue) } } }
        array(field.fields) { $0.field($1) }
        array(field.checks) { $0.check($1) }
    }

    mutating func workflow(_ workflow: Workflow) {
        id(workflow.id)
        optional(workflow.title) { $0.text($1) }
        array(workflow.filledBy) { $0.id($1) }
        array(workflow.stages) { out, stage in
            out.id(stage.id)
            out.optional(stage.title) { $0.text($1) }
            out.array(stage.forms) { out, entry in
                out.id(entry.form)
                out.bool(entry.required)
                out.bool(entry.repeatable)
                out.optional(entry.cadence) { $0.located($1) { $0.string($1.rawValue) } }
                out.optional(entry.filledBy) { $0.array($1) { $0.id($1) } }
                out.array(entry.after) { $0.id($1) }
                out.location(entry.location)
            }
            out.optional(stage.exitWhen) { $0.condition($1) }
            out.optional(stage.next) { $0.id($1) }
        }
        string(workflow.file)
    }

    mutating func approverSource(_ source: ApproverSource) {
        switch source.kind {
        case .manager(let levels):
            byte(0)
            int(levels)
        case .role(let role, let region):
            byte(1)
            id(role)
            optional(region) { out, scope in
                switch scope {
                case .submitter: out.byte(0)
                case .region(let region):
                    out.byte(1)
                    out.id(region)
                }
            }
        case .person(let person):
            byte(2)
            id(person)
        }
        location(source.location)
    }

    mutating func policy(_ policy: Policy) {
        id(policy.id)
        optional(policy.title) { $0.text($1) }
        optional(policy.meaning) { $0.text($1) }
        optional(policy.selfApproval) { $0.located($1) { $0.bool($1) } }
        string(policy.recall.rawValue)
        array(policy.material) { $0.id($1) }
        optional(policy.opinionRequired) { out, required in
            out.located(required) { out, decisions in
                out.array(decisions.map(\.rawValue).sorted()) { $0.string($1) }
            }
        }
        bool(policy.delegation)
        array(policy.steps) { out, step in
            out.id(step.id)
            out.optional(step.title) { $0.text($1) }
            out.optional(step.meaning) { $0.text($1) }
            out.array(step.approvers) { $0.approverSource($1) }
            out.array(step.fallback) { $0.approverSource($1) }
            out.located(step.quorum) { out, quorum in
                switch quorum {
                case .any: out.byte(0)
                case .all: out.byte(1)
                case .count(let count):
                    out.byte(2)
                    out.int(count)
                }
            }
            out.array(step.decisions) { $0.string($1.rawValue) }
            out.optional(step.when) { $0.condition($1) }
            out.optional(step.sla) { out, sla in
                out.located(sla.days) { $0.int($1) }
                out.optional(sla.remindAfter) { $0.located($1) { $0.int($1) } }
                out.array(sla.escalateTo) { $0.approverSource($1) }
                out.location(sla.location)
            }
            out.bool(step.incomplete)
        }
        string(policy.file)
        string(policy.version)
    }

    mutating func diagnostic(_ diagnostic: Diagnostic) {
        string(diagnostic.id.rawValue)
        string(diagnostic.severity.rawValue)
        string(diagnostic.message)
        optional(diagnostic.location) { $0.location($1) }
        int(diagnostic.length)
        array(diagnostic.notes) { out, note in
            out.string(note.message)
            out.optional(note.location) { $0.location($1) }
        }
    }
}

extension BinaryReader {
    mutating func formSet() throws -> FormSet {
        var set = FormSet(
            manifest: try manifest(), org: try optional { r in try r.org() },
            choiceLists: try array { r in try r.choiceList() },
            forms: try array { r in try r.form() },
            workflows: try array { r in try r.workflow() },
            policies: try array { r in try r.policy() },
            files: try array { r in try r.string() })
        set.damagedNames = Set(try array { r in try r.string() })
        set.version = try string()
        set.zoneOffsets = try optional { r in
            let zone = try r.string()
            let changes = try r.array { r in try r.int64() }
            guard
                let table = ZoneOffsets(
                    zone: zone, changes: changes, offsets: try r.array { r in try r.int() })
            else { throw Malformed() }
            return table
        }
        return set
    }

    mutating func located<T>(_ read: (inout BinaryReader) throws -> T) throws -> Located<T> {
        let value = try read(&self)
        return Located(value, at: try location())
    }

    mutating func id<Tag>() throws -> Located<Identifier<Tag>> {
        let raw = try string()
        return Located(Identifier(raw), at: try location())
    }

    mutating func enumeration<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw Malformed() }
        return value
    }

    mutating func text() throws -> LocalizedText {
        LocalizedText(
            entries: try array { r in
                LocalizedText.Entry(
                    locale: try r.optional { r in try r.string() }, text: try r.string())
            })
    }

    mutating func condition() throws -> Condition {
        let source = try string()
        let parsed = try bool()
        var condition = Condition(source: source, expression: nil, location: try location(), mapsColumns: try bool())
        if parsed {
            let result = FormworkLanguage.Parser.parse(source)
            guard let expression = result.expression, result.diagnostics.isEmpty else { throw Malformed() }
            condition.expression = expression
        }
        return condition
    }

    mutating func bounds<T>(_ read: (inout BinaryReader) throws -> T) throws -> Bounds<T> {
        Bounds(
            min: try optional { r in try r.located(read) },
            max: try optional { r in try r.located(read) }, location: try location())
    }

    mutating func manifest() throws -> Manifest {
        let formatVersion = try int()
        let name = try string()
        let defaultLocale = try string()
        let locales = try array { r in try r.string() }
        let currency = try optional { r in try r.located { r in try r.string() } }
        let calendar = WorkCalendar(
            timeZone: try string(), workdays: Set(try array { r in try r.int() }),
            holidays: Set(try array { r in try r.date() }))
        let includes = try array { r in try r.located { r in try r.string() } }
        var manifest = Manifest(
            formatVersion: formatVersion, name: name, defaultLocale: defaultLocale, locales: locales,
            currency: currency, calendar: calendar, includes: includes, file: try string())
        manifest.audit = try optional { r in
            let budgets = try r.array { r in
                AuditSettings.Budget(
                    role: try r.id(), minutes: try r.located { r in try r.int() })
            }
            var seconds: [FieldType: Located<Int>] = [:]
            for _ in 0..<(try r.length()) {
                let type = try r.enumeration(FieldType.self)
                seconds[type] = try r.located { r in try r.int() }
            }
            return AuditSettings(budgets: budgets, fieldSeconds: seconds, location: try r.location())
        }
        manifest.changeControl = try optional { r in
            ChangeControl(
                proposedBy: try r.array { r in try r.id() }, policy: try r.id(), location: try r.location())
        }
        return manifest
    }

    mutating func org() throws -> Org {
        let id: Located<OrgID> = try self.id()
        let name = try optional { r in try r.string() }
        let roles = try array { r in
            Role(id: try r.id(), label: try r.optional { r in try r.text() })
        }
        let regions = try array { r in
            Region(id: try r.id(), label: try r.optional { r in try r.text() })
        }
        let people = try array { r in
            Person(
                id: try r.id(), name: try r.string(), roles: try r.array { r in try r.id() },
                region: try r.optional { r in try r.id() },
                manager: try r.optional { r in try r.id() }, active: try r.bool())
        }
        let targets = try array { r in try r.target() }
        let delegations = try array { r in
            Delegation(
                from: try r.id(), to: try r.id(), start: try r.located { r in try r.date() },
                end: try r.located { r in try r.date() },
                policies: try r.array { r in try r.id() }, location: try r.location())
        }
        var org = Org(
            id: id, name: name, roles: roles, regions: regions, people: people, targets: targets,
            delegations: delegations, file: try string())
        org.volumes = try array { r in
            let form: Located<FormID> = try r.id()
            let amount: ExpectedVolume.Amount
            switch try r.byte() {
            case 0: amount = .perWeek(try r.located { r in try r.decimal() })
            case 1: amount = .customers(try r.located { r in try r.int() })
            default: throw Malformed()
            }
            return ExpectedVolume(form: form, amount: amount, location: try r.location())
        }
        return org
    }

    mutating func target() throws -> SalesTarget {
        let period = try located { r in
            let text = try r.string()
            // The writer wrote the period's description: the parser takes only that shape (four digits, then a
            // quarter or a month), and a year before 1000 is the one period that does not print as it reads.
            guard let period = Period(parsing: text), period.year >= 1000 else { throw Malformed() }
            return period
        }
        let scope: SalesTarget.Scope
        switch try byte() {
        case 0: scope = .organisation
        case 1: scope = .region(try id())
        case 2: scope = .person(try id())
        default: throw Malformed()
        }
        return SalesTarget(
            period: period, scope: scope, units: try optional { r in try r.int() },
            revenue: try optional { r in try r.decimal() },
            profit: try optional { r in try r.decimal() }, location: try location(),
            incomplete: try bool())
    }

    mutating func choiceOption() throws -> ChoiceOption {
        ChoiceOption(value: try located { r in try r.string() }, label: try text())
    }

    mutating func choiceList() throws -> ChoiceList {
        ChoiceList(id: try id(), options: try array { r in try r.choiceOption() })
    }

    mutating func form() throws -> Form {
        let id: Located<FormID> = try self.id()
        let title = try text()
        let description = try optional { r in try r.text() }
        let policy = try optional { r in try r.id() } as Located<PolicyID>?
        let sections = try array { r in
            Section(
                id: try r.optional { r in try r.id() },
                title: try r.optional { r in try r.text() },
                showIf: try r.optional { r in try r.condition() },
                fields: try r.array { r in try r.field() })
        }
        let checks = try array { r in try r.check() }
        var form = Form(
            id: id, title: title, description: description, policy: policy, sections: sections, checks: checks,
            file: try string())
        form.version = try string()
        return form
    }

    mutating func check() throws -> Check {
        Check(
            rule: try condition(), message: try text(), severity: try enumeration(Check.Severity.self),
            location: try location())
    }

    mutating func field() throws -> Field {
        let id: Located<FieldID> = try self.id()
        let type = try located { r in try r.enumeration(FieldType.self) }
        let label = try optional { r in try r.text() }
        let hint = try optional { r in try r.text() }
        let required = try optional { r in try r.located { r in try r.bool() } }
        let requiredIf = try optional { r in try r.condition() }
        let showIf = try optional { r in try r.condition() }
        let readOnlyIf = try optional { r in try r.condition() }
        let defaultValue = try optional { r in try r.located { r in try r.value() }
        }
        let defaultExpr = try optional { r in try r.condition() }
        let compute = try optional { r in try r.condition() }
        let prefill = try optional { r in
            try r.located { r in
                FieldPath(form: FormID(try r.string()), field: FieldID(try r.string()))
            }
        }
        let choices = try optional { r -> ChoiceSource in
            switch try r.byte() {
            case 0: return .list(try r.id())
            case 1: return .inline(try r.array { r in try r.choiceOption() })
            default: throw Malformed()
            }
        }
        let currency = try optional { r in try r.located { r in try r.string() } }
        let pattern = try optional { r in try r.located { r in try r.string() } }
        let length = try optional { r in try r.bounds { r in try r.int() } }
        let range = try optional { r in try r.bounds { r in try r.value() } }
        let items = try optional { r in try r.bounds { r in try r.int() } }
        let unique = try bool()
        let reportForm: Located<FormID>? = try optional { r in try r.id() }
        let reportStatuses = try optional { r in
            try r.located { r in
                try r.array { r in
                    guard let status = ReportStatus(rawValue: try r.string()) else { throw Malformed() }
                    return status
                }
            }
        }
        return Field(
            id: id, type: type, label: label, hint: hint, required: required, requiredIf: requiredIf, showIf: showIf,
            readOnlyIf: readOnlyIf, defaultValue: defaultValue, defaultExpr: defaultExpr, compute: compute,
            prefill: prefill, choices: choices, currency: currency, pattern: pattern, length: length, range: range,
            items: items, unique: unique, reportForm: reportForm, reportStatuses: reportStatuses,
            fields: try array { r in try r.field() },
            checks: try array { r in try r.check() })
    }

    mutating func workflow() throws -> Workflow {
        Workflow(
            id: try id(), title: try optional { r in try r.text() },
            filledBy: try array { r in try r.id() },
            stages: try array { r in
                Stage(
                    id: try r.id(), title: try r.optional { r in try r.text() },
                    forms: try r.array { r in
                        StageForm(
                            form: try r.id(), required: try r.bool(), repeatable: try r.bool(),
                            cadence: try r.optional { r in
                                try r.located { r in try r.enumeration(Cadence.self) }
                            },
                            filledBy: try r.optional { r in
                                try r.array { r in try r.id() }
                            },
                            after: try r.array { r in try r.id() }, location: try r.location())
                    },
                    exitWhen: try r.optional { r in try r.condition() },
                    next: try r.optional { r in try r.id() })
            }, file: try string())
    }

    mutating func approverSource() throws -> ApproverSource {
        let kind: ApproverSource.Kind
        switch try byte() {
        case 0: kind = .manager(levels: try int())
        case 1:
            let role: Located<RoleID> = try id()
            let region = try optional { r -> RegionScope in
                switch try r.byte() {
                case 0: return .submitter
                case 1: return .region(try r.id())
                default: throw Malformed()
                }
            }
            kind = .role(role, region: region)
        case 2: kind = .person(try id())
        default: throw Malformed()
        }
        return ApproverSource(kind: kind, location: try location())
    }

    mutating func policy() throws -> Policy {
        let id: Located<PolicyID> = try self.id()
        let title = try optional { r in try r.text() }
        let meaning = try optional { r in try r.text() }
        let selfApproval = try optional { r in try r.located { r in try r.bool() }
        }
        let recall = try enumeration(Recall.self)
        let material = try array { r in try r.id() } as [Located<FieldID>]
        let opinionRequired = try optional { r in
            try r.located { r in
                Set(try r.array { r in try r.enumeration(Decision.self) })
            }
        }
        let delegation = try bool()
        let steps = try array { r in
            let id: Located<StepID> = try r.id()
            let title = try r.optional { r in try r.text() }
            let meaning = try r.optional { r in try r.text() }
            let approvers = try r.array { r in try r.approverSource() }
            let fallback = try r.array { r in try r.approverSource() }
            let quorum = try r.located { r -> Quorum in
                switch try r.byte() {
                case 0: return .any
                case 1: return .all
                case 2: return .count(try r.int())
                default: throw Malformed()
                }
            }
            let decisions = try r.array { r in try r.enumeration(Decision.self) }
            let when = try r.optional { r in try r.condition() }
            let sla = try r.optional { r in
                SLA(
                    days: try r.located { r in try r.int() },
                    remindAfter: try r.optional { r in
                        try r.located { r in try r.int() }
                    },
                    escalateTo: try r.array { r in try r.approverSource() }, location: try r.location())
            }
            return Step(
                id: id, title: title, meaning: meaning, approvers: approvers, fallback: fallback, quorum: quorum,
                decisions: decisions, when: when, sla: sla, incomplete: try r.bool())
        }
        var policy = Policy(
            id: id, title: title, meaning: meaning, selfApproval: selfApproval, recall: recall, material: material,
            opinionRequired: opinionRequired, delegation: delegation, steps: steps, file: try string())
        policy.version = try string()
        return policy
    }

    mutating func diagnostic() throws -> Diagnostic {
        let id = DiagnosticID(try string())
        let severity = try enumeration(Severity.self)
        let message = try string()
        let location = try optional { r in try r.location() }
        return Diagnostic(
            id, severity, message, at: location, length: try int(),
            notes: try array { r in
                Diagnostic.Note(try r.string(), at: try r.optional { r in try r.location() })
            })
    }
}
