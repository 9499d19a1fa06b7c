public import ArgumentParser
import FormworkDefinitions
import FormworkEngine
import FormworkStore
import FormworkText
import Foundation

/// `formwork verify`: check the whole journal's chain and checksums.
public struct VerifyCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check every record of the store: checksums, sequence and hash chain.",
        discussion: "Exit codes: 0 intact; 1 a record is damaged (the first bad one is named); 66 no store; 74 I/O.")
    @OptionGroup public var session: SessionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    /// How many records the scan for published form sets reads at a time.
    static let page = 16_384

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        let path = session.storePath(in: environment)
        do {
            let (store, warnings, report, openProblem) = try Self.check(path)
            var problem = report.problem.map { "\($0)" } ?? openProblem
            let text = warnings.map { "formwork: warning: \($0)\n" }.joined()
            var formSets = 0
            if problem == nil, let store {
                (formSets, problem) = try verifyFormSets(store, at: path, in: environment)
            }
            if session.json {
                return CommandOutcome(
                    stdout: JSONOutput.encode(
                        Versioned(
                            ok: problem == nil, records: report.recordCount, head: report.head.seq,
                            formSets: formSets, segments: report.segments, segmentBytes: report.segmentBytes,
                            problem: problem)), stderr: text,
                    exitCode: problem == nil ? .ok : .failed)
            }
            var summary =
                problem.map { "damaged: \($0)" }
                ?? "intact: \(report.recordCount) records, chain verified up to seq \(report.head.seq) (\(report.head.hash.prefix(12)))"
            if problem == nil && formSets > 0 {
                summary += "; \(formSets) form-set version\(formSets == 1 ? "" : "s") verified"
            }
            if problem == nil && report.segments > 1 {
                summary +=
                    "; the snapshot's \(report.segments) segments hold \(CompactCommand.size(report.segmentBytes)) "
                    + "('formwork compact' merges them)"
            }
            return CommandOutcome(stdout: summary + "\n", stderr: text, exitCode: problem == nil ? .ok : .failed)
        } catch {
            return SessionFailure(error).outcome
        }
    }

    /// The store at `path` opened and verified; or, when it refuses to open as damaged, verified without being
    /// opened for writing, so that the first damaged record is named (exit 1) as for damage the opening did not
    /// reach (with the opening's refusal when that finds nothing).
    static func check(
        _ path: String
    ) throws(StoreError) -> (JournalStore?, [StoreWarning], VerifyReport, String?) {
        do {
            let (store, warnings) = try JournalStore.open(at: path, create: false)
            return (store, warnings, try store.verify(), nil)
        } catch  where error.code == .corrupt {
            return (nil, [], try JournalStore.verify(at: path), "\(error)")
        }
    }

    struct Versioned: Encodable {
        var version = 1
        var ok: Bool
        var records: UInt64
        var head: UInt64
        var formSets: Int
        var segments: Int
        var segmentBytes: Int
        var problem: String?
    }

    /// Every form-set version kept in the store (each one published, and each one proposed) loads
    /// and its files still make that version. Returns how many were checked, or the first problem.
    func verifyFormSets(
        _ store: JournalStore, at path: String, in environment: CommandEnvironment
    ) throws(StoreError)
        -> (Int, String?)
    {
        let archive = FormSetArchive(store: path)
        var published: [String: UInt64] = [:]
        let marker = Array(#""kind":"form-set-published""#.utf8)
        let decoder = JSONDecoder()
        // A page at a time: a large journal is never held whole.
        try store.forEachPage(after: 0, pageSize: Self.page) { page in
            for record in page where Self.holds(record.body, marker) {
                if case .formSetPublished(let body)? = try? decoder.decode(Event.self, from: Data(record.body)) {
                    published[body.version] = record.seq
                }
            }
        }
        let kept = ((try? FileManager.default.contentsOfDirectory(atPath: archive.folder)) ?? []).filter {
            !$0.hasPrefix(".")
        }
        for version in Set(kept).union(published.keys).sorted() {
            let named = published[version].map { " (published at seq \($0))" } ?? ""
            guard let folder = try? archive.manifestFolder(of: version) else {
                return (0, "form-set version \(version.prefix(12))\(named) is missing from '\(archive.folder)'")
            }
            switch Session.loadFormSet(folder, in: environment) {
            case .failure:
                return (0, "form-set version \(version.prefix(12))\(named) in '\(folder)' does not load")
            case .success(let loaded) where loaded.formSet.version != version:
                return (0, "form-set version \(version.prefix(12))\(named) in '\(folder)' was altered")
            case .success: continue
            }
        }
        return (Set(kept).union(published.keys).count, nil)
    }

    /// Whether `bytes` hold `marker` (`ByteSearch`: the standard library's generic search took 35 s over the
    /// 632,000 records of a store of 100,000 reports).
    static func holds(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool { ByteSearch.contains(bytes, marker) }
}

/// `formwork compact`: the snapshot's segments merged into one, off the store's lock.
public struct CompactCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compact", abstract: "Merge the store's snapshot segments into one, while commands go on.",
        discussion: "Exit codes: 0 merged, or nothing to merge; 65 a damaged segment; 66 no store; 74 I/O; 75 busy.")
    @OptionGroup public var session: SessionOptions
    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        do {
            let (store, warnings) = try JournalStore.open(at: session.storePath(in: environment), create: false)
            let done = try store.compact()
            let stderr = warnings.map { "formwork: warning: \($0)\n" }.joined()
            if session.json {
                return CommandOutcome(
                    stdout: JSONOutput.encode(
                        Versioned(
                            merged: done.merged, mergedBytes: done.mergedBytes, segment: done.segment,
                            bytes: done.bytes, values: done.values)), stderr: stderr)
            }
            guard let segment = done.segment else {
                return CommandOutcome(
                    stdout: "nothing to compact: the snapshot names one segment or none\n", stderr: stderr)
            }
            return CommandOutcome(
                stdout:
                    "compacted: \(done.merged.count) segments (\(Self.size(done.mergedBytes))) merged into \(segment) "
                    + "(\(Self.size(done.bytes)), \(done.values) values)\n", stderr: stderr)
        } catch {
            return SessionFailure(error).outcome
        }
    }

    /// Bytes in the largest unit that keeps them at 1 or more: `812 B`, `3.4 MB`, `1.55 GB`.
    static func size(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: value < 10 ? "%.2f" : "%.1f", value) + " " + units[unit]
    }

    struct Versioned: Encodable {
        var version = 1
        var merged: [String]
        var mergedBytes: Int
        var segment: String?
        var bytes: Int
        var values: Int
    }
}

