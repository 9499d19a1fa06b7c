import FormworkAudit
import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Testing

/// The usage generator is deterministic, drives the real engine, and behaves as its scenario says.
@Suite struct UsageGeneratorTests {
    static func run(seed: UInt64, weeks: Int = 3, overload: [PersonID: Double]? = nil) throws -> UsageGenerator.Result {
        let set = try #require(Sets.folder("examples/too-few").formSet)
        var scenario = UsageScenario(seed: seed, start: try #require(LocalDate("2026-03-02")), weeks: weeks)
        scenario.overload = overload
        return UsageGenerator(formSet: set, scenario: scenario).run()
    }

    @Test func theSameSeedGivesTheSameEvents() throws {
        let first = try Self.run(seed: 7)
        let second = try Self.run(seed: 7)
        #expect(first.events == second.events)
        #expect(first.submitted > 20)
        #expect(first.abandoned == 0)
        let other = try Self.run(seed: 8)
        #expect(other.events != first.events)
    }

    @Test func replayingTheEventsGivesTheSameState() throws {
        let result = try Self.run(seed: 3)
        let replayed = Engine.replaying(result.events, formSet: result.engine.formSet)
        #expect(replayed.state == result.engine.state)
        #expect(replayed.state.reports.values.count == result.submitted)
    }

    @Test func overloadedReviewersAreLateAndOnTimeOnesAreNot() throws {
        let calm = try Self.run(
            seed: 5, overload: ["kuo.chien": 0.5, "hsu.ling": 0.5, "tseng.wei": 0.5, "chiu.an": 0.5])
        let busy = try Self.run(
            seed: 5, overload: ["kuo.chien": 1.8, "hsu.ling": 0.5, "tseng.wei": 0.5, "chiu.an": 0.5])
        func late(_ result: UsageGenerator.Result) -> Int {
            result.engine.state.reports.values.count { report in
                report.decisions.contains { decision in
                    report.steps.contains { $0.dueAt.map { decision.signature.at > $0 } ?? false }
                }
            }
        }
        #expect(late(calm) * 5 < late(busy))
    }
}
