public import ArgumentParser

/// A narrow parser, in front of ArgumentParser, for the commands users run most: `submit`, the decisions
/// (`approve`, `return`, `reject`) and `inbox` (docs/design/cli-fast-path.md).
///
/// ArgumentParser finds a command's options by reflection (`Mirror`, dynamic casts to its property
/// wrappers, `Decodable`), and in a static binary every first-time protocol-conformance lookup scans
/// all of the binary's ~7,300 conformance records: ~20 M instructions per process, a third of a
/// whole `submit`, ~10 M of it even for `--version`. This parser reads only plain lines: the command's
/// name first, one positional, known `--name value` pairs (each at most once, but `--set`), known
/// flags (each at most once), values that neither are empty nor start with `-`. Anything else —
/// `--help`, `-h`, `--version`, `--name=value`, `--`, an unknown or repeated name, a missing
/// required option, a second positional — returns nil, and ArgumentParser parses the line, so its
/// messages, help and exit codes are unchanged. On a line it accepts, the command holds exactly the
/// values ArgumentParser would give it (`FastCommandLineTests` checks this against `parseAsRoot`).
public enum FastCommandLine {
    /// The command for `arguments` (without the program name), or nil when ArgumentParser must parse them.
    public static func command(_ arguments: [String]) -> (any ParsableCommand)? {
        guard let name = arguments.first else { return nil }
        let rest = arguments.dropFirst()
        // An empty session option is ArgumentParser's to refuse (`SessionOptions.validate`).
        let emptyOption =
            zip(rest, rest.dropFirst()).contains { sessionOptions.contains($0.0) && $0.1.isEmpty }
            || rest.contains { sessionOptions.map { $0 + "=" }.contains($0) }
        if emptyOption { return nil }
        let parsed: (any ParsableCommand)?
        switch name {
        case "submit": parsed = submit(rest)
        case "approve": parsed = decision(rest).map(ApproveCommand.init(options:))
        case "return": parsed = decision(rest).map(ReturnCommand.init(options:))
        case "reject": parsed = decision(rest).map(RejectCommand.init(options:))
        case "inbox": parsed = inbox(rest)
        default: parsed = nil
        }
        // ArgumentParser validates every command on the stack; an error there is its to report.
        guard var command = parsed else { return nil }
        var root = FormworkCommand()
        do {
            try root.validate()
            try command.validate()
        } catch {
            return nil
        }
        return command
    }

    /// `submit FORM --customer C --as P [--set F=V …] [--from FILE] [--request-id ID] [prompt] [session]`.
    static func submit(_ arguments: ArraySlice<String>) -> SubmitCommand? {
        guard
            let line = Line(
                arguments, options: ["--customer", "--as", "--from", "--request-id"] + promptOptions + sessionOptions,
                repeatable: "--set", flags: promptFlags + sessionFlags),
            let form = line.positional, let customer = line.values["--customer"], let person = line.values["--as"]
        else { return nil }
        var command = SubmitCommand()
        command.form = form
        command.customer = customer
        command.person = person
        var answers = AnswerOptions()
        answers.set = line.repeated
        answers.from = line.values["--from"]
        command.answers = answers
        command.requestID = line.values["--request-id"]
        command.prompt = prompt(line)
        command.session = session(line)
        return command
    }

    /// The options of `approve`, `return` and `reject`:
    /// `REPORT --as P [--opinion TEXT] [--acting-for P] [--request-id ID] [prompt] [session]`.
    static func decision(_ arguments: ArraySlice<String>) -> DecisionOptions? {
        guard
            let line = Line(
                arguments,
                options: ["--as", "--opinion", "--acting-for", "--request-id"] + promptOptions + sessionOptions,
                repeatable: nil, flags: promptFlags + sessionFlags),
            let report = line.positional, let person = line.values["--as"]
        else { return nil }
        var options = DecisionOptions()
        options.report = report
        options.person = person
        options.opinion = line.values["--opinion"]
        options.actingFor = line.values["--acting-for"]
        options.requestID = line.values["--request-id"]
        options.prompt = prompt(line)
        options.session = session(line)
        return options
    }

    /// `inbox --as P [session]`.
    static func inbox(_ arguments: ArraySlice<String>) -> InboxCommand? {
        guard
            let line = Line(arguments, options: ["--as"] + sessionOptions, repeatable: nil, flags: sessionFlags),
            line.positional == nil, let person = line.values["--as"]
        else { return nil }
        var command = InboxCommand()
        command.person = person
        command.session = session(line)
        return command
    }

    static let promptOptions = ["--lang"]
    static let promptFlags = ["--no-input", "--no-color"]
    static let sessionOptions = ["--config", "--store", "--now"]
    static let sessionFlags = ["--json"]

    /// `PromptOptions` from a line; every property is set, as ArgumentParser sets them.
    static func prompt(_ line: Line) -> PromptOptions {
        var options = PromptOptions()
        options.lang = line.values["--lang"]
        options.noInput = line.flags.contains("--no-input")
        options.noColor = line.flags.contains("--no-color")
        return options
    }

    /// `SessionOptions` from a line; every property is set, as ArgumentParser sets them.
    static func session(_ line: Line) -> SessionOptions {
        var options = SessionOptions()
        options.config = line.values["--config"]
        options.store = line.values["--store"]
        options.now = line.values["--now"]
        options.json = line.flags.contains("--json")
        return options
    }

    /// A command line split into its positional, option values and flags; nil when it is not plain.
    struct Line {
        var positional: String?
        var values: [String: String] = [:]
        var repeated: [String] = []
        var flags: [String] = []

        init?(_ arguments: ArraySlice<String>, options: [String], repeatable: String?, flags known: [String]) {
            var index = arguments.startIndex
            while index < arguments.endIndex {
                let token = arguments[index]
                index += 1
                guard let first = token.utf8.first else { return nil }
                guard first == UInt8(ascii: "-") else {
                    // One positional; `help` is left to ArgumentParser.
                    guard positional == nil, token != "help" else { return nil }
                    positional = token
                    continue
                }
                if known.contains(token) {
                    guard !flags.contains(token) else { return nil }
                    flags.append(token)
                    continue
                }
                guard token == repeatable || options.contains(token), index < arguments.endIndex,
                    let start = arguments[index].utf8.first, start != UInt8(ascii: "-")
                else { return nil }
                let value = arguments[index]
                index += 1
                if token == repeatable {
                    repeated.append(value)
                } else {
                    guard values.updateValue(value, forKey: token) == nil else { return nil }
                }
            }
        }
    }
}
