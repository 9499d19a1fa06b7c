/// The exit codes every Formwork command uses (see `formwork --help` and docs/cli.md).
public enum FormworkExit: Int32, Sendable, CaseIterable {
    case ok = 0
    /// Refused by a rule, or findings at error level.
    case failed = 1
    case usage = 64
    /// Input that cannot be read: bad YAML, bad answers.
    case invalidData = 65
    case missingFile = 66
    case ioError = 74
    case busy = 75
    case notAuthorised = 77
    case interrupted = 130

    static let helpText = """
        Exit codes: 0 ok; 1 refused or errors found; 64 usage; 65 invalid input data; 66 missing file; \
        74 I/O error; 75 busy, retry; 77 not authorised; 130 interrupted.
        """
}
