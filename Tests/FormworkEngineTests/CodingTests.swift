import FormworkDefinitions
import FormworkLanguage
import Foundation
import Testing

@testable import FormworkEngine

@Suite struct CodingTests {
    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesTheStandardVectors(_ text: String, _ digest: String) {
        #expect(RevisionDigest.hex(of: Array(text.utf8)) == digest)
    }

    @Test func sha256HandlesMessagesAcrossBlockBoundaries() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(RevisionDigest.hex(of: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func theRevisionHashIsStableAndSeesEveryAnswer() {
        let answers: [FieldID: Value] = [
            "amount": .decimal(Decimal(string: "1200.50") ?? 0),
            "visit_date": .date(LocalDate("2026-03-02") ?? .minimum),
            "tags": .list([.string("a"), .string("b")]),
        ]
        let hash = Revision.hash(report: "r-1", number: 1, form: "capex", formVersion: "abc", answers: answers)
        #expect(hash == Revision.hash(report: "r-1", number: 1, form: "capex", formVersion: "abc", answers: answers))
        var changed = answers
        changed["amount"] = .decimal(Decimal(string: "1200.51") ?? 0)
        #expect(hash != Revision.hash(report: "r-1", number: 1, form: "capex", formVersion: "abc", answers: changed))
        #expect(hash != Revision.hash(report: "r-1", number: 2, form: "capex", formVersion: "abc", answers: answers))
        // 1200.50 and 1200.5 are the same number, so the same revision.
        changed["amount"] = .decimal(Decimal(string: "1200.5") ?? 0)
        #expect(hash == Revision.hash(report: "r-1", number: 1, form: "capex", formVersion: "abc", answers: changed))
        #expect(
            CanonicalText.answers(Dictionary(uniqueKeysWithValues: answers.map { ($0.key.rawValue, $0.value) }))
                == #"{"amount":{"decimal":"1200.5"},"tags":["a","b"],"visit_date":{"date":"2026-03-02"}}"#)
    }

    @Test func eventsHaveAKindAndABody() throws {
        let event = Event.stepOpened(
            StepOpened(
                report: "r-1", step: "supervisor", at: at("2026-03-02T09:00:00+08:00"),
                remindAt: at("2026-03-03T23:59:59+08:00"), dueAt: nil))
        #expect(
            try Self.json(event)
                == #"{"body":{"at":"2026-03-02T09:00:00+08:00","remindAt":"2026-03-03T23:59:59+08:00","report":"r-1","#
                + #""step":"supervisor"},"kind":"step-opened"}"#)
        #expect(Event.kinds.count == 15)
        let published = Event.formSetPublished(
            FormSetPublished(
                number: 2, version: "abc", replaces: "def", proposal: "R-000006", by: "wang.li",
                at: at("2026-03-02T11:20:00+08:00")))
        #expect(
            try Self.json(published)
                == #"{"body":{"at":"2026-03-02T11:20:00+08:00","by":"wang.li","number":2,"proposal":"R-000006","#
                + #""replaces":"def","version":"abc"},"kind":"form-set-published"}"#)
        #expect(try JSONDecoder().decode(Event.self, from: Data(try Self.json(published).utf8)) == published)
    }

    @Test func answersKeepEveryTypeExactly() throws {
        let row = Record(name: "row", ["product": .string("bearing_6204"), "quantity": .int(200), "line_total": .null])
        let answers = Answers([
            "products": .list([.record(row)]), "amount": .decimal(Decimal(string: "0.1") ?? 0), "done": .bool(false),
            "when": .datetime(at("2026-03-02T09:30:00+08:00")), "day": .date(LocalDate("2026-03-02") ?? .minimum),
        ])
        let text = try Self.json(answers)
        #expect(
            text
                == #"{"amount":{"decimal":"0.1"},"day":{"date":"2026-03-02"},"done":false,"#
                + #""products":[{"record":[{"product":"bearing_6204"},{"quantity":200},{"line_total":null}]}],"#
                + #""when":{"datetime":"2026-03-02T09:30:00+08:00"}}"#)
        let decoded = try JSONDecoder().decode(Answers.self, from: Data(text.utf8))
        #expect(decoded == answers)
        guard case .list(let rows) = decoded["products"], case .record(let record) = rows.first else {
            Issue.record("rows lost")
            return
        }
        #expect(record.fields.map(\.name) == ["product", "quantity", "line_total"])
    }

    @Test func aWholeFunnelRoundTripsThroughJSON() throws {
        var funnel = try Funnel()
        try funnel.walkToClose("hpm")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for event in funnel.journal {
            let data = try encoder.encode(event)
            #expect(try JSONDecoder().decode(Event.self, from: data) == event)
        }
        let state = try JSONDecoder().decode(EngineState.self, from: encoder.encode(funnel.engine.state))
        #expect(state == funnel.engine.state)
        #expect(Engine.replaying(funnel.journal, formSet: funnel.engine.formSet).state == funnel.engine.state)
    }

    @Test func refusalsEncodeTheirCodeAndCategory() throws {
        let refusal = Refusal(.selfApproval, "lin.hao filed report r-1 and may not decide on it")
        #expect(
            try Self.json(refusal)
                == #"{"category":"not-authorised","code":"self-approval","fieldErrors":[],"#
                + #""message":"lin.hao filed report r-1 and may not decide on it"}"#)
    }
}
