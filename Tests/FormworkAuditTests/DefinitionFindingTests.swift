import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import Testing

/// Every finding from the definitions fires on a small set that has its flaw, and stays silent on
/// one that does not.
@Suite struct DefinitionFindingTests {
    // MARK: - Too few

    @Test func stageWithoutForm() throws {
        let flawed = try SmallSet.audit([
            "workflows/funnel.yaml": """
            workflow: funnel
            filled_by: [rep]
            stages:
              - {id: a, forms: [{form: f1, repeatable: true}], exit_when: has(f1)}
              - {id: negotiate, exit_when: "true"}
              - {id: b, forms: [{form: f2, repeatable: true}]}
            """
        ])
        let finding = try #require(flawed.findings("audit.too-few.stage-without-form").first)
        #expect(finding.subject.stage == "negotiate")
        #expect(finding.location?.line == 5)
        #expect(try SmallSet.audit().findings("audit.too-few.stage-without-form").isEmpty)
    }

    @Test func unrecordedMove() throws {
        let flawed = try SmallSet.audit([
            "workflows/funnel.yaml": """
            workflow: funnel
            filled_by: [rep]
            stages:
              - id: a
                forms: [{form: f1, required: false, repeatable: true}]
                exit_when: has(f2) || customer.id != ''
              - {id: b, forms: [{form: f2, repeatable: true}]}
            """
        ])
        let finding = try #require(flawed.findings("audit.too-few.unrecorded-move").first)
        #expect(finding.subject.stage == "a")
        #expect(finding.figures.contains(.text("to_stage", "b")))
        // The base set requires f1 and exits on it: the move is recorded.
        #expect(try SmallSet.audit().findings("audit.too-few.unrecorded-move").isEmpty)
    }

    @Test func noReviewerWhenAFormHasNoPolicy() throws {
        let set = try SmallSet.loose([
            "forms/f2.yaml": """
            form: f2
            title: Second form
            fields:
              - {id: summary, type: text, label: Summary, hint: One line., required: true}
            """
        ])
        let finding = try #require(Audit().run(set).findings("audit.too-few.no-reviewer").first)
        #expect(finding.severity == .error)
        #expect(finding.subject.form == "f2")
        #expect(try SmallSet.audit().findings("audit.too-few.no-reviewer").isEmpty)
    }

    @Test func noReviewerWhenEveryStepIsConditional() throws {
        let flawed = try SmallSet.audit([
            "workflows/policy.yaml": """
            policy: p
            steps:
              - id: supervisor
                when: submitter.region == 'north'
                approvers: [{manager: 1}]
            """
        ])
        let finding = try #require(flawed.findings("audit.too-few.no-reviewer").first)
        #expect(finding.severity == .warning)
        #expect(finding.subject.policy == "p")
    }

    @Test func noOpinion() throws {
        let flawed = try SmallSet.audit([
            "workflows/policy.yaml": """
            policy: p
            opinion_required: [return, reject]
            steps:
              - {id: supervisor, approvers: [{manager: 1}]}
            """
        ])
        #expect(flawed.findings("audit.too-few.no-opinion").count == 1)
        #expect(try SmallSet.audit().findings("audit.too-few.no-opinion").isEmpty)
    }

    static let visitForms: [String: String?] = [
        "forms/f1.yaml": """
        form: visit_plan
        title: Visit plan
        policy: p
        fields: [{id: objective, type: text, label: Objective, hint: Why we go., required: true}]
        """,
        "forms/f2.yaml": """
        form: visit_record
        title: Visit record
        policy: p
        fields: [{id: summary, type: text, label: Summary, hint: One line., required: true}]
        """,
        "org.yaml": """
        org: small
        roles: [{id: rep}, {id: supervisor}]
        people:
          - {id: boss, name: Boss, roles: [supervisor]}
          - {id: rep1, name: Rep One, roles: [rep], manager: boss}
        """,
    ]

