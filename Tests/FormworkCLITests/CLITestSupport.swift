import ArgumentParser
import FormworkCLI
import FormworkTestSupport
import Foundation
import Testing

enum CLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Parses `arguments` as `formwork` would and runs the command in-process.
    static func run(
        _ arguments: [String], environment: CommandEnvironment = CommandEnvironment()
    ) throws
        -> CommandOutcome
    {
        let command = try FormworkCommand.parseAsRoot(arguments)
        let runnable = try #require(command as? any EnvironmentCommand)
        return runnable.execute(in: environment)
    }

    /// The built `formwork` executable, next to the test bundle.
    static var binary: URL {
        get throws {
            var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for _ in 0..<3 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("formwork").path)
            {
                folder.deleteLastPathComponent()
            }
            let url = folder.appendingPathComponent("formwork")
            try #require(FileManager.default.isExecutableFile(atPath: url.path), "build the formwork product first")
            return url
        }
    }

    struct ProcessResult {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs the real binary in `directory` with a clean environment plus `variables`.
    static func spawn(
        _ arguments: [String], in directory: URL, variables: [String: String] = [:]
    ) throws
        -> ProcessResult
    {
        let process = Process()
        process.executableURL = try binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ["PATH": "/usr/bin:/bin"].merging(variables) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
            status: process.terminationStatus)
    }
}

/// Compares with a golden file of Tests/FormworkCLITests/Golden.
func expectGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try expectGolden(actual, at: CLI.golden.appendingPathComponent(name), sourceLocation: sourceLocation)
}
