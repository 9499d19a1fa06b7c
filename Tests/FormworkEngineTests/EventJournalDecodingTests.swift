import FormworkDefinitions
import FormworkLanguage
import Foundation
import PropertyBased
import Testing

@testable import FormworkEngine

/// The hand-written journal reader (docs/design/event-json.md) reads exactly what the hand-written
/// writer writes, to the value `JSONDecoder` reads, and leaves every other body to `JSONDecoder`.
@Suite struct EventJournalDecodingTests {
    static func foundation(_ bytes: [UInt8]) -> Event? {
        try? JSONDecoder().decode(Event.self, from: Data(bytes))
    }

    /// Whether two events are the same, offsets of timestamps included (`==` compares instants).
    static func same(_ left: Event?, _ right: Event?) -> Bool {
        guard let left, let right else { return left == nil && right == nil }
        return left == right && left.journalJSON == right.journalJSON
    }

    @Test(arguments: EventJSONTests.texts)
    func everyKindRoundTripsAndReadsAsJSONDecoderReadsIt(_ text: String) throws {
        for value in EventJSONTests.values {
            for event in EventJSONTests.events(text: text, value: value) {
                let bytes = event.journalJSON
                let read = try #require(
                    Event(handWrittenJSON: bytes), "\(event.kind): \(String(decoding: bytes, as: UTF8.self))")
                #expect(Self.same(read, event), "\(event.kind) round trip")
                #expect(Self.same(read, Self.foundation(bytes)), "\(event.kind) as JSONDecoder reads it")
                #expect(Self.same(Event.fromJournal(bytes), event))
            }
        }
    }

    @Test("the events of random command sequences read back as JSONDecoder reads them")
    func simulatedJournalsReadAsJSONDecoderReadsThem() async throws {
        let simulations = [
            Simulation.committee(formSet: try #require(Committee.formSet())),
            Simulation.acme(formSet: try #require(Examples.acme)),
        ]
        await propertyCheck(count: 30, input: EnginePropertyTests.numbers) { numbers in
            for start in simulations {
                var simulation = start
                simulation.run(numbers)
                for event in simulation.journal {
                    let bytes = event.journalJSON
                    let read = Event(handWrittenJSON: bytes)
                    #expect(read != nil, "\(event.kind)")
                    #expect(Self.same(read, event))
                    #expect(Self.same(read, Self.foundation(bytes)))
                }
            }
        }
    }

    /// The same JSON spelled otherwise (spaces, another key order, other escapes, `null` for an
    /// absent optional): not read by hand, and `fromJournal` gives what `JSONDecoder` gives.
    @Test(arguments: [
        #"{ "body":{"at":"2026-03-01T09:00:00Z","report":"R-1"},"kind":"report-approved"}"#,
        #"{"kind":"report-approved","body":{"at":"2026-03-01T09:00:00Z","report":"R-1"}}"#,
        #"{"body":{"report":"R-1","at":"2026-03-01T09:00:00Z"},"kind":"report-approved"}"#,
        #"{"body":{"at":"2026-03-01T09:00:00Z","by":null,"report":"R-1"},"kind":"report-approved"}"#,
        #"{"body":{"at":"2026-03-01T09:00:00Z","report":"R\/1"},"kind":"report-approved"}"#,
        #"{"body":{"at":"2026-03-01T09:00:00Z","report":"\u0052-1"},"kind":"report-approved"}"#,
        #"{"body":{"at":"2026-03-01T09:00:00Z","report":"R-1"},"kind":"report-approved"} "#,
        #"{"body":{"at":"2026-03-01T09:00:00z","report":"R-1"},"kind":"report-approved"}"#,
        #"{"body":{"at":"2026-03-01T09:00:00.5Z","report":"R-1"},"kind":"report-approved"}"#,
        #"{"body":{"approvals":[{"revision":1.0,"signer":"u","step":"s"}],"at":"2026-03-01T09:00:00Z","fields":[],"report":"r","revision":2},"kind":"approvals-voided"}"#,
        #"{"body":{"approvals":[],"at":"2026-03-01T09:00:00Z","fields":[],"report":"r","revision":1e0},"kind":"approvals-voided"}"#,
    ])
    func otherSpellingsAreLeftToJSONDecoder(_ text: String) throws {
        let bytes = Array(text.utf8)
        #expect(Event(handWrittenJSON: bytes) == nil)
        #expect(Self.same(Event.fromJournal(bytes), Self.foundation(bytes)))
    }

    /// Bodies that are not events: nil both ways, never a crash.
    @Test(arguments: [
        "", "{", "}", "{}", "null", "[]", #"{"body":{},"kind":"report-approved"}"#,
        #"{"body":{"at":"2026-03-01T09:00:00Z","report":"R-1"},"kind":"report-exploded"}"#,
        #"{"body":{"at":"2026-02-30T09:00:00Z","report":"R-1"},"kind":"report-approved"}"#,
        #"{"body":{"at":"2026-03-01T24:00:00Z","report":"R-1"},"kind":"report-approved"}"#,
        #"{"body":{"at":"2026-03-01T09:00:00Z","report":"R-1"},"kind":"report-approved"}}"#,
        #"{"body":{"at":"2026-03-01T09:00:00Z","report":"R-1"},"kind":"report-approved""#,
        #"{"body":{"at":"2026-03-01T09:00:00Z","report":"R-1},"kind":"report-approved"}"#,
        #"{"body":{"approvals":[],"at":"2026-03-01T09:00:00Z","fields":[],"report":"r","revision":99999999999999999999},"kind":"approvals-voided"}"#,
        #"{"body":{"decision":"maybe","report":"r","signature":{"at":"2026-03-01T09:00:00Z","meaning":"m","name":"n","revision":1,"revisionHash":"h","signer":"u"},"step":"s"},"kind":"decision-recorded"}"#,
        "{\"body\":{\"at\":\"2026-03-01T09:00:00Z\",\"report\":\"R-\u{1}\"},\"kind\":\"report-approved\"}",
    ])
    func malformedBodiesAreNotEvents(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(Event(handWrittenJSON: bytes) == nil)
        #expect(Event.fromJournal(bytes) == nil)
    }

    @Test func decimalsAreReadInTheWritersShapeOnly() {
        for text in ["0", "-1", "1200", "1200.50", "-0.001", "123456789012345678901234567890"] {
            #expect(JournalReader.isPlainDecimal(text), "\(text)")
        }
        for text in ["", "-", ".5", "5.", "1e3", "+1", " 1", "1 ", "1.2.3", "1,5", "٣", "0x1", "NaN"] {
            #expect(!JournalReader.isPlainDecimal(text), "\(text)")
        }
    }

    @Test func invalidUTF8IsNotAnEvent() {
        var bytes = Array(#"{"body":{"at":"2026-03-01T09:00:00Z","report":"R-1"},"kind":"report-approved"}"#.utf8)
        #expect(Event(handWrittenJSON: bytes) != nil)
        for bad: [UInt8] in [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe6, 0x9c]] {
            bytes =
                Array(#"{"body":{"at":"2026-03-01T09:00:00Z","report":"R"#.utf8) + bad
                + Array(#""},"kind":"report-approved"}"#.utf8)
            #expect(Event(handWrittenJSON: bytes) == nil)
            #expect(Self.same(Event.fromJournal(bytes), Self.foundation(bytes)))
        }
    }

    /// Every prefix of a body, and every byte of it replaced by a few others: the hand-written
    /// reader either refuses, or reads what `JSONDecoder` reads.
    @Test func damagedBodiesAreRefusedOrReadAsJSONDecoderReadsThem() {
        let events = EventJSONTests.events(text: "a\"\\/\n\u{1}客😀", value: .decimal(Decimal(string: "12.5") ?? 0))
        for event in events {
            let bytes = event.journalJSON
            for end in 0..<bytes.count {
                #expect(Event(handWrittenJSON: Array(bytes[..<end])) == nil)
            }
            guard ["report-submitted", "decision-recorded", "approvals-voided", "step-opened"].contains(event.kind)
            else { continue }
            for index in bytes.indices {
                for replacement: UInt8 in [0x00, 0x22, 0x5c, 0x7d, 0x2c, 0x31, 0x61, 0xff]
                where bytes[index] != replacement {
                    var damaged = bytes
                    damaged[index] = replacement
                    guard let read = Event(handWrittenJSON: damaged) else { continue }
                    #expect(Self.same(read, Self.foundation(damaged)), "\(String(decoding: damaged, as: UTF8.self))")
                }
            }
        }
    }

    /// A record altered to number its revision or version `Int.max` (checksum and chain written anew) is not an
    /// event this Formwork reads: the next resubmission or publication would count on from it and trap.
    @Test func numbersBeyondTheLimitsAreNotRead() throws {
        func published(_ number: Int) -> Event {
            .formSetPublished(
                FormSetPublished(
                    number: number, version: "sha256:00", replaces: nil, proposal: "R-1", by: "admin",
                    at: at("2026-03-02T00:00:00Z")))
        }
        #expect(Event.fromJournal(published(3).journalJSON) == published(3))
        #expect(Event.fromJournal(published(Int.max).journalJSON) == nil)
        #expect(Event.fromJournal(published(0).journalJSON) == nil)
    }
}
