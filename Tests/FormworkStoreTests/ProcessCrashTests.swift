import FormworkStore
import Foundation
import Testing

/// Kills a real writing process (SIGKILL, from a failpoint inside it) at each named point of the write path, and
/// runs two writer processes at once, as etcd's and SQLite's crash tests do.
@Suite("processes killed while writing", .serialized)
struct ProcessCrashTests {
    /// A failpoint and the helper's options that make the process reach it.
    struct Point: Sendable, CustomStringConvertible {
        var name: String
        var arguments: [String]
        var description: String { name }
    }

    static let points: [Point] = [
        Point(name: "before-write", arguments: []),
        Point(name: "after-write-before-fsync", arguments: []),
        Point(name: "after-fsync-before-ack", arguments: []),
        Point(name: "snapshot-after-temp-write", arguments: ["--snapshot-every", "1"]),
        Point(name: "snapshot-after-rename", arguments: ["--snapshot-every", "1"]),
        Point(name: "index-before-header", arguments: []),
    ]

    /// Kills per failpoint; 6 points × 42 = 252 kills in all.
    static let killsPerPoint = 42

    @Test("kill -9 at every failpoint: acknowledged batches survive once, the store opens and verifies")
    func killAtFailpoints() throws {
        let helper = try Self.helper()
        let directory = TemporaryDirectory()
        let store = directory.child("store")
        var acknowledged: [String: Int] = [:]
        var next = 0
        var kills = 0
        for point in Self.points {
            for round in 0..<Self.killsPerPoint {
                let hit = 1 + round % 4
                let run = try Self.run(
                    helper,
                    [store, "k", String(next), "40", "--index-every", "4"] + point.arguments,
                    failpoint: "\(point.name)@\(hit)")
                #expect(run.killed, "\(point.name)@\(hit) did not kill the process: \(run.errors)")
                guard run.killed else { return }
                kills += 1
                for (commandID, count) in run.acknowledged { acknowledged[commandID] = count }
                // Resend the batch the process died on: it must be committed at most once.
                next += run.acknowledged.count
                try Self.check(store, acknowledged: acknowledged, context: "\(point.name)@\(hit)")
            }
        }
        #expect(kills == Self.points.count * Self.killsPerPoint)
        #expect(kills >= 200)
    }

    /// The write path's failpoints, reached by a writer that commits through a `CommitQueue`: the process dies
    /// with batches prepared and queued behind the one being written.
    static let pipelinedPoints = [
        "before-write", "after-write-before-fsync", "after-fsync-before-ack", "index-before-header",
    ]

    @Test("kill -9 a pipelined writer at every write-path failpoint: what it acknowledged survives once")
    func killPipelinedWriter() throws {
        let helper = try Self.helper()
        let directory = TemporaryDirectory()
        let store = directory.child("store")
        var acknowledged: [String: Int] = [:]
        var next = 0
        for point in Self.pipelinedPoints {
            for round in 0..<12 {
                let hit = 2 + round % 5
                let run = try Self.run(
                    helper, [store, "p", String(next), "40", "--index-every", "4", "--pipelined"],
                    failpoint: "\(point)@\(hit)")
                #expect(run.killed, "\(point)@\(hit) did not kill the process: \(run.errors)")
                guard run.killed else { return }
                for (commandID, count) in run.acknowledged { acknowledged[commandID] = count }
                next += run.acknowledged.count
                try Self.check(store, acknowledged: acknowledged, context: "pipelined \(point)@\(hit)")
            }
        }
        #expect(acknowledged.count > 0)
    }

    @Test(
        "two writer processes × 200 batches: 400 records, gap-free, one valid chain",
        arguments: [[], ["--pipelined"]])
    func twoWriters(mode: [String]) throws {
        let helper = try Self.helper()
        let directory = TemporaryDirectory()
        let store = directory.child("store")
        let writers = try ["a", "b"].map { prefix in
            try Self.start(
                helper, [store, prefix, "0", "200", "--batch", "1", "--index-every", "16"] + mode, failpoint: nil)
        }
        let runs = writers.map { Self.finish($0) }
        for run in runs {
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.acknowledged.count == 200)
        }
        let (opened, _) = try JournalStore.open(at: store, create: false)
        let records = try opened.records(after: 0)
        #expect(records.count == 400)
        #expect(records.map(\.seq) == Array(1...400))
        #expect(Set(records.map(\.commandID)).count == 400)
        #expect(records.filter { $0.commandID.hasPrefix("a-") }.count == 200)
        let report = try opened.verify()
        #expect(report.isValid, "\(String(describing: report.problem))")
        #expect(report.recordCount == 400)
    }

    // MARK: - Helpers

    /// What a helper run printed and how it ended.
    struct Run {
        var acknowledged: [(String, Int)]
        var status: Int32
        var killed: Bool
        var errors: String
    }

    /// The helper executable, built by `swift test` next to the test bundle.
    static func helper() throws -> URL {
        let start = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var folder = start.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("formwork-store-crash")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        Issue.record("formwork-store-crash was not found near \(start.path); run `swift build` first")
        throw CancellationError()
    }

    static func start(_ helper: URL, _ arguments: [String], failpoint: String?) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = helper
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FORMWORK_FAILPOINT"] = failpoint
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, output, errors)
    }

    static func finish(_ started: (Process, Pipe, Pipe)) -> Run {
        let (process, output, errors) = started
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: printed, as: UTF8.self).split(separator: "\n")
        let acknowledged = lines.compactMap { line -> (String, Int)? in
            let parts = line.split(separator: " ")
            guard parts.count == 4, parts[0] == "ack", let count = Int(parts[2]) else { return nil }
            return (String(parts[1]), count)
        }
        return Run(
            acknowledged: acknowledged, status: process.terminationStatus,
            killed: process.terminationReason == .uncaughtSignal && process.terminationStatus == 9,
            errors: String(decoding: errorText, as: UTF8.self))
    }

    static func run(_ helper: URL, _ arguments: [String], failpoint: String?) throws -> Run {
        finish(try start(helper, arguments, failpoint: failpoint))
    }

    /// Every acknowledged batch is there exactly once and whole; seq is gap-free; the store verifies.
    static func check(_ path: String, acknowledged: [String: Int], context: String) throws {
        let (store, _) = try JournalStore.open(at: path, create: false)
        defer { store.close() }
        let records = try store.records(after: 0)
        #expect(records.map(\.seq) == Array(stride(from: 1, through: UInt64(records.count), by: 1)), "\(context)")
        var batches: [String: [Int]] = [:]
        for record in records { batches[record.commandID, default: []].append(record.index) }
        for (commandID, count) in acknowledged {
            #expect(batches[commandID] == Array(0..<count), "\(context): acknowledged \(commandID) once, whole")
        }
        for (commandID, indexes) in batches {
            #expect(indexes == Array(0..<indexes.count), "\(context): \(commandID) stored once")
        }
        let report = try store.verify()
        #expect(report.isValid, "\(context): \(String(describing: report.problem))")
        if let snapshot = try store.latestSnapshot() {
            #expect(records.contains { $0.seq == snapshot.seq && $0.hash == snapshot.hash }, "\(context)")
        }
    }
}
