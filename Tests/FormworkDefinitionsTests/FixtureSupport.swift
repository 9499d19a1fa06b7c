import FormworkDefinitions
import FormworkDiagnostics
import Foundation
import Testing

/// Helpers to load fixture folders into an in-memory file system, so that rendered paths are
/// relative and golden files are the same on every machine.
enum Fixtures {
    /// The folder holding this test target's fixtures, in the source tree (so that re-recording
    /// golden files writes where git sees them).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Every file below `folder`, keyed by its path relative to `folder`.
    static func files(in folder: URL) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let base = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            let relative = String(path.dropFirst(base.count + 1))
            files[relative] = [UInt8](try Data(contentsOf: url))
        }
        return files
    }

    /// Loads a form set from files held in memory, with `.` as its root.
    static func load(_ files: [String: [UInt8]]) -> FormSetLoader.Result {
        FormSetLoader(fileSystem: InMemoryFileSystem(bytes: files)).load(".")
    }

    /// Loads a form set written inline: `["formwork.yaml": "...", "forms/a.yaml": "..."]`.
    static func load(text files: [String: String]) -> FormSetLoader.Result {
        FormSetLoader(fileSystem: InMemoryFileSystem(files: files)).load(".")
    }

    /// The rendered, colourless text a user would see for a load.
    static func rendered(_ result: FormSetLoader.Result) -> String {
        DiagnosticRenderer(sources: result.sources).render(result.diagnostics)
            + DiagnosticRenderer.summary(of: result.diagnostics, files: result.files.count) + "\n"
    }

    /// The folder of the repository (three levels above this file).
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}

/// Compares `actual` with the golden file at `url`. With `FORMWORK_RECORD=1` the golden file is
/// rewritten and the comparison still fails, so that a re-record never passes silently.
func expectGolden(_ actual: String, at url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let recording = ProcessInfo.processInfo.environment["FORMWORK_RECORD"] == "1"
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if recording {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded \(url.lastPathComponent); run again without FORMWORK_RECORD", sourceLocation: sourceLocation)
        return
    }
    guard let expected else {
        Issue.record(
            "no golden file at \(url.path); run with FORMWORK_RECORD=1 to create it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, sourceLocation: sourceLocation)
}