    static func visitFunnel(gate: String) -> [String: String?] {
        visitForms.merging([
            "workflows/funnel.yaml": """
            workflow: funnel
            filled_by: [rep]
            stages:
              - id: visit
                forms:
                  - {form: visit_plan, repeatable: true}
                  - {form: visit_record, repeatable: true\(gate)}
            """
        ]) { _, new in new }
    }

    @Test func visitRecordUngated() throws {
        let ungated = try SmallSet.audit(Self.visitFunnel(gate: ""))
        let finding = try #require(ungated.findings("audit.too-few.visit-record-ungated").first)
        #expect(finding.subject.form == "visit_record")
        #expect(finding.suggestion.contains("after: [visit_plan]"))
        let gated = try SmallSet.audit(Self.visitFunnel(gate: ", after: [visit_plan]"))
        #expect(gated.findings("audit.too-few.visit-record-ungated").isEmpty)
    }

    @Test func visitRecordWithNoPlanAtAll() throws {
        let report = try SmallSet.audit([
            "forms/f2.yaml": """
            form: f2
            title: {en: Customer visit report}
            policy: p
            fields: [{id: summary, type: text, label: Summary, hint: One line., required: true}]
            """
        ])
        let finding = try #require(report.findings("audit.too-few.visit-record-ungated").first)
        #expect(finding.message.contains("no visit plan"))
    }

    @Test func shortFunnel() throws {
        let report = try SmallSet.audit()
        let finding = try #require(report.findings("audit.too-few.short-funnel").first)
        #expect(finding.severity == .note)
        #expect(finding.figures.contains(.int("forms", 2)))
        var options = AuditOptions()
        options.shortFunnelForms = 2
        #expect(try SmallSet.audit(options: options).findings("audit.too-few.short-funnel").isEmpty)
    }

    // MARK: - Too many

    @Test func formWithoutStage() throws {
        let report = try SmallSet.audit([
            "forms/f3.yaml": """
            form: f3
            title: Third form
            policy: p
            fields: [{id: extra, type: text, label: Extra, hint: Extra.}]
            """
        ])
        #expect(report.findings("audit.too-many.form-without-stage").map(\.subject.form) == ["f3"])
        #expect(try SmallSet.audit().findings("audit.too-many.form-without-stage").isEmpty)
    }

    @Test func fieldAskedAgainBySameID() throws {
        let report = try SmallSet.audit([
            "forms/f2.yaml": """
            form: f2
            title: Second form
            policy: p
            fields:
              - {id: contact_name, type: text, label: Name of the contact, hint: Who., required: true}
              - {id: summary, type: text, label: Summary, hint: One line., required: true}
            """
        ])
        let finding = try #require(report.findings("audit.too-many.field-asked-again").first)
        #expect(finding.subject.form == "f2")
        #expect(finding.figures.contains(.list("asked_in", ["f1", "f2"])))
        #expect(finding.suggestion.contains("prefill: f1.contact_name"))
        #expect(finding.related.first?.location?.file == "forms/f1.yaml")
        // The base set prefills it instead.
        #expect(try SmallSet.audit().findings("audit.too-many.field-asked-again").isEmpty)
    }

    @Test func fieldAskedAgainBySameLabelInAnyLocale() throws {
        let report = try SmallSet.audit([
            "forms/f2.yaml": """
            form: f2
            title: Second form
            policy: p
            fields:
              - {id: person_met, type: text, label: {en: Contact name}, hint: Who., required: true}
              - {id: summary, type: text, label: Summary, hint: One line., required: true}
            """
        ])
        #expect(report.findings("audit.too-many.field-asked-again").count == 1)
    }

