public import ArgumentParser
import FormworkLanguage
import Foundation

/// Options shared by every command that reads the form set and the store.
public struct SessionOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("config"), help: "The form set folder (default: $FORMWORK_CONFIG, else the current folder).")
    public var config: String?

    @Option(
        name: .customLong("store"), help: "The store folder (default: $FORMWORK_STORE, else CONFIG/.formwork-store).")
    public var store: String?

    @Option(
        name: .customLong("now"),
        help: "Act as if it were this time, RFC 3339 (default: $FORMWORK_NOW, else the clock). For reproducible runs.")
    public var now: String?

    @Flag(name: .customLong("json"), help: "Print one versioned JSON object instead of text.")
    public var json = false

    public init() {}

    /// An empty `--config`, `--store` or `--now` is a mistake (a variable that was not set), not a folder or a
    /// time: refused rather than taken as the current folder, a path of nothing, or the clock.
    public func validate() throws {
        for (name, value) in [("--config", config), ("--store", store), ("--now", now)] where value?.isEmpty == true {
            throw ValidationError("\(name) is empty; give a value or leave the option out")
        }
    }

    /// The form set folder: the flag, else `FORMWORK_CONFIG`, else the current folder.
    func configPath(in environment: CommandEnvironment) -> String {
        environment.displayPath(config ?? environment.variables["FORMWORK_CONFIG"] ?? ".")
    }

    /// The store folder: the flag, else `FORMWORK_STORE`, else `.formwork-store` inside the form set folder.
    func storePath(in environment: CommandEnvironment) -> String {
        if let path = store ?? environment.variables["FORMWORK_STORE"] { return environment.displayPath(path) }
        let config = configPath(in: environment)
        return config == "." ? ".formwork-store" : config + "/.formwork-store"
    }

    /// Whether the command's time is the clock's (no `--now` or `FORMWORK_NOW`).
    func readsClock(in environment: CommandEnvironment) -> Bool {
        (now ?? environment.variables["FORMWORK_NOW"]).map(\.isEmpty) ?? true
    }

    /// Whether the time is given (`--now` or `FORMWORK_NOW`) rather than read from the clock.
    func givesTime(in environment: CommandEnvironment) -> Bool {
        !(now ?? environment.variables["FORMWORK_NOW"] ?? "").isEmpty
    }

    /// The time to act at, or a usage message when `--now` / `FORMWORK_NOW` is not RFC 3339.
    func time(in environment: CommandEnvironment) -> Result<Timestamp, SessionFailure> {
        guard let text = now ?? environment.variables["FORMWORK_NOW"], !text.isEmpty else {
            return .success(environment.clock())
        }
        guard let time = Timestamp(text) else {
            return .failure(
                SessionFailure(
                    .usage, "--now / FORMWORK_NOW must be a time like 2026-03-02T09:30:00+08:00, not '\(text)'"))
        }
        // A day away from both ends of the calendar, so that the time is a date in every time zone (a form
        // set's calendar could otherwise put it in year 10000, or before year 1).
        guard let earliest = Self.earliestNow, let latest = Self.latestNow,
            time.secondsSinceEpoch >= earliest.secondsSinceEpoch, time.secondsSinceEpoch <= latest.secondsSinceEpoch
        else {
            return .failure(
                SessionFailure(
                    .usage,
                    "--now / FORMWORK_NOW must lie between 0001-01-02T00:00:00Z and 9999-12-30T23:59:59Z (in UTC), "
                        + "not '\(text)' (\(Timestamp(secondsSinceEpoch: time.secondsSinceEpoch)))"))
        }
        return .success(time)
    }

    static let earliestNow = Timestamp("0001-01-02T00:00:00Z")
    static let latestNow = Timestamp("9999-12-30T23:59:59Z")
}

/// Why a session could not start or a command could not run, with the exit code it maps to.
public struct SessionFailure: Error, Sendable {
    public var exit: FormworkExit
    public var message: String

    public init(_ exit: FormworkExit, _ message: String) {
        self.exit = exit
        self.message = message
    }
}
