import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import PropertyBased
import Testing

@Suite("Properties")
struct EnginePropertyTests {
    static let numbers = Gen.int(in: 0...1_000_000_000).array(of: 1...60)

    private static func simulations() throws -> [(String, Simulation)] {
        [
            ("committee", Simulation.committee(formSet: try #require(Committee.formSet()))),
            ("acme", Simulation.acme(formSet: try #require(Examples.acme))),
        ]
    }

    @Test("replaying the emitted events into a fresh engine gives exactly the live state")
    func replayGivesTheLiveState() async throws {
        let simulations = try Self.simulations()
        await propertyCheck(count: 150, input: Self.numbers) { numbers in
            for (name, start) in simulations {
                var simulation = start
                simulation.run(numbers)
                let replayed = Engine.replaying(simulation.journal, formSet: simulation.engine.formSet)
                #expect(replayed.state == simulation.engine.state, "\(name)")
                // Through the journal's JSON too.
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let lines = try simulation.journal.map { try encoder.encode($0) }
                let decoded = try lines.map { try JSONDecoder().decode(Event.self, from: $0) }
                #expect(decoded == simulation.journal, "\(name)")
                #expect(Engine.replaying(decoded, formSet: simulation.engine.formSet).state == simulation.engine.state)
                // And through a snapshot of the state.
                let snapshot = try JSONDecoder().decode(EngineState.self, from: encoder.encode(simulation.engine.state))
                #expect(snapshot == simulation.engine.state, "\(name)")
            }
        }
    }

    @Test("a state opened from a snapshot's globals files reports under the same people as the live state, events on")
    func awaitingFromGlobals() async throws {
        let simulations = try Self.simulations()
        await propertyCheck(count: 100, input: Self.numbers) { numbers in
            for (name, start) in simulations {
                var simulation = start
                simulation.run(Array(numbers.prefix(numbers.count / 2)))
                let cut = simulation.journal.count
                // Opened as a command opens the store: the globals (with the waiting index) over the entities.
                var reopened = simulation.engine.replacingState(
                    with: EngineState(
                        globals: simulation.engine.state.globals, source: CountingSource(simulation.engine.state)))
                simulation.run(Array(numbers.dropFirst(numbers.count / 2)))
                reopened.apply(contentsOf: simulation.journal[cut...])
                #expect(reopened.state.globals == simulation.engine.state.globals, "\(name)")
            }
        }
    }

    @Test("every report, customer and global a sequence leaves survives the snapshot's binary codec unchanged")
    func entitiesSurviveTheCodec() async throws {
        let simulations = try Self.simulations()
        await propertyCheck(count: 100, input: Self.numbers) { numbers in
            for (name, start) in simulations {
                var simulation = start
                simulation.run(numbers)
                for report in simulation.engine.state.reports.values {
                    let bytes = EntityCodec.encode(report)
                    let decoded = try EntityCodec.decodeReport(bytes)
                    #expect(decoded == report, "\(name) \(report.id)")
                    // One state always gives the same bytes.
                    #expect(EntityCodec.encode(decoded) == bytes)
                }
                for customer in simulation.engine.state.customers.values {
                    let decoded = try EntityCodec.decodeCustomer(EntityCodec.encode(customer))
                    #expect(decoded == customer, "\(name)")
                }
                let globals = simulation.engine.state.globals
                #expect(try EntityCodec.decodeGlobals(EntityCodec.encode(globals)) == globals, "\(name)")
            }
        }
    }

    @Test("no sequence approves a report without the required distinct eligible approvers at every step")
    func approvalNeedsEveryQuorum() async throws {
        let simulations = try Self.simulations()
        await propertyCheck(count: 150, input: Self.numbers) { numbers in
            for (name, start) in simulations {
                var simulation = start
                simulation.run(numbers)
                for report in simulation.engine.state.reports.values where report.status == .approved {
                    Self.checkApproval(report, name: name)
                }
            }
        }
    }

    @Test("an approval of an earlier revision stands after a change to no material field (a case the property found)")
    func approvalsStandAcrossNonMaterialRevisions() throws {
        var simulation = Simulation.committee(formSet: try #require(Committee.formSet()))
        simulation.run([23030, 4_248_023, 17_440_255, 545_377_303, 296_073_936, 11_599_753, 144_289_523, 20_907_215])
        let report = try #require(simulation.engine.state.reports["r0"])
        #expect(report.status == .approved)
        #expect(report.revision.number == 2)
        // b1 and b2 approved revision 1; b3 returned it, the notes changed, b3 approved revision 2.
        let board = report.decisions.filter { $0.isStandingApproval && $0.step == "board" }
        #expect(board.map(\.signature.revision) == [1, 1, 2])
        Self.checkApproval(report, name: "committee")
    }

    static func checkApproval(_ report: ReportRecord, name: String) {
        var signers: [PersonID] = []
        for (index, step) in report.routing.steps.enumerated() where report.steps[index].status != .skipped {
            let standing = report.decisions.filter { $0.isStandingApproval && $0.step == step.id }
            let principals = Set(standing.map(\.signature.principal))
            #expect(report.steps[index].status == .completed, "\(name) \(report.id) step \(step.id)")
            #expect(principals.count >= step.required, "\(name) \(report.id) step \(step.id)")
            for entry in standing {
                let signature = entry.signature
                #expect(report.approvers(ofStep: index).contains(signature.principal), "\(name) \(report.id)")
                #expect(signature.signer != report.submitter && signature.principal != report.submitter)
                #expect(!report.editors.contains(signature.signer))
                // The signature names a revision of the report exactly; it may be an earlier one, for an
                // approval stands across later revisions as long as no material field changed since.
                let signed = report.revisions.first { $0.number == signature.revision }
                #expect(signed?.hash == signature.revisionHash, "\(name) \(report.id)")
                for field in report.routing.material {
                    let then = signed?.answers[field]
                    let now = report.revision.answers[field]
                    let same = then.flatMap { old in now.map { old.languageEquals($0) } } ?? (then == nil && now == nil)
                    #expect(same, "\(name) \(report.id): \(field) changed after \(signature.signer) approved")
                }
                signers.append(signature.signer)
            }
        }
        #expect(Set(signers).count == signers.count, "\(name) \(report.id): someone approved twice")
    }

    @Test("the simulations reach approvals, returns and refusals, so the properties are not vacuous")
    func simulationsCoverTheStates() throws {
        var reached: Set<ReportStatus> = []
        var codes: Set<Refusal.Code> = []
        for (_, start) in try Self.simulations() {
            for seed in 0..<40 {
                var generator = SplitMix(seed: UInt64(seed))
                let numbers = (0..<60).map { _ in Int(generator.next() % 1_000_000_000) }
                var simulation = start
                simulation.run(numbers)
                reached.formUnion(simulation.engine.state.reports.values.map(\.status))
                codes.formUnion(simulation.refusals.keys)
            }
        }
        #expect(reached == Set(ReportStatus.allCases))
        #expect(
            codes.isSuperset(of: [.timeOutOfOrder, .notAnApprover, .selfApproval, .opinionRequired, .invalidAnswers]))
    }
}

/// A tiny deterministic generator for the coverage test (SplitMix64).
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
