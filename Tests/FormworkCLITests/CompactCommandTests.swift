import FormworkStore
import Foundation
import Testing

@testable import FormworkCLI

/// `formwork compact` on a generated store whose snapshot's values are spread over several segments.
@Suite(.scratch) struct CompactCommandTests {
    @Test(
        "compact merges the snapshot's segments into the one they came from; every reader says the same after, verify too"
    )
    func compactsAGeneratedStore() throws {
        let folder = try ManagementReportCommandTests.generate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(".formwork-store").path
        let nothing = try CLI.run(["compact", "--config", folder.path])
        #expect(nothing.exitCode == .ok)
        #expect(nothing.stdout == "nothing to compact: the snapshot names one segment or none\n")
        // The snapshot's one segment, its values spread over three segments (oldest first) at the same seq.
        let (store, _) = try JournalStore.open(at: path, create: false)
        let original = try #require(try store.latestSnapshot())
        let whole = try store.segment(named: original.segments[0])
        let entries = try whole.entries()
        var snapshot = original
        snapshot.segments = []
        for part in 0..<3 {
            snapshot = try store.writeSnapshot(
                snapshot, merging: SegmentMerge(entries.enumerated().filter { $0.offset % 3 == part }.map(\.element)))
        }
        #expect(snapshot.segments.count == 3)
        // `verify` says how many segments the snapshot names, and what `compact` would do.
        let before3 = try CLI.run(["verify", "--config", folder.path])
        #expect(before3.stdout.contains("; the snapshot's 3 segments hold "), "\(before3.stdout)")
        #expect(before3.stdout.hasSuffix(" ('formwork compact' merges them)\n"))
        let counted = try CLI.run(["verify", "--config", folder.path, "--json"])
        let fields = try JSONSerialization.jsonObject(with: Data(counted.stdout.utf8)) as? [String: Any]
        #expect(fields?["segments"] as? Int == 3)
        #expect((fields?["segmentBytes"] as? Int ?? 0) > whole.byteCount)
        let before = try ["funnel", "reviews", "activity"].map { kind in
            try CLI.run(["report", kind, "--config", folder.path, "--json"]).stdout
        }
        let merged = try CLI.run(["compact", "--config", folder.path])
        #expect(merged.exitCode == .ok, "\(merged.stderr)")
        #expect(merged.stdout.hasPrefix("compacted: 3 segments ("))
        #expect(merged.stdout.contains("merged into \(whole.name) ("))
        #expect(merged.stdout.hasSuffix(", \(whole.count) values)\n"))
        #expect(try store.latestSnapshot()?.segments == [whole.name])
        let after = try ["funnel", "reviews", "activity"].map { kind in
            try CLI.run(["report", kind, "--config", folder.path, "--json"]).stdout
        }
        #expect(after == before)
        let verified = try CLI.run(["verify", "--config", folder.path])
        #expect(verified.exitCode == .ok)
        #expect(!verified.stdout.contains("segments"))
        let json = try CLI.run(["compact", "--config", folder.path, "--json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(decoded?["merged"] as? [String] == [])
        #expect(decoded?["version"] as? Int == 1)
    }

    @Test("compact on a folder that is not a store exits 66, and writes nothing there")
    func noStore() throws {
        let folder = Scratch.folder("no-store")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let outcome = try CLI.run(["compact", "--store", folder.appendingPathComponent("missing").path])
        #expect(outcome.exitCode.rawValue == 66, "\(outcome.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("sizes read as people write them")
    func sizes() {
        #expect(CompactCommand.size(812) == "812 B")
        #expect(CompactCommand.size(3_400_000) == "3.40 MB")
        #expect(CompactCommand.size(1_550_000_000) == "1.55 GB")
        #expect(CompactCommand.size(23_967) == "24.0 kB")
    }
}
