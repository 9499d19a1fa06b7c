public import Foundation
public import Testing

/// Compares `actual` with the golden file at `url`. With `FORMWORK_RECORD=1` the golden file is (re)written and the
/// test still fails, so that a re-record never passes silently.
///
/// The one helper behind every test target's golden files: each target names its own folder.
public func expectGolden(
    _ actual: String, at url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    if ProcessInfo.processInfo.environment["FORMWORK_RECORD"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded \(url.lastPathComponent); run again without FORMWORK_RECORD", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(
            "no golden file at \(url.path); run with FORMWORK_RECORD=1 to create it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, sourceLocation: sourceLocation)
}
