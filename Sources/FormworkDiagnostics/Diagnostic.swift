/// One finding about the user's input, as data. Only ``DiagnosticRenderer`` turns it into text.
public struct Diagnostic: Hashable, Sendable {
    /// A secondary message, optionally pointing at another place ("first defined here").
    public struct Note: Hashable, Sendable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var id: DiagnosticID
    public var severity: Severity
    public var message: String
    /// Where the problem is; `nil` only for problems with no file at all (a missing manifest).
    public var location: SourceLocation?
    /// How many scalars the caret line underlines, starting at `location`.
    public var length: Int
    public var notes: [Note]

    public init(
        _ id: DiagnosticID, _ severity: Severity, _ message: String, at location: SourceLocation?,
        length: Int = 1, notes: [Note] = []
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.location = location
        self.length = max(1, length)
        self.notes = notes
    }

    public static func error(
        _ id: DiagnosticID, _ message: String, at location: SourceLocation?, length: Int = 1, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(id, .error, message, at: location, length: length, notes: notes)
    }

    public static func warning(
        _ id: DiagnosticID, _ message: String, at location: SourceLocation?, length: Int = 1, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(id, .warning, message, at: location, length: length, notes: notes)
    }
}

extension Array where Element == Diagnostic {
    /// True when at least one finding is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Findings in reading order: by file, line and column, then severity and id, so output is stable.
    public func sortedForDisplay() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, .some): return true
            case (.some, nil): return false
            case (.some(let l), .some(let r)) where l != r: return l < r
            default:
                if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
                if a.element.id != b.element.id { return a.element.id < b.element.id }
                return a.offset < b.offset
            }
        }.map(\.element)
    }
}
