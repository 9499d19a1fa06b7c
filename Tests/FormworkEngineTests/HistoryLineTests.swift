import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkTestSupport
import Foundation
import Testing

/// History lines: the engine keeps what a line says and writes its words when it is read. What a user reads
/// (`show`, `customer`, the JSON, a snapshot) must not change with that.
@Suite("History lines")
struct HistoryLineTests {
    /// Busy runs of both funnels: returns, resubmissions with material changes, escalations and reminders,
    /// customers moving between stages.
    private static func simulations() throws -> [(name: String, simulation: Simulation)] {
        var runs = [
            ("committee", Simulation.committee(formSet: try #require(Committee.formSet()))),
            ("acme", Simulation.acme(formSet: try #require(Examples.acme))),
        ]
        for index in runs.indices {
            var generator = SplitMix(seed: 7 + UInt64(index))
            runs[index].1.run((0..<400).map { _ in Int(generator.next() % 1_000_000_000) })
        }
        return runs
    }

    /// Every line of every report and customer page, in order, as `show` and `customer` print them.
    private static func transcript(of state: EngineState) -> String {
        var out = ""
        for id in state.reports.keys.sorted() {
            guard let report = state.reports[id] else { continue }
            out += "report \(id)\n"
            for line in report.history { out += "  \(line.at) \(line.kind) \(line.text)\n" }
        }
        for id in state.customers.keys.sorted() {
            out += "customer \(id)\n"
            for line in state.history(of: id) { out += "  \(line.at) \(line.kind) \(line.text)\n" }
        }
        return out
    }

    @Test("the words of every kind of line are those the engine always wrote")
    func wordForWord() throws {
        var kinds: Set<String> = []
        for (name, simulation) in try Self.simulations() {
            let state = simulation.engine.state
            for id in state.reports.keys { kinds.formUnion(state.reports[id]?.history.map(\.kind) ?? []) }
            for id in state.customers.keys { kinds.formUnion(state.history(of: id).map(\.kind)) }
            try expectHistoryGolden(Self.transcript(of: state), named: "history-\(name).txt")
        }
        // Every kind of line the engine writes is in the golden files, but publishing a form set (no line).
        let written: Set<String> = [
            "customer-opened", "report-submitted", "step-opened", "decision-recorded", "step-completed",
            "report-approved", "report-returned", "report-rejected", "report-recalled", "report-resubmitted",
            "approvals-voided", "reminder-sent", "step-escalated", "customer-advanced",
        ]
        #expect(written.subtracting(kinds).isEmpty, "not covered: \(written.subtracting(kinds).sorted())")
    }

    @Test("a line read back from a snapshot or from JSON equals the line the engine keeps, and reads the same")
    func keptEqualsRead() throws {
        for (_, simulation) in try Self.simulations() {
            let state = simulation.engine.state
            for id in state.reports.keys {
                let report = try #require(state.reports[id])
                let decoded = try EntityCodec.decodeReport(EntityCodec.encode(report))
                #expect(decoded == report)
                #expect(decoded.history.map(\.text) == report.history.map(\.text))
                #expect(Set(decoded.history).count == Set(report.history).count, "hashing follows the words")
                let json = try JSONDecoder().decode(ReportRecord.self, from: JSONEncoder().encode(report))
                #expect(json.history == report.history)
            }
            for id in state.customers.keys {
                let lines = state.history(of: id)
                for line in lines {
                    var read = line
                    read.text = line.text
                    #expect(read == line)
                    #expect(read.hashValue == line.hashValue)
                }
            }
        }
    }

    @Test("a skipped step and a decision made for somebody else read as they always did")
    func skippedAndActingFor() throws {
        var funnel = try Funnel()
        try funnel.walkToClose("hpm")
        let deal = try funnel.submit(
            "closed_deal", for: "hpm", at: at("2026-03-16T10:00:00+08:00"),
            answers: Funnel.closedDeal(quantity: 100, unitPrice: "150"))
        let lines = try #require(funnel.engine.report(deal)).history.map(\.text)
        #expect(lines.contains("step director skipped: `deal_value > 1000000` is false (deal_value = 15000)"))

        let report = try funnel.submit(
            "customer_information", for: "acme-2", at: at("2026-08-05T09:00:00+08:00"),
            answers: Funnel.customerInformation("Acme Two"))
        try funnel.decide(
            report, .approve, by: "wang.li", at: at("2026-08-05T10:00:00+08:00"), opinion: "Fine, for Mei.")
        let decided = try #require(funnel.engine.report(report)?.history.first { $0.kind == "decision-recorded" })
        #expect(
            decided.text
                == "wang.li (acting for chen.mei) chose approve at step supervisor on revision 1: Fine, for Mei.")
    }

    @Test("a line is no wider than a line of text: every report and page read from a snapshot holds its lines")
    func width() {
        // Time (24 bytes), kind (16), and the words: a `String`, or one reference to the parts of a wider line.
        #expect(MemoryLayout<HistoryEntry>.stride <= 64)
    }

    @Test("a line whose words are changed reads the new words")
    func changedWords() throws {
        let (_, simulation) = try #require(try Self.simulations().first)
        let state = simulation.engine.state
        let id = try #require(state.reports.keys.min())
        var line = try #require(state.reports[id]?.history.first)
        let before = line
        line.text = "edited"
        #expect(line.text == "edited")
        #expect(line != before)
    }
}

/// Compares `actual` with Tests/FormworkEngineTests/Golden/`name`; FORMWORK_RECORD=1 writes it instead.
func expectHistoryGolden(
    _ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    try expectGolden(actual, at: folder.appendingPathComponent(name), sourceLocation: sourceLocation)
}
