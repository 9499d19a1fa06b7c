import FormworkDiagnostics

/// Why a conversation ended before its last answer.
public enum ConversationStop: Error, Sendable, Hashable {
    /// Ctrl-C.
    case interrupted
    /// The end of input (Ctrl-D).
    case endOfInput
}

/// Asking and telling through a terminal: the one place prompts are formatted and styled. What it writes is made
/// safe for the terminal (`TerminalText`): labels come from the form set and earlier answers from the store.
struct Prompter {
    let terminal: any Terminal

    /// Writes one line.
    func say(_ line: String = "") {
        terminal.write(TerminalText.safe(line + "\n", keepingStyles: terminal.supportsColor))
    }

    /// Writes one line per element of `text` split at line breaks, each after `indent`.
    func say(_ text: String, indent: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { say(indent + line) }
    }

    func error(_ message: String, indent: String) {
        say(indent + paint("error:", .red) + " " + message)
    }

    func warning(_ message: String, indent: String) {
        say(indent + paint("warning:", .yellow) + " " + message)
    }

    /// Shows `prompt` and reads one line.
    func read(_ prompt: String) throws(ConversationStop) -> String {
        terminal.write(TerminalText.safe(prompt, keepingStyles: terminal.supportsColor))
        switch terminal.readLine() {
        case .line(let line): return line
        case .endOfInput: throw .endOfInput
        case .interrupted: throw .interrupted
        }
    }

    /// Reads lines until an empty one; the first prompt is `prompt`, the following ones `more`.
    func readLines(_ prompt: String, more: String) throws(ConversationStop) -> [String] {
        var lines: [String] = []
        while true {
            let line = try read(lines.isEmpty ? prompt : more)
            if line.trimmingSpaces.isEmpty { return lines }
            lines.append(line)
        }
    }

    /// Asks a yes-or-no question until it is answered; Enter gives `defaultAnswer`.
    func confirm(_ question: String, default defaultAnswer: Bool, indent: String) throws(ConversationStop) -> Bool {
        let choices = defaultAnswer ? "[Y/n]" : "[y/N]"
        while true {
            let answer = try read(indent + question + " " + choices + " ")
            if answer.trimmingSpaces.isEmpty { return defaultAnswer }
            if let flag = Self.yesOrNo(answer) { return flag }
            say(indent + "Answer y or n.")
        }
    }

    /// y / yes / 是 and n / no / 否, in any case; nil for anything else.
    static func yesOrNo(_ text: String) -> Bool? {
        switch text.trimmingSpaces.lowercased() {
        case "y", "yes", "true", "是", "對": true
        case "n", "no", "false", "否", "不": false
        default: nil
        }
    }

    // MARK: - Style

    enum Color: String {
        case red = "31"
        case yellow = "33"
        case green = "32"
        case cyan = "36"
        case bold = "1"
        case dim = "2"
    }

    /// `text` in a colour, when the terminal allows colour.
    func paint(_ text: String, _ color: Color) -> String {
        terminal.supportsColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// `text` cut to `columns` display columns, with an ellipsis when cut; only its first line.
    static func preview(_ text: String, columns: Int) -> String {
        let first =
            text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
            ?? ""
        let cut = first.count < text.count
        guard DisplayWidth.of(first) > columns || cut else { return first }
        var out = ""
        var width = 0
        for character in first {
            let next = DisplayWidth.of(String(character))
            if width + next > columns - 1 { break }
            out.append(character)
            width += next
        }
        return out + "…"
    }

    /// `text` padded with spaces to `columns` display columns.
    static func pad(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - DisplayWidth.of(text)))
    }
}

extension StringProtocol {
    /// Without spaces, tabs and line breaks at either end.
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
