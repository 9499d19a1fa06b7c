import FormworkCLI
import Foundation
import Synchronization
import Testing

@testable import FormworkStore

/// Every command is a process that reads the journal's tail since the command index's last checkpoint, checking
/// each line: the commands keep that tail short, so that a command's start does not grow with the work done since.
@Suite(.scratch) struct StoreTailTests {
    @Test func commandsCheckpointTheIndexSoTheTailAProcessReadsStaysShort() throws {
        let store = ReportCommandTests.newStore()
        let environment = ReportCommandTests.environment(store: store, at: "2026-03-02T09:00:00+08:00")
        for customer in 0..<20 {
            var arguments = ReportCommandTests.information
            arguments[arguments.firstIndex(of: "acme-tw")!] = "acme-\(customer)"
            let outcome = try CLI.run(arguments, environment: environment)
            #expect(outcome.exitCode == .ok, "\(outcome.stderr)")
        }
        let (journal, _) = try JournalStore.open(at: store.path, create: false)
        let (head, tail) = journal.state.withLock { state in (state.view?.head.seq ?? 0, state.view?.lines.count ?? -1)
        }
        // 20 filings are 60 records: the commands took them into the index at the 32nd; with the library's
        // default (1,024) the whole journal would be tail.
        #expect(head >= 50)
        #expect(tail >= 0 && tail <= 32 && tail < head, "the tail holds \(tail) of \(head) records")
    }
}
