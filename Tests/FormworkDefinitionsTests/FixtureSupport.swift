import FormworkDefinitions
import FormworkDiagnostics
import FormworkTestSupport
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
