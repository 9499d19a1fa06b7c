import FormworkDefinitions
import FormworkDiagnostics
import Foundation
import Testing

/// `FormSetDiff`: each kind of change is classified as a user would expect, and points at the
/// reports it touches.
@Suite struct FormSetDiffTests {
    static let manifest = "formwork: 1\nname: T\nlocale: en\ninclude: [form.yaml, policy.yaml, flow.yaml]\n"
    static let form = """
        form: visit
        title: Visit
        policy: signoff
        fields:
          - id: date
            type: date
            label: Date
            required: true
          - id: kind
            type: choice
            label: Kind
            choices: [onsite, phone, video]
          - id: people
            type: integer
            label: People
            range: {min: 1, max: 20}
          - id: notes
            type: long_text
            label: Notes
            length: {max: 500}
        checks:
          - rule: people < 15
            message: Big meeting
            severity: warning

        """
    static let policy = """
        policy: signoff
        steps:
          - id: supervisor
            approvers: [{role: supervisor}]
            quorum: any

        """
    static let flow = """
        workflow: funnel
        stages:
          - id: visit
            forms:
              - {form: plan}
              - {form: visit, after: [plan]}
          - id: done

        """
    static let plan = "form: plan\ntitle: Plan\npolicy: signoff\nfields:\n  - {id: goal, type: text, label: Goal}\n"

