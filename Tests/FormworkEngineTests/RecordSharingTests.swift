import FormworkDefinitions
import Foundation
import Testing

@testable import FormworkEngine

/// The engine's large records are held by reference and copied on write (`CopyOnWrite`). They must still behave as
/// values: a copy that is changed leaves the state it came from as it was, and equality, hashing and JSON are the
/// fields'.
@Suite("Records held by reference")
struct RecordSharingTests {
    @Test("a changed copy of a report leaves the engine's report, its equality and its hash as they were")
    func reportCopies() throws {
        var simulation = Simulation.acme(formSet: try #require(Examples.acme))
        var generator = SplitMix(seed: 11)
        simulation.run((0..<60).map { _ in Int(generator.next() % 1_000_000_000) })
        let state = simulation.engine.state
        let original = try #require(state.reports.values.first)
        let before = EntityCodec.encode(original)

        var copy = original
        #expect(copy == original)
        #expect(copy.hashValue == original.hashValue)
        copy.status = copy.status == .approved ? .returned : .approved
        copy.history.append(HistoryEntry(at: at("2026-12-01T09:00:00Z"), kind: "note", text: "changed in the copy"))
        copy.revisions[0].answers = Answers([:])

        #expect(copy != original)
        #expect(EntityCodec.encode(original) == before)
        #expect(simulation.engine.state.reports[original.id] == original)
        #expect(simulation.engine.state == state)

        var restored = copy
        restored.status = original.status
        restored.history = original.history
        restored.revisions = original.revisions
        #expect(restored == original)
        #expect(restored.hashValue == original.hashValue)
        #expect(copy != restored)
        #expect(try EntityCodec.decodeReport(EntityCodec.encode(copy)) == copy)
    }
}