    @Test func formAskedElsewhere() throws {
        let report = try SmallSet.audit([
            "forms/f2.yaml": """
            form: f2
            title: Second form
            policy: p
            fields:
              - {id: contact, type: text, label: Contact, hint: Prefilled., prefill: f1.contact_name}
              - {id: region_note, type: text, label: Region note, hint: Again.}
            """
        ])
        let finding = try #require(report.findings("audit.too-many.form-asked-elsewhere").first)
        #expect(finding.subject.form == "f2")
        #expect(finding.figures.contains(.list("also_in", ["f1"])))
        #expect(try SmallSet.audit().findings("audit.too-many.form-asked-elsewhere").isEmpty)
    }

    @Test func unusedRequiredField() throws {
        // f2's required summary is read by nothing.
        let report = try SmallSet.audit()
        let finding = try #require(report.findings("audit.too-many.unused-required-field").first)
        #expect(finding.subject.form == "f2")
        #expect(finding.figures.contains(.list("fields", ["summary"])))
        // f1's required contact_name is read by f2's prefill; a check reads f2's summary here.
        let used = try SmallSet.audit([
            "forms/f2.yaml": """
            form: f2
            title: Second form
            policy: p
            fields:
              - {id: contact, type: text, label: Contact, hint: Prefilled., prefill: f1.contact_name}
              - id: summary
                type: text
                label: Summary
                hint: One line.
                required: true
                checks: [{rule: size(value) >= 3, message: Say more.}]
            """
        ])
        #expect(used.findings("audit.too-many.unused-required-field").isEmpty)
    }

    @Test func overBudget() throws {
        let report = try SmallSet.audit([
            "formwork.yaml": """
            formwork: 1
            name: Small
            locale: en
            audit:
              budget: {rep: 1, supervisor: 600}
            include: [forms/, workflows/, org.yaml]
            """
        ])
        let finding = try #require(report.findings("audit.too-many.over-budget").first)
        #expect(finding.severity == .error)
        #expect(finding.subject.role == "rep")
        #expect(finding.location?.file == "formwork.yaml")
        #expect(finding.location?.line == 5)
        let burden = try #require(report.burden.first { $0.role == "rep" })
        #expect(burden.isOverBudget)
        #expect(burden.forms.map(\.form) == ["f1", "f2"])
        #expect(try SmallSet.audit().findings("audit.too-many.over-budget").isEmpty)
    }

    @Test func burdenFollowsVolumesCadenceAndFieldTimes() throws {
        // f1: 30 s + contact 15 + region 15 + channel offered 3 + remarks 90 + kind 15 = 168 s, twice a week.
        // f2: 30 s + contact prefilled 3 + summary 15 = 48 s, once a week. 336 + 48 = 384 s = 6 min.
        let report = try SmallSet.audit()
        let rep = try #require(report.burden.first { $0.role == "rep" })
        #expect(rep.minutes == 6)
        #expect(rep.budget == 600)
        // The supervisor reads two reps' reports, each a quarter of its filling time plus 60 s for the
        // opinion: 2 × (2 × (42 + 60) + 1 × (12 + 60)) = 552 s, 9 minutes.
        let supervisor = try #require(report.burden.first { $0.role == "supervisor" })
        #expect(supervisor.busiest == "boss")
        #expect(supervisor.reviewMinutes == 9)
        // With a weekly cadence, 'customers: 3' means three reports a week.
        let weekly = try SmallSet.audit([
            "workflows/funnel.yaml": """
            workflow: funnel
            filled_by: [rep]
            stages:
              - {id: a, forms: [{form: f1, cadence: weekly}], exit_when: has(f1)}
              - {id: b, forms: [{form: f2, repeatable: true}]}
            """,
            "org.yaml": """
            org: small
            roles: [{id: rep}, {id: supervisor}]
            people:
              - {id: boss, name: Boss, roles: [supervisor]}
              - {id: rep1, name: Rep One, roles: [rep], manager: boss}
            volumes:
              - {form: f1, customers: 3}
              - {form: f2, per_week: 0}
            """,
        ])
        #expect(weekly.burden.first { $0.role == "rep" }?.forms.first?.reportsPerWeek == 3)
    }

