import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Testing

/// `EntityMap.values(progress:keeping:)`: a bulk read that keeps part of each value (what a management report
/// does), over values changed since the snapshot and those of the snapshot.
@Suite struct EntityMapTests {
    /// The key account's 100 approved reports and its pending report "old", read through a snapshot stand-in;
    /// then "old" approved, so that the map holds a changed value over the snapshot's.
    static func changedOverSource() throws -> (live: Engine, sourced: Engine) {
        var live = try ReportChoiceTests.keyAccountWithAnOldPendingReport()
        var sourced = live.replacingState(
            with: EngineState(globals: live.state.globals, source: CountingSource(live.state)))
        let approve = Command.decide(
            .init(
                report: "old", decision: .approve, opinion: "Late, but seen.", by: "u1000",
                at: at("2026-03-09T00:00:00Z")))
        #expect((try? live.execute(approve).get()) != nil)
        #expect((try? sourced.execute(approve).get()) != nil)
        return (live, sourced)
    }

    @Test("what is kept of each value, the changed one over the snapshot's, in key order")
    func keepsPartOfEachValue() throws {
        let (live, sourced) = try Self.changedOverSource()
        let withoutHistory: Keeping<ReportRecord> = { report in
            var part = report
            part.history = []
            return part
        }
        for engine in [live, sourced] {
            let kept = engine.state.reports.values(progress: nil, keeping: withoutHistory)
            #expect(kept.count == 101)
            #expect(kept.map(\.id) == engine.state.reports.keys)
            #expect(kept.allSatisfy { $0.history.isEmpty && $0.status == .approved })
            #expect(kept.first { $0.id == "old" }?.decisions.last?.opinion == "Late, but seen.")
        }
    }

    @Test("a changed value that is not kept hides the snapshot's value of the same key")
    func aChangedValueLeftOutIsNotReplacedByTheSnapshots() throws {
        let (live, sourced) = try Self.changedOverSource()
        // "old" is pending in the snapshot and approved now: nothing is pending any more.
        let pending: Keeping<ReportRecord> = { $0.status == .pending ? $0 : nil }
        #expect(sourced.state.reports.values(progress: nil, keeping: pending).isEmpty)
        #expect(live.state.reports.values(progress: nil, keeping: pending).isEmpty)
        let approved: Keeping<ReportRecord> = { $0.status == .approved ? $0 : nil }
        #expect(sourced.state.reports.values(progress: nil, keeping: approved) == live.state.reports.values)
    }
}
