public import ArgumentParser
import FormworkDefinitions
import FormworkEngine
import FormworkPersistence
import FormworkStore
import Foundation

/// `formwork diff OLD NEW`: what changed between two versions of a form set, each change safe or
/// breaking for the reports already filed, with the reports in flight each one touches.
public struct DiffCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a form set: each change safe or breaking, with the reports it touches.",
        discussion: """
            OLD and NEW are form-set folders, or with --git two revisions of the folder given by \
            --config (NEW defaults to the working tree). Safe changes (labels, hints, new optional \
            fields, looser limits, new forms) never make a report in flight invalid; breaking ones \
            (removed fields or options, changed types, new required fields, tighter limits, changed \
            routing or gates) may. With --store (or FORMWORK_STORE), each breaking change counts the \
            pending and returned reports it touches. See docs/evolving-form-sets.md.

            Exit codes: 0 compared; 1 breaking changes with --fail-on breaking, or any change with \
            --fail-on any; 64 usage or an unknown git revision; 65 a version has errors; 66 no manifest.
            """)

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, json }
    public enum FailOn: String, ExpressibleByArgument, CaseIterable, Sendable { case never, breaking, any }

    @Argument(help: "The old version: a folder, or a git revision with --git.") public var old: String
    @Argument(help: "The new version: a folder, or a git revision with --git (default: the working tree).")
    public var new: String?
    @Flag(help: "Read OLD and NEW as git revisions of the --config folder.") public var git = false
    @Option(help: "With --git: the form-set folder (default: $FORMWORK_CONFIG, else the current folder).")
    public var config: String?
    @Option(help: "A store whose reports in flight to count (default: $FORMWORK_STORE, else none).")
    public var store: String?
    @Option(help: "text or json.") public var format: Format = .text
    @Flag(help: "Same as --format json.") public var json = false
    @Option(help: "Exit 1 on: never (default), breaking, or any change.") public var failOn: FailOn = .never

    public init() {}

    public func validate() throws {
        if !git && new == nil { throw ValidationError("give OLD and NEW folders, or --git REV [REV]") }
        if config != nil && !git { throw ValidationError("--config goes with --git") }
    }

    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        var checkouts = GitCheckouts()
        defer { checkouts.removeAll() }
        let oldPath: String
        let newPath: String
        if git {
            let folder = environment.displayPath(config ?? environment.variables["FORMWORK_CONFIG"] ?? ".")
            do {
                oldPath = try checkouts.checkout(old, folder: folder)
                newPath = try new.map { try checkouts.checkout($0, folder: folder) } ?? folder
            } catch {
                return CommandOutcome(stderr: "formwork: \(error)\n", exitCode: .usage)
            }
        } else {
            oldPath = environment.displayPath(old)
            newPath = environment.displayPath(new ?? ".")
        }
        let before: FormSet
        let after: FormSet
        switch Session.loadFormSet(oldPath, in: environment) {
        case .success(let loaded): before = loaded.formSet
        case .failure(let failure): return checkouts.display(failure.outcome)
        }
        switch Session.loadFormSet(newPath, in: environment) {
        case .success(let loaded): after = loaded.formSet
        case .failure(let failure): return checkouts.display(failure.outcome)
        }
        var listing = ChangeListing(changes: FormSetDiff.compare(before, after))
        listing.displayFile = { checkouts.display($0) }
        var notes = ""
        if let path = (store ?? environment.variables["FORMWORK_STORE"]).map(environment.displayPath) {
            guard FileManager.default.fileExists(atPath: path) else {
                if store != nil {
                    return CommandOutcome(stderr: "formwork: there is no store at '\(path)'\n", exitCode: .missingFile)
                }
                notes = "formwork: note: no store at '\(path)' (FORMWORK_STORE); reports in flight are not counted\n"
                return output(listing, before: before, after: after, notes: notes, paths: (oldPath, newPath))
            }
            do {
                let (journal, _) = try JournalStore.open(at: path, create: false)
                let repository = try Repository(formSet: after, store: journal)
                listing.inFlight = InFlight.count(listing.changes, in: repository.engine.state.reports.values)
            } catch {
                return CommandOutcome(
                    stderr: "formwork: cannot read the store '\(path)': \(error)\n", exitCode: .ioError)
            }
        }
        return output(listing, before: before, after: after, notes: notes, paths: (oldPath, newPath))
    }

    private func output(
        _ listing: ChangeListing, before: FormSet, after: FormSet, notes: String, paths: (old: String, new: String)
    ) -> CommandOutcome {
        let failed =
            switch failOn {
            case .never: false
            case .breaking: listing.breaking > 0
            case .any: !listing.changes.isEmpty
            }
        let exit: FormworkExit = failed ? .failed : .ok
        let oldName = git ? old : paths.old
        let newName = git ? (new ?? "working tree") : paths.new
        if json || format == .json {
            struct Output: Encodable {
                var version = 1
                var old: Side
                var new: Side
                var breaking: Int
                var safe: Int
                var changes: [ChangeListing.JSONChange]
            }
            struct Side: Encodable {
                var name: String
                var version: String
            }
            return CommandOutcome(
                stdout: JSONOutput.encode(
                    Output(
                        old: Side(name: oldName, version: before.version),
                        new: Side(name: newName, version: after.version), breaking: listing.breaking,
                        safe: listing.changes.count - listing.breaking, changes: listing.jsonChanges())),
                stderr: notes, exitCode: exit)
        }
        let header =
            "\(oldName) (version \(before.version.prefix(12))) → \(newName) (version \(after.version.prefix(12)))\n"
        return CommandOutcome(
            stdout: header + listing.text() + listing.summary() + "\n", stderr: notes, exitCode: exit)
    }
}

