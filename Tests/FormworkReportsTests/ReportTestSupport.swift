import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import FormworkReports
import FormworkTestSupport
import Foundation
import Testing

/// A small generated store: Acme's six reps and two supervisors, twelve weeks from 2026-01-05, seed 1,
/// simulated through the real engine (the audit's usage simulator).
enum Fixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let generated: (formSet: FormSet, state: EngineState, end: Timestamp)? = {
        let loaded = FormSetLoader().load(repository.appendingPathComponent("examples/acme-industrial").path)
        guard let formSet = loaded.formSet, !loaded.diagnostics.hasErrors,
            let start = LocalDate("2026-01-05")
        else { return nil }
        let result = UsageGenerator(formSet: formSet, scenario: UsageScenario(seed: 1, start: start, weeks: 12)).run()
        return (formSet, result.engine.state, result.end)
    }()

    static func input(
        period: String? = "2026-Q1", region: String? = nil, person: String? = nil
    ) throws -> ReportInput {
        let generated = try #require(generated)
        let scope = ReportScope(
            period: period.flatMap { ReportPeriod(parsing: $0) }, region: region.map { RegionID($0) },
            person: person.map { PersonID($0) }, asOf: generated.end)
        return ReportInput(
            formSet: generated.formSet, reports: generated.state.reports.values,
            customers: generated.state.customers.values, scope: scope)
    }

    static func report(
        _ kind: ReportKind, period: String? = "2026-Q1", region: String? = nil, person: String? = nil
    ) throws -> ManagementReport {
        ManagementReports.make(kind, from: try input(period: period, region: region, person: person))
    }
}

extension ManagementReport {
    func table(_ id: String) -> Table? { tables.first { $0.id == id } }
}

extension Table {
    /// The row whose column `key` holds `value`.
    func row(_ key: String, _ value: String) -> [String: Cell]? {
        guard let index = columns.firstIndex(where: { $0.id == key }) else { return nil }
        guard let row = rows.first(where: { $0[index] == .text(value) }) else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(columns.map(\.id), row))
    }
}

/// Compares with a golden file in Golden/; `FORMWORK_RECORD=1` rewrites it and still fails the run.
func expectGolden(
    _ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    try expectGolden(actual, at: Fixture.golden.appendingPathComponent(name), sourceLocation: sourceLocation)
}
