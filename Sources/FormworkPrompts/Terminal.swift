/// What a person typed, as a terminal delivers it.
public enum TerminalInput: Sendable, Hashable {
    /// One line, without its line break.
    case line(String)
    /// End of input (Ctrl-D on an empty line, or the end of a file).
    case endOfInput
    /// Ctrl-C.
    case interrupted
}

/// The screen and keyboard a conversation talks through: prompts out, lines in.
///
/// Prompts and messages go where a terminal shows them without mixing with a command's data (the
/// real terminal writes them to standard error). `ScriptedTerminal` is the twin the tests drive.
public protocol Terminal: AnyObject {
    /// Shows `text` as it is (no line break is added).
    func write(_ text: String)
    /// The next line typed, or why there is none. Blocks until a line, the end of input or Ctrl-C.
    func readLine() -> TerminalInput
    /// True when a person is typing (standard input is a terminal): only then may anyone be prompted.
    var isInteractive: Bool { get }
    /// Columns of the screen.
    var width: Int { get }
    /// True when colour may be used (decided by the front end: a terminal, `NO_COLOR` unset or
    /// empty, `TERM` not `dumb`, no `--no-color`).
    var supportsColor: Bool { get }
}