/// `formwork log`: the journal's records, oldest first.
public struct LogCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Print the store's records: sequence, time, actor and kind.")
    @Option(help: "Only records after this sequence number.") public var after: UInt64 = 0
    @Option(help: "At most this many records.") public var limit: Int?
    @OptionGroup public var session: SessionOptions
    public init() {}

    /// Prints each page as it is read, so that the log of a large store never sits in memory whole.
    public func run() throws {
        // Pages are written as they are read; after a failed write the rest is not tried.
        var failed: Int32?
        let outcome = execute(in: .current()) { page in
            if failed == nil { failed = Console.show(page, to: 1) }
        }
        try Console.finish(outcome, failedEarlier: failed)
    }

    /// How many records are read and printed at a time.
    static let page = 4_096

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        var printed = ""
        var outcome = execute(in: environment) { printed += $0 }
        outcome.stdout = printed + outcome.stdout
        return outcome
    }

    /// Hands `print` the lines a page at a time; a damaged record found on the way ends the command with
    /// its error after the pages before it.
    public func execute(in environment: CommandEnvironment, print: (String) -> Void) -> CommandOutcome {
        let path = session.storePath(in: environment)
        do {
            let (store, _) = try JournalStore.open(at: path, create: false)
            var bytes: [UInt8] = []
            var listed = 0
            try store.forEachPage(after: after, limit: limit ?? .max, pageSize: Self.page) { page in
                bytes.removeAll(keepingCapacity: true)
                for record in page { append(record, to: &bytes) }
                listed += page.count
                print(String(decoding: bytes, as: UTF8.self))
            }
            // Having listed to the journal's end, the log checks that the journal holds every record a snapshot
            // was taken after: a journal cut at a batch boundary reads as a shorter, intact one, and its lost
            // records are found only this way (as every other command finds them before it starts).
            if listed < limit ?? .max { _ = try store.latestSnapshot() }
            return CommandOutcome()
        } catch {
            return SessionFailure(error).outcome
        }
    }

    /// One record's line: tab-separated, or with `--json` one object with the event embedded as stored (the
    /// store checked it is one JSON object; the other fields are escaped, since nothing read from disk is
    /// trusted).
    private func append(_ record: StoredRecord, to out: inout [UInt8]) {
        guard session.json else {
            out.append(contentsOf: "\(record.seq)\t\(record.time)\t\(record.actor)\t\(record.kind)\n".utf8)
            return
        }
        out.append(contentsOf: #"{"seq":"#.utf8)
        out.append(contentsOf: String(record.seq).utf8)
        out.append(contentsOf: #","time":"#.utf8)
        JSONString.append(record.time, to: &out)
        out.append(contentsOf: #","actor":"#.utf8)
        JSONString.append(record.actor, to: &out)
        out.append(contentsOf: #","kind":"#.utf8)
        JSONString.append(record.kind, to: &out)
        out.append(contentsOf: #","event":"#.utf8)
        out.append(contentsOf: record.body)
        out.append(contentsOf: "}\n".utf8)
    }
}
