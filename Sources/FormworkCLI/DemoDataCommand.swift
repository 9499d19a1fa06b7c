public import ArgumentParser
import FormworkAudit
import FormworkDefinitions
import FormworkDiagnostics
import FormworkEngine
import FormworkLanguage
import FormworkPersistence
import FormworkReports
import FormworkStore
import Foundation

/// `formwork demo-data`: a realistic store for demos, tests and benchmarks, made deterministically
/// by simulating weeks of work through the real engine and written through the real store.
public struct DemoDataCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Generate a realistic store: an invented org on the shipped B2B forms, and days of simulated work.",
        discussion: """
            Copies the shipped form set (--form-set, default: the current folder) into --config with a \
            generated org of --reps reps (teams of four to nine, up to four regions, one director) and \
            quarterly targets, then simulates --days days of reports, decisions, returns, late reviews \
            and escalations through the engine (the usage simulator of 'formwork audit'), and writes \
            them to the store (default CONFIG/.formwork-store). The same options always give the same \
            store. Then: formwork report reviews --config CONFIG.

            Exit codes: 0 ok; 64 usage (including a config or store folder that is not empty, as for \
            'formwork init'); 65 the form set has errors; 66 no manifest at --form-set; 74 I/O error.
            """)

    @Option(help: "Reps in the generated org (1 to 2000).") public var reps = 50
    @Option(help: "Days simulated (1 to 730).") public var days = 90
    @Option(help: "The seed: the same seed gives the same store.") public var seed: UInt64 = 1
    @Option(help: "The first day simulated (YYYY-MM-DD).") public var start = "2026-01-05"
    @Option(help: "The form set to copy (the shipped B2B set).") public var formSet = "."
    @Option(help: "The folder to write the form set and org to (must not exist or be empty).")
    public var config = "formwork-demo"
    @Option(help: "The store folder (default: CONFIG/.formwork-store; must not exist or be empty).")
    public var store: String?

    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    public func validate() throws {
        guard (1...2000).contains(reps) else { throw ValidationError("--reps must be from 1 to 2000") }
        guard (1...730).contains(days) else { throw ValidationError("--days must be from 1 to 730") }
        guard let first = LocalDate(start) else { throw ValidationError("--start must be a date like 2026-01-05") }
        // Whole years of four digits for the org's periods and targets, and every simulated day a date.
        guard first.year >= 1000, let last = first.adding(days: days - 1), last.year <= 9998 else {
            throw ValidationError("--start and --days must keep the simulation between the years 1000 and 9998")
        }
    }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        guard let first = LocalDate(start) else {
            return CommandOutcome(stderr: "formwork: bad --start\n", exitCode: .usage)
        }
        let storePath = store ?? config + "/.formwork-store"
        let files = FileManager.default
        for folder in [config, storePath] where !((try? files.contentsOfDirectory(atPath: folder))?.isEmpty ?? true) {
            return CommandOutcome(
                stderr: "formwork: '\(folder)' is not empty; remove it or choose another folder\n", exitCode: .usage)
        }
        let manifest = formSet + "/formwork.yaml"
        guard let manifestText = try? String(contentsOfFile: manifest, encoding: .utf8) else {
            return CommandOutcome(
                stderr: "formwork: no manifest at '\(manifest)'; run from the repository or pass --form-set\n",
                exitCode: .missingFile)
        }
        // The files to copy: every file the form set loads, at its place under the manifest's folder; its org
        // file, if it has one, is where the invented org goes (else `org.yaml`, added to the includes).
        let source: FormSet
        switch load(formSet, what: "the form set at --form-set") {
        case .success(let loaded): source = loaded
        case .failure(let failure): return failure.outcome
        }
        let base = URL(fileURLWithPath: formSet).standardizedFileURL.path
        func relative(_ file: String) -> String {
            PathName.relative(URL(fileURLWithPath: file).standardizedFileURL.path, to: base)
        }
        let orgFile = source.org.map { relative($0.file) }
        let copies = source.files.dropFirst().map(relative).filter { $0 != orgFile }
        if let outside = copies.first(where: { $0 == ".." || $0.hasPrefix("../") }) {
            return CommandOutcome(
                stderr: "formwork: demo-data copies a form set whose files are all inside its folder; "
                    + "'\(outside)' is outside '\(formSet)'\n",
                exitCode: .usage)
        }
        var org = DemoOrg(reps: reps, seed: seed)
        if let file = source.org?.file, let text = try? String(contentsOfFile: file, encoding: .utf8),
            let volumes = DemoOrg.volumesBlock(of: text)
        {
            org.volumes = volumes
        }
        let orgPath = config + "/" + (orgFile ?? "org.yaml")
        // What this command made, removed again when it fails: it never leaves half a company behind.
        let made = [config, storePath].filter { !files.fileExists(atPath: $0) }
        func failed(_ outcome: CommandOutcome) -> CommandOutcome {
            for folder in [config, storePath] {
                if made.contains(folder) {
                    try? files.removeItem(atPath: folder)
                } else {
                    for name in (try? files.contentsOfDirectory(atPath: folder)) ?? [] {
                        try? files.removeItem(atPath: folder + "/" + name)
                    }
                }
            }
            return outcome
        }
        // 1. The form set with the org, without targets: the simulation's definitions.
        do {
            try files.createDirectory(atPath: config, withIntermediateDirectories: true)
            for file in copies {
                let target = config + "/" + file
                try files.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try files.copyItem(atPath: base + "/" + file, toPath: target)
            }
            var text = manifestText
            if orgFile == nil {
                if !text.hasSuffix("\n") { text += "\n" }
                text += "  - org.yaml\n"
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: config + "/formwork.yaml"))
            try files.createDirectory(
                atPath: (orgPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(org.yaml(targets: "").utf8).write(to: URL(fileURLWithPath: orgPath))
        } catch {
            return failed(CommandOutcome(stderr: "formwork: cannot write '\(config)': \(error)\n", exitCode: .ioError))
        }
        let definitions: FormSet
        switch load(config) {
        case .success(let loaded): definitions = loaded
        case .failure(let failure): return failed(failure.outcome)
        }
        // 2. The simulation through the engine.
        let result = UsageGenerator(
            formSet: definitions, scenario: UsageScenario(seed: seed, start: first, days: days)
        ).run()
        // 3. Targets around what was achieved, then the final org.
        let dealForms = DealFigures.dealForms(of: definitions)
        var actual: [String: [String: DealFigures]] = [:]
        var quarters: [String] = []
        for offset in 0..<days {
            guard let date = first.adding(days: offset) else { break }
            let quarter = "\(date.year)-Q\((date.month - 1) / 3 + 1)"
            if quarters.last != quarter { quarters.append(quarter) }
        }
        let input = ReportInput(
            formSet: definitions, reports: result.engine.state.reports.values, customers: [],
            scope: ReportScope(asOf: result.end))
        for report in input.reports {
            guard let deal = DealFigures(report, dealForms: dealForms), let approved = report.approvedAt,
                let date = input.localDate(of: approved)
            else { continue }
            actual["\(date.year)-Q\((date.month - 1) / 3 + 1)", default: [:]][
                report.submitter.rawValue, default: DealFigures()
            ]
            .add(deal)
        }
        let targets = org.targets(quarters: quarters, actual: actual, seed: seed)
        do {
            try Data(org.yaml(targets: targets).utf8).write(to: URL(fileURLWithPath: orgPath))
        } catch {
            return failed(CommandOutcome(stderr: "formwork: cannot write '\(orgPath)': \(error)\n", exitCode: .ioError))
        }
        let final: FormSet
        switch load(config) {
        case .success(let loaded): final = loaded
        case .failure(let failure): return failed(failure.outcome)
        }
        // 4. The events into the store, in batches, then a snapshot so that commands open fast.
        do {
            let (journal, _) = try JournalStore.open(at: storePath, create: true)
            var batch: [RecordDraft] = []
            var number = 0
            for (index, event) in result.events.enumerated() {
                batch += try Repository.drafts(for: [event], actor: Self.actor(of: event))
                if batch.count >= 1024 || index == result.events.count - 1 {
                    number += 1
                    _ = try journal.append(batch, commandID: "demo-data-\(seed)-\(number)")
                    batch = []
                }
            }
            var repository = try Repository(formSet: final, store: journal)
            try repository.writeSnapshot()
        } catch {
            return failed(SessionFailure(error).outcome)
        }
        let people = org.members.count
        return CommandOutcome(
            stdout: """
                wrote \(result.submitted) reports, \(result.decisions) decisions, \(result.events.count) events \
                to \(storePath)
                org: \(reps) reps, \(people - reps - 1) supervisors, 1 director in \(org.regionCount) regions; \
                \(days) days from \(first), seed \(seed); form set in \(config)
                try: formwork report reviews --config \(config)

                """)
    }

    /// The form set at `path`, or the failure to show (its diagnostics).
    private func load(_ path: String, what: String? = nil) -> Result<FormSet, SessionFailure> {
        let loaded = FormSetLoader().load(path)
        guard let formSet = loaded.formSet, !loaded.diagnostics.hasErrors else {
            let rendered = DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics)
            return .failure(
                SessionFailure(
                    loaded.manifestMissing ? .missingFile : .invalidData,
                    "formwork: \(what ?? "the generated form set at '\(path)'") has errors\n" + rendered))
        }
        return .success(formSet)
    }

    /// Who a journal record names as acting: the submitter, the signer or the reviser; else the system.
    static func actor(of event: Event) -> PersonID? {
        switch event {
        case .reportSubmitted(let body): body.submitter
        case .decisionRecorded(let body): body.signature.signer
        case .reportResubmitted(let body): body.by
        default: nil
        }
    }
}
