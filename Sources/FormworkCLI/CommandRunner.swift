import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkPersistence
import FormworkStore
import Foundation

/// The shared path of the commands that act on reports: open the session, build the engine command
/// at the session's time, run it, and turn the outcome into output and an exit code.
enum CommandRunner {
    /// The longest `--request-id`, in UTF-8 bytes: the store's limit for a command id.
    static let longestRequestID = 256

    /// Runs a writing command. `make` checks the command-line input and returns how to build the
    /// engine command at the given time from the engine's current state.
    static func write(
        _ options: SessionOptions, in environment: CommandEnvironment, actor: PersonID?, requestID: String?,
        make: (Timestamp) -> Result<(Engine) -> Command, SessionFailure>,
        describe: (Session, [Event]) -> String,
        check: (Engine) -> SessionFailure? = { _ in nil }
    ) -> CommandOutcome {
        let time: Timestamp
        switch options.time(in: environment) {
        case .success(let now): time = now
        case .failure(let failure): return failure.outcome
        }
        // The command line's input is checked before the store is touched: bad input writes nothing.
        if let requestID, requestID.unicodeScalars.contains("\u{FFFD}") {
            // Bytes that are not UTF-8 reach the program repaired, so two different ids could read as one.
            return SessionFailure(.usage, "formwork: --request-id must be valid UTF-8 text").outcome
        }
        if let requestID, requestID.isEmpty || requestID.utf8.count > Self.longestRequestID {
            // The store keeps the id with the batch, in at most 256 bytes.
            return SessionFailure(
                .usage,
                "formwork: --request-id must have 1 to \(Self.longestRequestID) bytes of UTF-8 (it has "
                    + "\(requestID.utf8.count)); leave it out and one is made"
            ).outcome
        }
        let build: (Engine) -> Command
        switch make(time) {
        case .success(let builder): build = builder
        case .failure(let failure): return failure.outcome
        }
        let id = requestID ?? environment.newRequestID()
        let clocked = options.readsClock(in: environment)
        /// Opens the session and runs the command in it.
        func run(createStore: Bool) -> (Session?, Result<[Event], WriteFailure>) {
            var session: Session
            switch Session.open(options, in: environment, createStore: createStore, trial: !createStore) {
            case .success(let opened): session = opened
            case .failure(let failure): return (nil, .failure(.session(failure)))
            }
            if let failure = check(session.engine) { return (session, .failure(.session(failure))) }
            let result = withoutActuallyEscaping(make) { make in
                // On the clock the command happens when it is decided: when another writer came first and the
                // command is decided again on the state it left, it happens later than this process started, not
                // before that writer's events (which the engine would refuse as out of order).
                session.run(actor: actor, commandID: id) { engine in
                    guard clocked, case .success(let builder) = make(environment.clock()) else { return build(engine) }
                    return builder(engine)
                }
            }
            return (session, result.mapError { .command($0) })
        }
        // A store that does not exist yet is made only for a command that writes: the command is decided on the
        // empty state first (in memory), so that a refusal leaves no store behind.
        if !FileManager.default.fileExists(atPath: options.storePath(in: environment) + "/format.json") {
            let (trial, result) = run(createStore: false)
            switch result {
            case .failure, .success([]):
                // Refused, or nothing to record (a tick with nothing due): no store is made for that.
                return output(of: result, in: trial, options: options, describe: describe)
            case .success: break
            }
        }
        let (session, result) = run(createStore: true)
        defer { environment.outlive(session) }
        return output(of: result, in: session, options: options, describe: describe)
    }

    /// A refusal as output (`--json`: one object on stderr) with its exit code, after the session's warnings.
    static func refusal(_ refusal: Refusal, warnings: [String], options: SessionOptions) -> CommandOutcome {
        let exit = FormworkExit(rawValue: refusal.category.exitCode) ?? .failed
        if options.json {
            return CommandOutcome(stderr: JSONOutput.encode(RefusalOutput(refusal: refusal)), exitCode: exit)
        }
        return CommandOutcome(stderr: warnings.joinedLines + Render.refusal(refusal), exitCode: exit)
    }

    /// Why a write did not happen: the session could not start or the check refused, or the command failed.
    enum WriteFailure: Error {
        case session(SessionFailure)
        case command(CommandFailure)
    }

    /// A write's outcome as output and an exit code, after the session's warnings.
    private static func output(
        of result: Result<[Event], WriteFailure>, in session: Session?, options: SessionOptions,
        describe: (Session, [Event]) -> String
    ) -> CommandOutcome {
        let warnings = session?.warnings ?? []
        switch result {
        case .success(let events):
            guard let session else { return CommandOutcome() }
            if options.json {
                return CommandOutcome(
                    stdout: JSONOutput.encode(WriteResult(events: events, head: session.head.seq)),
                    stderr: warnings.joinedLines)
            }
            return CommandOutcome(stdout: describe(session, events), stderr: warnings.joinedLines)
        case .failure(.session(let failure)):
            return failure.outcome.prefixed(warnings)
        case .failure(.command(.refused(let refusal))):
            return Self.refusal(refusal, warnings: warnings, options: options)
        case .failure(.command(.store(let error))):
            return SessionFailure(error).outcome
        }
    }

    /// Opens a session for reading only (no store is created; an absent store reads as empty).
    /// `untimedAtLatestEvent`: without `--now`, read at the store's latest event rather than at the clock (a report
    /// of a copied store then says the same every day); an empty store is read at the clock.
    static func read(
        _ options: SessionOptions, in environment: CommandEnvironment, untimedAtLatestEvent: Bool = false,
        body: (Session, Timestamp) -> CommandOutcome
    ) -> CommandOutcome {
        var time: Timestamp
        switch options.time(in: environment) {
        case .success(let now): time = now
        case .failure(let failure): return failure.outcome
        }
        switch Session.open(options, in: environment, createStore: false) {
        case .success(var session):
            if untimedAtLatestEvent, !options.givesTime(in: environment), let latest = session.engine.state.clock {
                time = latest
            }
            var outcome = body(session.reading(at: time), time)
            // What was read through a damaged snapshot value may be missing entities: read again, from the journal.
            do {
                if try session.rebuiltAfterFaultyRead() { outcome = body(session.reading(at: time), time) }
            } catch {
                return SessionFailure(error).outcome.prefixed(session.warnings)
            }
            outcome.stderr = session.warnings.joinedLines + outcome.stderr
            environment.outlive(session)
            return outcome
        case .failure(let failure): return failure.outcome
        }
    }
}

/// `--json` output of a command that wrote.
struct WriteResult: Encodable {
    var version = 1
    var events: [Event]
    var head: UInt64
}

/// `--json` output of a refusal, on stderr.
struct RefusalOutput: Encodable {
    var version = 1
    var refusal: Refusal
}

enum JSONOutput {
    /// Pretty, key-sorted JSON with a final newline.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension SessionFailure {
    /// The failure as output: its message on stderr and its exit code.
    var outcome: CommandOutcome {
        CommandOutcome(stderr: message.hasSuffix("\n") ? message : message + "\n", exitCode: exit)
    }
}

extension CommandOutcome {
    func prefixed(_ lines: [String]) -> CommandOutcome {
        var copy = self
        copy.stderr = lines.joinedLines + stderr
        return copy
    }
}

extension [String] {
    /// Each line followed by a newline; empty for no lines.
    var joinedLines: String { map { $0 + "\n" }.joined() }
}

extension CommandEnvironment {
    /// A fresh idempotency id for a request that did not bring one.
    func newRequestID() -> String { UUID().uuidString.lowercased() }
}
