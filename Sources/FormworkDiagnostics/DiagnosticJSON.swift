import Foundation

/// The stable, versioned JSON shape of a check's findings (`formwork check --format json`).
///
/// Version 1: `{"version": 1, "diagnostics": [...], "summary": {...}}`; fields are only ever added.
public struct DiagnosticReport: Codable, Sendable, Equatable {
    public struct Location: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var column: Int

        public init(file: String, line: Int, column: Int) {
            self.file = file
            self.line = line
            self.column = column
        }
    }

    public struct Note: Codable, Sendable, Equatable {
        public var message: String
        public var location: Location?
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var id: String
        public var severity: String
        public var message: String
        public var location: Location?
        public var length: Int
        public var notes: [Note]
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var errors: Int
        public var warnings: Int
        public var notes: Int
        public var files: Int

        public init(errors: Int, warnings: Int, notes: Int, files: Int) {
            self.errors = errors
            self.warnings = warnings
            self.notes = notes
            self.files = files
        }
    }

    public var version: Int
    public var diagnostics: [Entry]
    public var summary: Summary

    public init(_ diagnostics: [Diagnostic], files: Int) {
        version = 1
        self.diagnostics = diagnostics.sortedForDisplay().map { d in
            Entry(
                id: d.id.rawValue, severity: d.severity.rawValue, message: d.message,
                location: d.location.map(Location.init), length: d.length,
                notes: d.notes.map { Note(message: $0.message, location: $0.location.map(Location.init)) })
        }
        summary = Summary(
            errors: diagnostics.count { $0.severity == .error },
            warnings: diagnostics.count { $0.severity == .warning },
            notes: diagnostics.count { $0.severity == .note }, files: files)
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

extension DiagnosticReport.Location {
    init(_ location: SourceLocation) {
        self.init(file: location.file, line: location.line, column: location.column)
    }
}
