import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import Foundation
import Testing

/// The shipped B2B form set audits with no error-level finding and a burden under its budget.
@Suite struct ShippedSetAuditTests {
    @Test func theStandardSetHasNoErrorFinding() throws {
        let loaded = Sets.folder(".")
        let set = try #require(loaded.formSet)
        let report = Audit().run(set)
        print(AuditRenderer(sources: loaded.sources).text(report))
        #expect(report.count(.error) == 0)
    }

    @Test func acmeIsUnderItsBudget() throws {
        let loaded = Sets.folder("examples/acme-industrial")
        let set = try #require(loaded.formSet)
        let report = Audit().run(set)
        print(AuditRenderer(sources: loaded.sources).text(report))
        #expect(report.count(.error) == 0)
        #expect(!report.burden.isEmpty)
        for role in report.burden { #expect(!role.isOverBudget, "\(role.role) is over budget") }
    }
}
