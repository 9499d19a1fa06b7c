import FormworkDefinitions
import FormworkDiagnostics
import Foundation
import Testing

/// The data folders are tests: the shipped form set, every example and every template of `formwork init`
/// load with no diagnostic at all.
@Suite struct ShippedFormSetTests {
    static let formSets: [String] = {
        func folders(_ parent: String) -> [String] {
            let url = Fixtures.repository.appendingPathComponent(parent)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(parent)/\($0)" }
        }
        return ["."] + folders("examples") + folders("templates")
    }()

    @Test(arguments: formSets)
    func loadsWithoutAnyDiagnostic(_ path: String) {
        let root = Fixtures.repository.appendingPathComponent(path).path
        let result = FormSetLoader().load(root)
        let rendered = DiagnosticRenderer(sources: result.sources).render(result.diagnostics)
        #expect(result.diagnostics.isEmpty, "\(path):\n\(rendered)")
        #expect(result.formSet != nil)
    }

    @Test func theStandardSetHasTheSevenReportsOfTheB2BFunnel() throws {
        let result = FormSetLoader().load(Fixtures.repository.appendingPathComponent("examples/acme-industrial").path)
        let set = try #require(result.formSet)
        let forms = Set(set.forms.map(\.id.value.rawValue))
        #expect(
            forms == [
                "customer_information", "customer_qualification", "visit_plan", "visit_record",
                "key_account_followup", "closed_deal", "high_value_service",
            ])
        // Every report is signed, and every policy wants an opinion on approval.
        for form in set.forms { #expect(form.policy != nil, "\(form.id.value) has no policy") }
        for policy in set.policies { #expect(policy.decisionsNeedingOpinion.contains(.approve)) }
        // The visit record waits for an approved visit plan.
        let funnel = try #require(set.workflows.first)
        let record = funnel.stages.flatMap(\.forms).first { $0.form.value == "visit_record" }
        #expect(record?.after.map(\.value) == ["visit_plan"])
        // Big deals also need the director.
        let deal = try #require(set.policy("deal_signoff"))
        #expect(deal.steps.count == 2)
        #expect(deal.steps[1].when?.source.contains("deal_value") == true)
    }
}
