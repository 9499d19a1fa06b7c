/// A terminal that types a script: lines given in advance, then the end of input or Ctrl-C. It keeps
/// the whole transcript as a person would see it (prompts, and the lines typed after them).
public final class ScriptedTerminal: Terminal {
    private var script: [String]
    private let ending: TerminalInput
    /// Everything shown and typed, in order; typed lines end with a line break, Ctrl-C shows as `^C`.
    public private(set) var transcript = ""
    /// Only what was written to the terminal.
    public private(set) var output = ""
    /// Lines read so far.
    public private(set) var linesRead = 0
    public let isInteractive: Bool
    public let width: Int
    public let supportsColor: Bool

    /// A terminal that types `lines` one per read, then answers `ending` (`.endOfInput` or
    /// `.interrupted`) to every read after them.
    public init(
        _ lines: [String], then ending: TerminalInput = .endOfInput, isInteractive: Bool = true, width: Int = 80,
        supportsColor: Bool = false
    ) {
        script = lines.reversed()
        self.ending = ending
        self.isInteractive = isInteractive
        self.width = width
        self.supportsColor = supportsColor
    }

    /// The lines not typed yet.
    public var remaining: [String] { script.reversed() }

    public func write(_ text: String) {
        transcript += text
        output += text
    }

    public func readLine() -> TerminalInput {
        guard let line = script.popLast() else {
            if ending == .interrupted { transcript += "^C\n" }
            return ending
        }
        linesRead += 1
        transcript += line + "\n"
        return .line(line)
    }
}
