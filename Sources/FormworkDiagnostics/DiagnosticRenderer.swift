/// The only code that turns diagnostics into text: compiler-style lines with the quoted source
/// line and a caret, padded by display width so that it lands under CJK text too.
public struct DiagnosticRenderer: Sendable {
    public var sources: SourceFiles
    public var useColor: Bool
    /// Longest quoted source line, in display columns; longer lines are cut around the caret.
    public var maxLineWidth: Int

    public init(sources: SourceFiles, useColor: Bool = false, maxLineWidth: Int = 100) {
        self.sources = sources
        self.useColor = useColor
        self.maxLineWidth = max(20, maxLineWidth)
    }

    /// Every diagnostic, in display order, each followed by its snippet and notes.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.sortedForDisplay().map(render).joined()
    }

    /// One diagnostic with its snippet and notes, ending in a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        let place = diagnostic.location.map { "\($0): " } ?? "formwork: "
        out += paint(place, .bold)
        out += paint("\(diagnostic.severity.rawValue):", color(for: diagnostic.severity))
        out += " \(diagnostic.message) [\(diagnostic.id)]\n"
        if let location = diagnostic.location {
            out += snippet(at: location, length: diagnostic.length)
        }
        for note in diagnostic.notes {
            if let location = note.location {
                out += paint("\(location): ", .bold) + paint("note:", .cyan) + " \(note.message)\n"
            } else {
                out += "    " + paint("note:", .cyan) + " \(note.message)\n"
            }
        }
        return out
    }

    /// "2 errors and 1 warning in 9 files", or "no problems found in 9 files".
    public static func summary(of diagnostics: [Diagnostic], files: Int) -> String {
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.count { $0.severity == .warning }
        var parts: [String] = []
        if errors > 0 { parts.append(counted(errors, "error")) }
        if warnings > 0 { parts.append(counted(warnings, "warning")) }
        let fileText = counted(files, "file")
        if parts.isEmpty { return "no problems found in \(fileText)" }
        return parts.joined(separator: " and ") + " in \(fileText)"
    }

    static func counted(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    // MARK: - Snippet

    private func snippet(at location: SourceLocation, length: Int) -> String {
        guard let line = sources.line(location.line, of: location.file) else { return "" }
        let scalars = Array(line.unicodeScalars).map { $0 == "\t" ? " " : $0 }
        let start = min(max(location.column - 1, 0), scalars.count)
        let end = min(start + max(length, 1), max(scalars.count, start + 1))
        // Choose a window of scalars that fits the width and contains the caret's start.
        var low = 0
        var high = scalars.count
        if width(scalars[...]) > maxLineWidth {
            low = start
            var used = 0
            while low > 0 && used + DisplayWidth.of(scalars[low - 1]) <= maxLineWidth / 3 {
                used += DisplayWidth.of(scalars[low - 1])
                low -= 1
            }
            high = low
            used = 0
            while high < scalars.count && used + DisplayWidth.of(scalars[high]) <= maxLineWidth - 2 {
                used += DisplayWidth.of(scalars[high])
                high += 1
            }
        }
        let prefix = low > 0 ? "…" : ""
        let suffix = high < scalars.count ? "…" : ""
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[low..<high])
        let gutter = String(location.line)
        let pad = String(repeating: " ", count: max(4, gutter.count + 1))
        let numbered = String(repeating: " ", count: pad.count - gutter.count) + gutter
        let caretPad = String(repeating: " ", count: DisplayWidth.of(prefix) + width(scalars[low..<start]))
        let underlined = scalars[start..<min(max(end, start), high)]
        let caretWidth = max(1, width(underlined))
        let caret = "^" + String(repeating: "~", count: caretWidth - 1)
        var out = paint("\(numbered) | ", .blue) + prefix + String(text) + suffix + "\n"
        out += paint("\(pad) | ", .blue) + caretPad + paint(caret, .green) + "\n"
        return out
    }

    private func width(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
        scalars.reduce(0) { $0 + DisplayWidth.of($1) }
    }

    // MARK: - Colour

    private enum Style: String {
        case bold = "1"
        case red = "1;31"
        case magenta = "1;35"
        case cyan = "1;36"
        case green = "1;32"
        case blue = "34"
    }

    private func color(for severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .magenta
        case .note: .cyan
        }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        useColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
