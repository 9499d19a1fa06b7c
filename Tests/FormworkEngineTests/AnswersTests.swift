import FormworkDefinitions
import FormworkLanguage
import Foundation
import Testing

@testable import FormworkEngine

/// `Answers` keeps a revision's answers as one array sorted by field id: it must read and change like the
/// dictionary it replaced.
@Suite("Answers")
struct AnswersTests {
    @Test("reads, adds, replaces and removes like a dictionary, whatever the order of the changes")
    func likeADictionary() {
        var generator = SplitMix(seed: 11)
        let names = (0..<24).map { FieldID("f\($0 * 7 % 24)") }
        var answers = Answers()
        var model: [FieldID: Value] = [:]
        for _ in 0..<2_000 {
            let field = names[Int(generator.next() % UInt64(names.count))]
            let value: Value? = generator.next() % 4 == 0 ? nil : .int(Int(generator.next() % 100))
            answers[field] = value
            model[field] = value
            #expect(answers[field] == model[field])
        }
        #expect(answers.values == model)
        #expect(answers.fields == model.keys.sorted())
        #expect(answers.count == model.count)
        #expect(answers == Answers(model))
        #expect(answers.hashValue == Answers(model).hashValue)
        for field in names { #expect(answers[field] == model[field]) }
    }

    @Test("answers made from a dictionary keep no empty value, and compare equal whatever order they came in")
    func fromADictionary() {
        let answers = Answers(["b": .int(2), "a": .string("x"), "gone": .null, "c": .list([])])
        #expect(answers.fields == ["a", "b", "c"])
        #expect(answers["gone"] == nil)
        #expect(answers["c"] == .list([]))
        #expect(Answers(["a": .string("x"), "c": .list([]), "b": .int(2)]) == answers)
        #expect(Answers(["a": .string("y"), "c": .list([]), "b": .int(2)]) != answers)
    }

    @Test("JSON and snapshot round trips, and one revision hash however the answers were made")
    func codingAndHash() throws {
        let values: [FieldID: Value] = [
            "amount": .decimal(Decimal(string: "12.50")!), "zeta": .bool(true), "alpha": .string("é"),
            "lines": .list([.record(Record(name: "row", fields: [.init(name: "qty", value: .int(3))]))]),
        ]
        let answers = Answers(values)
        #expect(try JSONDecoder().decode(Answers.self, from: JSONEncoder().encode(answers)) == answers)
        var simulation = Simulation.acme(formSet: try #require(Examples.acme))
        var generator = SplitMix(seed: 3)
        simulation.run((0..<40).map { _ in Int(generator.next() % 1_000_000_000) })
        var report = try #require(simulation.engine.state.reports.values.first)
        report.revisions[0].answers = answers
        #expect(try EntityCodec.decodeReport(EntityCodec.encode(report)).revisions[0].answers == answers)
        let byDictionary = Revision.hash(report: "r-1", number: 1, form: "f", formVersion: "v", answers: values)
        #expect(Revision.hash(report: "r-1", number: 1, form: "f", formVersion: "v", answers: answers) == byDictionary)
        // A submission writes its revision's answers from the form plan's written ids (`revisionHash`): the same
        // hash as from the answers themselves, for every report the simulation filed.
        let filed = simulation.engine.state.reports.values.filter { $0.revisions[0].number == 1 }
        #expect(!filed.isEmpty)
        for filedReport in filed {
            let first = filedReport.revisions[0]
            let byValues = Dictionary(uniqueKeysWithValues: first.answers.entries.map { ($0.field, $0.value) })
            #expect(
                Revision.hash(
                    report: filedReport.id, number: 1, form: filedReport.form, formVersion: first.formVersion,
                    answers: byValues) == first.hash)
        }
    }

    @Test("entries out of order are sorted, and of two entries of one id the later one is kept")
    func unsortedEntries() {
        let answers = Answers(entries: [
            Answers.Entry(field: "b", value: .int(1)), Answers.Entry(field: "a", value: .int(2)),
            Answers.Entry(field: "b", value: .int(3)),
        ])
        #expect(answers.fields == ["a", "b"])
        #expect(answers["b"] == .int(3))
    }
}