    @Test func noBudget() throws {
        let report = try SmallSet.audit([
            "formwork.yaml": """
            formwork: 1
            name: Small
            locale: en
            audit:
              budget: {rep: 600}
            include: [forms/, workflows/, org.yaml]
            """
        ])
        let finding = try #require(report.findings("audit.too-many.no-budget").first)
        #expect(finding.subject.role == "supervisor")
        #expect(try SmallSet.audit().findings("audit.too-many.no-budget").isEmpty)
    }

    // MARK: - Unsuitable

    @Test func requiredWithoutHint() throws {
        let report = try SmallSet.audit([
            "forms/f2.yaml": """
            form: f2
            title: Second form
            policy: p
            fields:
              - {id: summary, type: text, label: Summary, required: true}
              - {id: amount, type: money, label: Amount, required_if: has(summary)}
            """
        ])
        let finding = try #require(report.findings("audit.unsuitable.required-without-hint").first)
        #expect(finding.figures.contains(.list("fields", ["summary", "amount"])))
        #expect(try SmallSet.audit().findings("audit.unsuitable.required-without-hint").isEmpty)
    }

    @Test func labelMissingLocale() throws {
        let manifest = """
            formwork: 1
            name: Small
            locale: en
            locales: [en, zh-Hant]
            include: [forms/, workflows/, org.yaml]
            """
        let report = try SmallSet.audit([
            "formwork.yaml": manifest,
            "forms/f2.yaml": """
            form: f2
            title: {en: Second form, zh-Hant: 第二表}
            policy: p
            fields:
              - {id: summary, type: text, label: Summary, hint: {en: One line., zh-Hant: 一行。}, required: true}
            """,
        ])
        let f2 = report.findings("audit.unsuitable.label-missing-locale").filter { $0.subject.form == "f2" }
        #expect(f2.count == 1)
        #expect(f2.first?.figures.contains(.list("texts", ["summary (label)"])) == true)
        #expect(f2.first?.figures.contains(.list("missing_locales", ["zh-Hant"])) == true)
        let translated = try SmallSet.audit([
            "formwork.yaml": manifest,
            "forms/f2.yaml": """
            form: f2
            title: {en: Second form, zh-Hant: 第二表}
            policy: p
            fields:
              - {id: summary, type: text, label: {en: Summary, zh-Hant: 摘要}, hint: {en: One line., zh-Hant: 一行。}, required: true}
            """,
        ])
        #expect(translated.findings("audit.unsuitable.label-missing-locale").filter { $0.subject.form == "f2" }.isEmpty)
        // A set with one locale has nothing to miss.
        #expect(try SmallSet.audit().findings("audit.unsuitable.label-missing-locale").isEmpty)
    }

    static func choiceForm(_ followUp: String) -> [String: String?] {
        [
            "forms/f2.yaml": """
            form: f2
            title: Second form
            policy: p
            fields:
              - id: reason
                type: choice
                label: Reason
                hint: Why.
                choices: [price, delivery, {value: misc, label: Other}]
            \(followUp)
            """
        ]
    }

    @Test func catchAllWithoutFollowUp() throws {
        let report = try SmallSet.audit(Self.choiceForm(""))
        let finding = try #require(report.findings("audit.unsuitable.catch-all-without-follow-up").first)
        #expect(finding.figures.contains(.text("option", "misc")))
        let followed = try SmallSet.audit(
            Self.choiceForm(
                "  - {id: reason_detail, type: text, label: Which other reason, hint: Say., show_if: reason == 'misc'}")
        )
        #expect(followed.findings("audit.unsuitable.catch-all-without-follow-up").isEmpty)
        // A condition on another value is no follow-up for the catch-all.
        let elsewhere = try SmallSet.audit(
            Self.choiceForm(
                "  - {id: carrier, type: text, label: Carrier, hint: Say., show_if: reason == 'delivery'}"))
        #expect(elsewhere.findings("audit.unsuitable.catch-all-without-follow-up").count == 1)
    }
}
