public import ArgumentParser
import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkReports
import Foundation

/// `formwork report KIND`: the management reports of a store, for sales meetings, reviews and
/// evaluations (docs/reports.md).
public struct ManagementReportCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Management reports: activity, reviews, funnel, targets, or a rep's meeting pack.",
        discussion: """
            KIND is one of: activity (reports filed per rep, region and form; on time; returned and \
            rejected shares), reviews (per supervisor: reviewed, median and p90 hours to sign, overdue \
            now, escalations, substantive opinions), funnel (customers per stage, conversion, days in \
            stage, stalled customers), targets (deals, units, revenue and profit against the org's \
            targets; the 120% coverage rule), meeting-pack (one rep's reports and every opinion, in \
            order; needs --person). "Now" is --now, else the store's latest event. See docs/reports.md.

            --format html writes one self-contained page (inline CSS, no script, nothing loaded) with \
            an SVG chart beside its table: customers per stage and conversion (funnel), hours to sign \
            per reviewer with median and p90 (reviews), revenue against target and the 120% rule \
            (targets), reports per rep and form (activity). Open it in a browser or attach it to mail.

            Reading a store of more than 2,000 reports shows its progress on standard error when that \
            is a terminal.

            Exit codes: 0 ok; 64 usage; 65 the form set has errors or the store is damaged; 66 no \
            manifest, or no store at --store (a folder without format.json is not a store); 74 the store \
            or --out cannot be read or written.
            """)

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, csv, json, markdown, html
    }

    @Argument(help: "activity, reviews, funnel, targets or meeting-pack.") public var kind: String
    @Option(help: "The period: 2026, 2026-Q1, 2026-11 or 2026-01-05..2026-03-27.") public var period: String?
    @Option(help: "The period's first day (YYYY-MM-DD), instead of --period.") public var from: String?
    @Option(help: "The period's last day (YYYY-MM-DD), instead of --period.") public var to: String?
    @Option(help: "Only this region's people.") public var region: String?
    @Option(help: "Only this person (the rep, or the reviewer in 'reviews').") public var person: String?
    @Option(
        help:
            "text (aligned tables), csv (one table), json (stable, versioned), markdown, or html (one page with charts)."
    )
    public var format: Format = .text
    @Option(help: "With csv: the table to write (default: the first). Ids are in the JSON output.")
    public var table: String?
    @Option(help: "Days in a stage after which a customer counts as stalled (funnel).") public var stalledDays = 30
    @Option(help: "Write the report to this file instead of standard output.") public var out: String?
    @OptionGroup public var session: SessionOptions

    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    public func validate() throws {
        guard ReportKind(rawValue: kind) != nil else {
            throw ValidationError(
                "KIND must be one of \(ReportKind.allCases.map(\.rawValue).joined(separator: ", ")), not '\(kind)'")
        }
        if period != nil && (from != nil || to != nil) {
            throw ValidationError("give --period, or --from and --to, not both")
        }
        if let period, ReportPeriod(parsing: period) == nil {
            throw ValidationError(
                "--period must be like 2026, 2026-Q1, 2026-11 or 2026-01-05..2026-03-27, not '\(period)'")
        }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, LocalDate(value) == nil { throw ValidationError("\(name) must be a date like 2026-11-01") }
        }
        if let start = from.flatMap(LocalDate.init), let end = to.flatMap(LocalDate.init), end < start {
            throw ValidationError("--to must not be before --from")
        }
        if kind == ReportKind.meetingPack.rawValue && person == nil {
            throw ValidationError("meeting-pack needs --person (the rep the meeting is with)")
        }
        if stalledDays < 0 { throw ValidationError("--stalled-days must not be negative") }
        if table != nil && format != .csv { throw ValidationError("--table goes with --format csv") }
    }

    /// The period from `--period` or `--from`/`--to`; nil for every report.
    var reportPeriod: ReportPeriod? {
        if let period { return ReportPeriod(parsing: period) }
        guard from != nil || to != nil else { return nil }
        let start = from.flatMap(LocalDate.init) ?? LocalDate(year: 1, month: 1, day: 1)
        let end = to.flatMap(LocalDate.init) ?? LocalDate(year: 9999, month: 12, day: 31)
        guard let start, let end else { return nil }
        return ReportPeriod(start: start, end: end, description: "\(from ?? "")..\(to ?? "")")
    }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        guard let kind = ReportKind(rawValue: kind) else {
            return CommandOutcome(stderr: "formwork: unknown report kind '\(self.kind)'\n", exitCode: .usage)
        }
        let format = session.json ? .json : format
        // A report of a store that is not there would be a page of zeros: a mistyped path must not pass for that.
        let store = self.session.storePath(in: environment)
        guard FileManager.default.fileExists(atPath: store) else {
            return CommandOutcome(
                stderr:
                    "formwork: no store at '\(environment.displayPath(store))': nothing was filed there to report on\n",
                exitCode: .missingFile)
        }
        return CommandRunner.read(session, in: environment, untimedAtLatestEvent: true) { session, time in
            let org = session.formSet.org
            if let region, org?.regions.contains(where: { $0.id.value.rawValue == region }) != true {
                return CommandOutcome(stderr: "formwork: no region '\(region)' in the org\n", exitCode: .usage)
            }
            if let person, org?.person(PersonID(person)) == nil {
                return CommandOutcome(stderr: "formwork: no person '\(person)' in the org\n", exitCode: .usage)
            }
            let state = session.engine.state
            // `--now`, else the store's latest event (the reminders and escalations due by then counted in).
            let asOf = time
            let scope = ReportScope(
                period: reportPeriod, region: region.map { RegionID($0) }, person: person.map { PersonID($0) },
                asOf: asOf, stalledDays: stalledDays)
            // Each report is read into the parts the kind reads (a million whole reports took 6 GB).
            let reading = ReportReading(kind, formSet: session.formSet, scope: scope)
            let input = ReportInput(
                formSet: session.formSet,
                reports: Self.read(state.reports, as: "reports", in: environment, keeping: reading.keep),
                customers: reading.readsCustomers
                    ? Self.read(state.customers, as: "customers", in: environment, keeping: reading.keep) : [],
                scope: scope)
            let report = ManagementReports.make(kind, from: input)
            let text: String
            switch format {
            case .text: text = ReportRenderer.text(report)
            case .markdown: text = ReportRenderer.markdown(report)
            case .csv:
                guard let chosen = table.map({ id in report.tables.first { $0.id == id } }) ?? report.tables.first
                else {
                    let ids = report.tables.map(\.id).joined(separator: ", ")
                    return CommandOutcome(
                        stderr: "formwork: no table '\(table ?? "")' in \(kind.rawValue); its tables: \(ids)\n",
                        exitCode: .usage)
                }
                text = ReportRenderer.csv(chosen)
            case .json:
                do {
                    text = try ReportRenderer.json(report)
                } catch {
                    return CommandOutcome(stderr: "formwork: cannot encode the report: \(error)\n", exitCode: .ioError)
                }
            case .html:
                do {
                    text = try ReportRenderer.html(report)
                } catch {
                    return CommandOutcome(stderr: "formwork: cannot render the report: \(error)\n", exitCode: .ioError)
                }
            }
            // `--out -` is standard output, as for most tools.
            guard let out, out != "-" else { return CommandOutcome(stdout: text) }
            guard !out.isEmpty else {
                return CommandOutcome(
                    stderr: "formwork: --out needs a file name ('-' for standard output)\n", exitCode: .usage)
            }
            let path = environment.displayPath(out)
            do {
                try Self.write(text, to: out)
            } catch {
                return CommandOutcome(
                    stderr: "formwork: cannot write '\(path)': \(Self.reason(error))\n", exitCode: .ioError)
            }
            return CommandOutcome(stderr: "wrote \(kind.rawValue) report to \(path)\n")
        }
    }

    /// Writes `text` to `--out`: a file is replaced whole (a temp file renamed over it, so a reader never
    /// sees half a report), through a symbolic link to it if that is what `path` is (the link stays); anything
    /// else that is there (a pipe, a terminal, `/dev/stdout`, process substitution's `/dev/fd/N`) is written to
    /// as it is, never replaced.
    static func write(_ text: String, to path: String) throws {
        var status = stat()
        // `stat` follows links: what matters is what the path leads to.
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            defer { close(descriptor) }
            if let failed = Console.show(text, to: descriptor) {
                throw POSIXError(POSIXErrorCode(rawValue: failed) ?? .EIO)
            }
            return
        }
        var target = path
        if let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        } else if errno == ELOOP {
            throw POSIXError(.ELOOP)
        } else if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
            // A link to a file that does not exist yet: the file is made where the link points.
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(path, &buffer, buffer.count - 1)
            guard length > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let destination = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            target =
                destination.hasPrefix("/")
                ? destination
                : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
    }

    /// Why a write failed, in the system's words (not Foundation's error dump).
    static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }

    /// What `keep` answers for every value of a map, with a progress line while a large store is read (on a
    /// terminal only).
    static func read<Key, Value>(
        _ map: EntityMap<Key, Value>, as noun: String, in environment: CommandEnvironment,
        keeping keep: @escaping Keeping<Value> = { $0 }
    ) -> [Value] {
        guard let line = environment.progress("reading \(noun)") else {
            return map.values(progress: nil, keeping: keep)
        }
        defer { line.finish() }
        return map.values(progress: line.update, keeping: keep)
    }
}
