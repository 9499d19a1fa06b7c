public import FormworkLanguage
import Foundation

/// What a command may read from its surroundings, injected so that tests run commands in-process.
public struct CommandEnvironment: Sendable {
    public var variables: [String: String]
    public var stdoutIsTerminal: Bool
    public var stderrIsTerminal: Bool
    /// The current directory, as commands should show it.
    public var workingDirectory: String
    /// The time now; the only clock the CLI reads (the engine is given time, never reads it).
    public var clock: @Sendable () -> Timestamp
    /// Writes to standard error at once, while the command runs (progress lines), rather than with
    /// the outcome; nil when nothing may be written early (the default, so tests see only outcomes).
    public var liveStderr: (@Sendable (String) -> Void)?
    /// Work of more items than this shows a progress line (on a terminal).
    public var progressThreshold = 2_000
    /// Whether the process ends once the command's output is written (the `formwork` executable), so that what a
    /// command built need not be freed one object at a time (`outlive(_:)`); false in tests and other hosts.
    public var exitsAfterCommand = false

    public init(
        variables: [String: String] = [:], stdoutIsTerminal: Bool = false, stderrIsTerminal: Bool = false,
        workingDirectory: String = ".", clock: @escaping @Sendable () -> Timestamp = CommandEnvironment.systemClock,
        liveStderr: (@Sendable (String) -> Void)? = nil
    ) {
        self.variables = variables
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.workingDirectory = workingDirectory
        self.clock = clock
        self.liveStderr = liveStderr
    }

    /// A progress line for `label` on standard error, or nil when standard error is not a terminal
    /// (a pipe, a file, a test): only a person watching a terminal wants one.
    public func progress(_ label: String) -> ProgressLine? {
        guard stderrIsTerminal, let liveStderr else { return nil }
        return ProgressLine(label, threshold: progressThreshold, write: liveStderr)
    }

    /// Keeps `value` for the rest of the process when it ends after this command: freeing a session on the shipped
    /// set with an org of 500 reps (the form set, the catalogue, the state read) was ~5% of a command, and the
    /// process exits right after. Nothing in a session needs its deinitialisers to run (the store's files are
    /// closed by the exit; its locks are released before a command returns). Otherwise nothing happens.
    public func outlive<Value>(_ value: Value) {
        guard exitsAfterCommand else { return }
        _ = Unmanaged.passRetained(Kept(value))
    }

    /// The system clock, in UTC, to the second.
    public static let systemClock: @Sendable () -> Timestamp = {
        Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    /// `path` relative to the working directory when it lies inside it, so that diagnostics show
    /// short paths; other paths unchanged.
    public func displayPath(_ path: String) -> String {
        let base = workingDirectory.hasSuffix("/") ? String(workingDirectory.dropLast()) : workingDirectory
        guard path.hasPrefix("/"), base.hasPrefix("/") else { return path }
        if path == base { return "." }
        if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
        return path
    }

    /// Whether colour may be used on a stream: a terminal, `NO_COLOR` unset or empty, `TERM` not
    /// `dumb`, and not switched off with `--no-color` (clig.dev; no-color.org).
    public func allowsColor(onTerminal isTerminal: Bool, noColorFlag: Bool) -> Bool {
        guard isTerminal, !noColorFlag else { return false }
        if let value = variables["NO_COLOR"], !value.isEmpty { return false }
        return variables["TERM"] != "dumb"
    }
}

/// What a command produced: text for each stream and the exit code.
public struct CommandOutcome: Sendable, Equatable {
    public var stdout: String
    public var stderr: String
    public var exitCode: FormworkExit
    /// Whether the text carries Formwork's own colour sequences (a terminal asked for them): they are kept when
    /// the text is written out, while every other control character is shown escaped (`TerminalText`).
    public var styled: Bool

    public init(stdout: String = "", stderr: String = "", exitCode: FormworkExit = .ok, styled: Bool = false) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
        self.styled = styled
    }
}

/// A subcommand that runs against an injected environment and returns its output.
public protocol EnvironmentCommand {
    func execute(in environment: CommandEnvironment) -> CommandOutcome
}

/// A value held on purpose until the process exits (`CommandEnvironment.outlive(_:)`).
private final class Kept<Value> {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