/// Revisions of a git repository extracted to temporary folders (`git archive`), removed afterwards.
struct GitCheckouts {
    private var folders: [(root: String, revision: String)] = []

    /// Extracts `revision` of the repository holding `folder`; returns the folder inside it.
    mutating func checkout(_ revision: String, folder: String) throws -> String {
        guard !revision.hasPrefix("-") else { throw ArchiveError("'\(revision)' is not a git revision") }
        let top = try Self.git(["rev-parse", "--show-toplevel"], in: folder)
        let prefix = try Self.git(["rev-parse", "--show-prefix"], in: folder)
        _ = try Self.git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: folder)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "formwork-diff-\(getpid())-\(folders.count)"
        ).path
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        folders.append((root, revision))
        _ = try Self.git(["archive", "--format=tar", "-o", root + "/rev.tar", revision], in: top)
        _ = try Self.run("/usr/bin/env", ["tar", "-xf", root + "/rev.tar", "-C", root], in: root)
        try? FileManager.default.removeItem(atPath: root + "/rev.tar")
        return prefix.isEmpty ? root : root + "/" + (prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix)
    }

    /// A path inside a checkout as `REV:path`.
    func display(_ path: String) -> String {
        for folder in folders where path.hasPrefix(folder.root + "/") {
            return folder.revision + ":" + path.dropFirst(folder.root.count + 1)
        }
        return path
    }

    func display(_ outcome: CommandOutcome) -> CommandOutcome {
        var copy = outcome
        for folder in folders {
            copy.stderr = copy.stderr.replacingOccurrences(of: folder.root + "/", with: folder.revision + ":")
        }
        return copy
    }

    mutating func removeAll() {
        for folder in folders { try? FileManager.default.removeItem(atPath: folder.root) }
        folders = []
    }

    static func git(_ arguments: [String], in folder: String) throws -> String {
        try run("/usr/bin/env", ["git", "-C", folder] + arguments, in: folder)
    }

    static func run(_ executable: String, _ arguments: [String], in folder: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let shown = arguments.dropFirst(arguments.first == "git" ? 3 : 0).joined(separator: " ")
            throw ArchiveError(
                "\(arguments.first ?? executable) \(shown) failed\(text.isEmpty ? "" : ": \(text)")")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
