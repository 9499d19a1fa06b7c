import FormworkCLI
import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkPersistence
import FormworkReports
import FormworkStore
import Foundation
import Testing

/// `formwork report` reads each report of a snapshot into the parts its kind reads (`ReportReading`): what it prints
/// is the report made from the whole reports of the same store.
@Suite(.scratch) struct ReportReadingCommandTests {
    @Test func theCommandPrintsTheReportOfTheWholeReports() throws {
        let folder = try ManagementReportCommandTests.generate(seed: 5)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storePath = folder.appendingPathComponent(".formwork-store")
        // The store's reports are in snapshot segments: the command reads them through the keeping bulk read.
        let files = try FileManager.default.contentsOfDirectory(atPath: storePath.path)
        #expect(files.contains { $0.hasPrefix("seg-") })
        let formSet = try #require(FormSetLoader().load(folder.path).formSet)
        let (store, _) = try JournalStore.open(at: storePath.path, create: false)
        let state = try Repository(formSet: formSet, store: store).engine.state
        let reports = state.reports.values
        let customers = state.customers.values
        let asOf = try #require(state.clock)
        let rep = try #require(reports.first?.submitter)
        for (kind, arguments) in [
            (ReportKind.activity, ["--period", "2026-01"]), (.reviews, []), (.funnel, ["--period", "2026-01"]),
            (.targets, []), (.meetingPack, ["--person", rep.rawValue]),
        ] {
            let printed = try CLI.run(
                ["report", kind.rawValue, "--config", folder.path, "--format", "json"] + arguments)
            #expect(printed.exitCode == .ok, "\(kind.rawValue): \(printed.stderr)")
            let scope = ReportScope(
                period: arguments.first == "--period" ? ReportPeriod(parsing: arguments[1]) : nil,
                person: kind == .meetingPack ? rep : nil, asOf: asOf)
            let whole = ManagementReports.make(
                kind, from: ReportInput(formSet: formSet, reports: reports, customers: customers, scope: scope))
            #expect(printed.stdout == (try ReportRenderer.json(whole)), "\(kind.rawValue)")
        }
    }
}
