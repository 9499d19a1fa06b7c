import Foundation
import Testing

/// A folder of its own under the system's temporary directory for each test (each case of a
/// parameterised one), removed with everything in it when the test ends, failed or not. A suite opts in
/// with `@Suite(.scratch)`; its helpers make their stores and form sets under `Scratch.folder(_:)`.
struct Scratch: SuiteTrait, TestTrait, TestScoping {
    @TaskLocal static var current: URL?

    var isRecursive: Bool { true }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "formwork-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { Self.remove(folder) }
        try await Self.$current.withValue(folder) { try await function() }
    }

    /// A new path (not created) named `prefix-<uuid>` inside the running test's folder. Outside a test
    /// with the trait it records an issue, so that no test leaves folders behind unnoticed.
    static func folder(_ prefix: String) -> URL {
        let name = "\(prefix)-\(UUID().uuidString)"
        guard let current else {
            Issue.record("the suite needs the .scratch trait: \(name) would outlive the test")
            return FileManager.default.temporaryDirectory.appendingPathComponent(name)
        }
        return current.appendingPathComponent(name)
    }

    /// Removes `folder`, first giving back the permissions a test may have taken away inside it.
    static func remove(_ folder: URL) {
        if let walk = FileManager.default.enumerator(atPath: folder.path) {
            for case let path as String in walk {
                try? FileManager.default.setAttributes(
                    [.posixPermissions: 0o700], ofItemAtPath: folder.appendingPathComponent(path).path)
            }
        }
        try? FileManager.default.removeItem(at: folder)
    }
}

extension Trait where Self == Scratch {
    /// Each test gets a temporary folder of its own, removed when it ends (`Scratch.folder(_:)`).
    static var scratch: Self { Scratch() }
}
