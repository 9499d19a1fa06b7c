import FormworkCLI
import FormworkDefinitions
import FormworkLanguage
import FormworkStore
import Foundation
import Testing

@testable import FormworkEngine
@testable import FormworkPersistence

/// A snapshot altered on disk with its checksums made good again (a hand edit, a faulty tool, a bit flipped
/// before the checksum was taken) holds numbers no command ever wrote: counts at `Int.max`, instants at the ends of
/// time, steps due before they opened. Fuzzing the binary found ten traps of that kind; this suite keeps the class
/// from coming back by writing such values into a demo store's snapshot, one at a time, and running the commands
/// that read them.
///
/// Every command must answer with one of its exit codes (a trap ends the test run), and the journal must still
/// verify afterwards: whatever a command made of the snapshot, it lost no record.
@Suite(.scratch) struct AlteredSnapshotTests {
    static let config = CLI.repository.appendingPathComponent("examples/acme-industrial").path
    static let now = "2026-05-04T09:00:00+08:00"

    /// Counts and numbers at the edges of what a snapshot may hold (`EntityCodec.countLimit` is 2^48) and beyond.
    static let numbers = [Int.max, Int.min, -1, 0, 1 << 48, (1 << 48) + 1, 1 << 62]
    /// Instants at the edges of what RFC 3339 can write, and beyond.
    static let instants: [Timestamp] = {
        let range = Timestamp.representableSeconds
        return [range.lowerBound, range.upperBound, range.lowerBound - 1, range.upperBound + 1, .min, .max]
            .map { Timestamp(secondsSinceEpoch: $0) }
    }()

    /// One alteration: what it changes, for the failure message, and the change.
    struct Alteration {
        var name: String
        var change: (inout EngineState) -> Void
    }

    /// Every alteration of every kind, with each number or instant, spread over the demo's reports.
    static func alterations(reports: [ReportID], customer: CustomerID, pages: [CustomerPage.Key]) -> [Alteration] {
        typealias ReportChange = (inout ReportRecord) -> Void
        let numbered: [(String, (Int) -> ReportChange)] = [
            ("revision number", { n in { $0.revisions[$0.revisions.count - 1].number = n } }),
            ("required approvals", { n in { if !$0.routing.steps.isEmpty { $0.routing.steps[0].required = n } } }),
            ("SLA days", { n in { if !$0.routing.steps.isEmpty { $0.routing.steps[0].sla?.days = n } } }),
            ("SLA reminder", { n in { if !$0.routing.steps.isEmpty { $0.routing.steps[0].sla?.remindAfter = n } } }),
            ("signed revision", { n in { if !$0.decisions.isEmpty { $0.decisions[0].signature.revision = n } } }),
        ]
        let timed: [(String, (Timestamp) -> ReportChange)] = [
            ("submitted at", { t in { $0.submittedAt = t } }),
            ("updated at", { t in { $0.updatedAt = t } }),
            ("approved at", { t in { $0.approvedAt = t } }),
            ("revision at", { t in { $0.revisions[$0.revisions.count - 1].at = t } }),
            ("step opened at", { t in { if !$0.steps.isEmpty { $0.steps[0].openedAt = t } } }),
            ("step due at", { t in { if !$0.steps.isEmpty { $0.steps[$0.steps.count - 1].dueAt = t } } }),
            ("step reminder at", { t in { if !$0.steps.isEmpty { $0.steps[0].remindAt = t } } }),
            ("history line at", { t in { if !$0.history.isEmpty { $0.history[$0.history.count - 1].at = t } } }),
            ("signed at", { t in { if !$0.decisions.isEmpty { $0.decisions[0].signature.at = t } } }),
        ]
        var all: [Alteration] = []
        func report(_ name: String, _ change: @escaping ReportChange) {
            let id = reports[all.count % reports.count]
            all.append(
                Alteration(name: "report \(id): \(name)") { state in
                    if var record = state.reports[id] {
                        change(&record)
                        state.reports[id] = record
                    }
                })
        }
        for (name, change) in numbered { for n in numbers { report("\(name) \(n)", change(n)) } }
        for (name, change) in timed { for t in instants { report("\(name) \(t.secondsSinceEpoch)", change(t)) } }
        func customerRecord(_ name: String, _ change: @escaping (inout CustomerRecord) -> Void) {
            all.append(
                Alteration(name: "customer \(customer): \(name)") { state in
                    if var record = state.customers[customer] {
                        change(&record)
                        state.customers[customer] = record
                    }
                })
        }
        for n in numbers {
            customerRecord("report count \(n)") { $0.reportCount = n }
            customerRecord("line count \(n)") { $0.lineCount = n }
        }
        for t in instants {
            customerRecord("stage since \(t.secondsSinceEpoch)") { record in
                for key in record.positions.keys { record.positions[key]?.since = t }
            }
            customerRecord("stage history at \(t.secondsSinceEpoch)") { record in
                if !record.stageHistory.isEmpty { record.stageHistory[0].at = t }
            }
            for key in pages {
                all.append(
                    Alteration(name: "page \(key.number) of \(key.customer): line at \(t.secondsSinceEpoch)") { state in
                        if var page = state.customerPages[key], !page.history.isEmpty {
                            page.history[page.history.count - 1].at = t
                            state.customerPages[key] = page
                        }
                    })
            }
        }
        return all
    }