    static func set(
        form: String = FormSetDiffTests.form, policy: String = FormSetDiffTests.policy,
        flow: String = FormSetDiffTests.flow, plan: Bool = true, root: String = "."
    ) throws -> FormSet {
        let prefix = root == "." ? "" : root + "/"
        var files = [
            prefix + "formwork.yaml": plan
                ? manifest.replacingOccurrences(of: "form.yaml,", with: "form.yaml, plan.yaml,") : manifest,
            prefix + "form.yaml": form, prefix + "policy.yaml": policy, prefix + "flow.yaml": flow,
        ]
        if plan { files[prefix + "plan.yaml"] = Self.plan }
        let result = FormSetLoader(fileSystem: InMemoryFileSystem(files: files)).load(root)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.message))")
        return try #require(result.formSet)
    }

    static func changes(form: String? = nil, policy: String? = nil, flow: String? = nil) throws -> [FormSetChange] {
        let old = try set()
        let new = try set(
            form: form ?? Self.form, policy: policy ?? Self.policy, flow: flow ?? Self.flow)
        return FormSetDiff.compare(old, new)
    }

    @Test func anUnchangedSetHasNoChangesAndOneVersionWhereverItIs() throws {
        let here = try Self.set()
        let there = try Self.set(root: "copies/elsewhere")
        #expect(FormSetDiff.compare(here, there).isEmpty)
        #expect(here.version == there.version)
        #expect(here.version.count == 64)
        #expect(try Self.set(form: Self.form + "# a comment\n").version != here.version)
    }

    @Test func labelsAndNewOptionalFieldsAreSafe() throws {
        let changes = try Self.changes(
            form: Self.form.replacingOccurrences(of: "label: Date", with: "label: Visit date")
                .replacingOccurrences(of: "checks:", with: "  - {id: mood, type: text, label: Mood}\nchecks:"))
        #expect(changes.map(\.kind) == ["field-relabelled", "field-added"])
        #expect(changes.allSatisfy { $0.impact == .safe && $0.touch == .none })
    }

    @Test func aNewRequiredFieldIsBreakingForReportsThatDoNotAnswerIt() throws {
        let changes = try Self.changes(
            form: Self.form.replacingOccurrences(
                of: "checks:", with: "  - {id: budget, type: money, label: Budget, required: true}\nchecks:"))
        let change = try #require(changes.first)
        #expect(changes.count == 1)
        #expect(change.impact == .breaking)
        #expect(change.kind == "field-added-required")
        #expect(change.touch == .unanswered("visit", "budget"))
        #expect(change.location?.file == "form.yaml")
    }

    @Test func removedFieldsAndChangedTypesAreBreakingButWideningIsSafe() throws {
        let removed = try Self.changes(
            form: Self.form.replacingOccurrences(
                of: "  - id: notes\n    type: long_text\n    label: Notes\n    length: {max: 500}\n", with: ""))
        #expect(removed.map(\.kind) == ["field-removed"])
        #expect(removed.first?.touch == .answered("visit", "notes"))
        #expect(removed.first?.location?.line == 17)

        let retyped = try Self.changes(
            form: Self.form.replacingOccurrences(of: "type: date", with: "type: datetime"))
        #expect(retyped.map(\.kind) == ["type-changed"])
        #expect(retyped.first?.impact == .breaking)

        let widened = try Self.changes(
            form: Self.form.replacingOccurrences(of: "type: integer", with: "type: decimal"))
        #expect(widened.map(\.kind) == ["type-widened"])
        #expect(widened.first?.impact == .safe)
    }

    @Test func removedOptionsAreBreakingForAnswersThatUseThemAndNewOnesAreSafe() throws {
        let changes = try Self.changes(
            form: Self.form.replacingOccurrences(of: "[onsite, phone, video]", with: "[onsite, video, email]"))
        #expect(changes.map(\.kind) == ["option-removed", "option-added"])
        #expect(changes[0].touch == .options("visit", "kind", ["phone"]))
        #expect(changes[0].message.contains("'phone'"))
        #expect(changes[1].impact == .safe)
    }

    @Test func tighterLimitsAreBreakingAndLooserOnesSafe() throws {
        let tighter = try Self.changes(
            form: Self.form.replacingOccurrences(of: "{min: 1, max: 20}", with: "{min: 2, max: 20}")
                .replacingOccurrences(of: "{max: 500}", with: "{max: 200}"))
        #expect(tighter.map(\.kind) == ["range-tightened", "length-tightened"])
        #expect(tighter.allSatisfy { $0.impact == .breaking })
        let looser = try Self.changes(
            form: Self.form.replacingOccurrences(of: "{min: 1, max: 20}", with: "{min: 1}")
                .replacingOccurrences(of: "{max: 500}", with: "{max: 2000}"))
        #expect(looser.map(\.kind) == ["range-loosened", "length-loosened"])
        #expect(looser.allSatisfy { $0.impact == .safe })
    }

    @Test("a report field taking fewer statuses is breaking for the reports that answer it; taking more is safe")
    func reportStatusesNarrowedAndWidened() throws {
        func form(_ status: String?) -> String {
            Self.form.replacingOccurrences(
                of: "checks:",
                with: "  - {id: plan_report, type: report, form: plan, label: Plan"
                    + (status.map { ", status: \($0)" } ?? "") + "}\nchecks:")
        }
        let any = try Self.set(form: form(nil))
        let approved = try Self.set(form: form("approved"))
        let live = try Self.set(form: form("[pending, approved]"))
        let narrowed = FormSetDiff.compare(any, approved)
        #expect(narrowed.map(\.kind) == ["report-status-narrowed"])
        #expect(narrowed.map(\.impact) == [.breaking])
        #expect(narrowed.first?.message.hasSuffix("now accepts only a report that is approved") == true)
        let widened = FormSetDiff.compare(approved, live)
        #expect(widened.map(\.kind) == ["report-status-widened"])
        #expect(widened.map(\.impact) == [.safe])
        #expect(widened.first?.message.hasSuffix("now accepts a report that is pending or approved") == true)
        #expect(FormSetDiff.compare(live, any).map(\.kind) == ["report-status-widened"])
        #expect(FormSetDiff.compare(any, any).isEmpty)
    }

    @Test func requiredAndChecksCountAsExpected() throws {
        let optional = try Self.changes(
            form: Self.form.replacingOccurrences(of: "    required: true\n", with: ""))
        #expect(optional.map(\.kind) == ["field-now-optional"])
        #expect(optional.first?.impact == .safe)

        let required = try Self.changes(
            form: Self.form.replacingOccurrences(of: "type: long_text\n", with: "type: long_text\n    required: true\n")
        )
        #expect(required.map(\.kind) == ["field-now-required"])
        #expect(required.first?.touch == .unanswered("visit", "notes"))

        let errorCheck = try Self.changes(
            form: Self.form.replacingOccurrences(of: "severity: warning", with: "severity: error"))
        #expect(errorCheck.map(\.kind) == ["check-added", "warning-removed"])
        #expect(errorCheck.map(\.impact) == [.breaking, .safe])

        let reworded = try Self.changes(
            form: Self.form.replacingOccurrences(of: "Big meeting", with: "A big meeting"))
        #expect(reworded.map(\.kind) == ["check-reworded"])
    }

    @Test func routingChangesAreBreakingAndTitlesSafe() throws {
        let quorum = try Self.changes(policy: Self.policy.replacingOccurrences(of: "quorum: any", with: "quorum: all"))
        #expect(quorum.count == 2)  // the old line gone, the new line there
        #expect(quorum.allSatisfy { $0.kind == "routing-changed" && $0.touch == .policy("signoff") })
        #expect(quorum.contains { $0.message.contains("step supervisor quorum all") })

        let titled = try Self.changes(
            policy: Self.policy.replacingOccurrences(of: "steps:", with: "title: Sign-off\nsteps:"))
        #expect(titled.map(\.kind) == ["policy-retitled"])
        #expect(titled.first?.impact == .safe)
    }

    @Test func addedGatesAndRemovedFormsAreBreakingRemovedGatesSafe() throws {
        let ungated = try Self.changes(flow: Self.flow.replacingOccurrences(of: ", after: [plan]", with: ""))
        #expect(ungated.map(\.kind) == ["gate-removed"])
        #expect(ungated.first?.impact == .safe)

        let old = try Self.set(flow: Self.flow.replacingOccurrences(of: ", after: [plan]", with: ""))
        let gated = FormSetDiff.compare(old, try Self.set())
        #expect(gated.map(\.kind) == ["gate-added"])
        #expect(gated.first?.touch == .form("visit"))

        let withoutPlan = try Self.set(
            flow: Self.flow.replacingOccurrences(of: "      - {form: plan}\n", with: "").replacingOccurrences(
                of: ", after: [plan]", with: ""), plan: false)
        let removed = FormSetDiff.compare(try Self.set(), withoutPlan)
        let formRemoved = try #require(removed.first { $0.kind == "form-removed" })
        #expect(formRemoved.impact == .breaking)
        #expect(formRemoved.touch == .form("plan"))
        #expect(removed.contains { $0.kind == "stage-form-removed" })
    }
}
