import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Testing

/// A submission's answers are a list in the order given (`GivenAnswers`): it must read and change like the dictionary
/// it replaced, and the order answers come in must change nothing the engine decides or records.
@Suite("Given answers")
struct GivenAnswersTests {
    @Test("keeps the order given; setting an answer again replaces it in its place, nil removes it")
    func orderAndReplacement() {
        var answers: GivenAnswers = ["b": .text("1"), "a": .text("2"), "b": .text("3")]
        #expect(answers.keys == ["b", "a"])
        #expect(answers["b"] == .text("3"))
        answers["c"] = .text("4")
        answers["a"] = .text("5")
        #expect(answers.map(\.field) == ["b", "a", "c"])
        #expect(answers.map(\.answer) == [.text("3"), .text("5"), .text("4")])
        answers["b"] = nil
        answers["missing"] = nil
        #expect(answers.keys == ["a", "c"])
        #expect(answers["b"] == nil)
        #expect(answers.count == 2)
    }

    @Test("a dictionary's answers are sorted by id; merging sets the other's answers over these")
    func dictionaryAndMerge() {
        let answers = GivenAnswers(["z": .text("1"), "m": .text("2"), "a": .text("3")])
        #expect(answers.keys == ["a", "m", "z"])
        let merged = answers.merging(["m": .text("new"), "q": .text("added")])
        #expect(merged.keys == ["a", "m", "z", "q"])
        #expect(merged["m"] == .text("new"))
        #expect(merged.dictionary == ["a": .text("3"), "m": .text("new"), "z": .text("1"), "q": .text("added")])
    }

    @Test("equal when the same fields have the same answers, whatever the order")
    func equality() {
        let one: GivenAnswers = ["a": .text("1"), "b": .text("2")]
        let other: GivenAnswers = ["b": .text("2"), "a": .text("1")]
        #expect(one == other)
        #expect(Set([one, other]).count == 1)
        #expect(one != ["a": .text("1"), "b": .text("3")])
        #expect(one != ["a": .text("1")])
    }

    /// The same answers in the form's order, reversed and shuffled: the same events (revision, hash, routing), and
    /// the same refusal, field by field, when some are wrong or name no field of the form.
    @Test("the order of the answers changes neither the report nor a refusal")
    func orderChangesNothing() throws {
        let set = try #require(Examples.acme)
        let good = Funnel.customerInformation()
        var bad = good
        bad["company_name"] = .text("")
        bad["company_size"] = .text("huge")
        bad["website"] = .text("ftp://hpm")
        bad["no_such_field"] = .text("x")
        bad["another_unknown"] = .text("y")
        for answers in [good, bad] {
            // Every third answer first, then the others: a fixed shuffle.
            let shuffled = answers.indices.filter { $0 % 3 == 2 } + answers.indices.filter { $0 % 3 != 2 }
            var outcomes: [Result<[Event], Refusal>] = []
            for order in [Array(answers.indices), answers.indices.reversed(), shuffled] {
                var given = GivenAnswers()
                for index in order { given.append(uniqueField: answers[index].field, answers[index].answer) }
                #expect(given == answers)
                let command = Command.submit(
                    .init(
                        report: "r-1", form: "customer_information", customer: "hpm", answers: given, by: "lin.hao",
                        at: at("2026-03-02T09:00:00+08:00")))
                outcomes.append(Engine(formSet: set).handle(command))
            }
            #expect(outcomes[1] == outcomes[0])
            #expect(outcomes[2] == outcomes[0])
            if answers == bad {
                guard case .failure(let refusal) = outcomes[0] else {
                    Issue.record("bad answers were accepted")
                    continue
                }
                #expect(
                    refusal.fieldErrors.map(\.field) == [
                        "company_name", "company_size", "website", "another_unknown", "no_such_field",
                    ])
            }
        }
    }
}