    /// The commands run on each altered store, a few per alteration in turn.
    static func commands(report: ReportID, customer: CustomerID, store: String) -> [[String]] {
        let r = report.rawValue
        return [
            ["show", r], ["show", r, "--json"], ["customer", customer.rawValue],
            ["customer", customer.rawValue, "--json"],
            ["inbox", "--as", "chen.mei"], ["tick"], ["explain", r, "--as", "chen.mei"],
            ["approve", r, "--as", "chen.mei", "--opinion", "Read and discussed."],
            ["return", r, "--as", "chen.mei", "--opinion", "Say which day."], ["recall", r, "--as", "lin.hao"],
            ["report", "funnel", "--period", "2026-Q2"], ["report", "activity", "--period", "2026-04"],
            ["report", "reviews", "--period", "2026-04"], ["report", "targets", "--period", "2026-04"],
            ["report", "meeting-pack", "--period", "2026-04", "--person", "lin.hao"],
            ["audit", config, "--store", store],
        ]
    }

    @Test(
        "commands on a snapshot altered to hold extreme numbers and instants answer with an exit code and lose nothing")
    func extremeValuesInASnapshot() throws {
        let base = Scratch.folder("demo")
        let demo = try CLI.run(["demo", "--config", Self.config, "--store", base.path])
        try #require(demo.exitCode == .ok, "\(demo.stderr)")
        let formSet = try #require(FormSetLoader().load(Self.config).formSet)
        let (opened, _) = try JournalStore.open(at: base.path, create: false)
        let state = try Repository(formSet: formSet, store: opened).engine.state
        let reports = state.reports.keys
        let customer = try #require(state.customers.keys.first)
        let pages = state.customerPages.keys
        try #require(reports.count >= 5 && !pages.isEmpty)
        let alterations = Self.alterations(reports: reports, customer: customer, pages: pages)
        #expect(alterations.count > 100)
        var (kept, refused) = (0, 0)
        for (number, alteration) in alterations.enumerated() {
            let folder = Scratch.folder("altered")
            try FileManager.default.copyItem(at: base, to: folder)
            let (store, _) = try JournalStore.open(at: folder.path, create: false)
            var repository = try Repository(formSet: formSet, store: store)
            var altered = repository.engine.state
            alteration.change(&altered)
            repository.engine = repository.engine.replacingState(with: altered)
            try repository.writeSnapshot()
            // The altered value is in the snapshot: read back as written, or refused as damaged when read.
            let (reopenedStore, _) = try JournalStore.open(at: folder.path, create: false)
            let reopened = try Repository(formSet: formSet, store: reopenedStore)
            let readBack = reopened.engine.state
            let same =
                altered.reports.changed.allSatisfy { readBack.reports[$0.key] == $0.value }
                && altered.customers.changed.allSatisfy { readBack.customers[$0.key] == $0.value }
                && altered.customerPages.changed.allSatisfy { readBack.customerPages[$0.key] == $0.value }
            if same { kept += 1 } else if reopened.isFaulty { refused += 1 }
            let environment = CommandEnvironment(variables: [
                "FORMWORK_CONFIG": Self.config, "FORMWORK_STORE": folder.path, "FORMWORK_NOW": Self.now,
            ])
            let report = reports[number % reports.count]
            let commands = Self.commands(report: report, customer: customer, store: folder.path)
            for offset in 0..<3 {
                let arguments = commands[(number * 3 + offset) % commands.count]
                let outcome = try CLI.run(arguments, environment: environment)
                // Any answer but a usage error (the test's own mistake) or an interruption; a trap ends the run.
                #expect(
                    ![.usage, .missingFile, .interrupted].contains(outcome.exitCode),
                    "\(alteration.name): formwork \(arguments.joined(separator: " ")) exited \(outcome.exitCode): \(outcome.stderr)"
                )
            }
            let verified = try CLI.run(["verify"], environment: environment)
            #expect(verified.exitCode == .ok, "\(alteration.name): \(verified.stdout) \(verified.stderr)")
            try FileManager.default.removeItem(at: folder)
        }
        // Both ways are tried: values the codec accepts reach the commands, the others are refused on reading.
        #expect(kept > 20 && refused > 20 && kept + refused == alterations.count, "kept \(kept), refused \(refused)")
    }
}
