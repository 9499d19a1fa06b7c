import FormworkLanguage
import Foundation
import Testing

@Suite("Values")
struct ValueTests {
    @Test("a value's type is read off the value")
    func types() {
        #expect(Value.list([.null, .int(1), .decimal(2)]).type == .list(.decimal))
        #expect(Value.list([.int(1), .string("a")]).type == .list(.any))
        #expect(Value.list([]).type == .list(.any))
        #expect(Value.string("a").type == .string)
        let record = Record(name: "submitter", ["region": .string("north")])
        #expect(Value.record(record).type == .record(RecordType(name: "submitter", ["region": .string])))
    }

    @Test("emptiness is what has() tests")
    func emptiness() {
        #expect(Value.null.isEmpty)
        #expect(Value.string("").isEmpty)
        #expect(Value.list([]).isEmpty)
        #expect(!Value.string(" ").isEmpty)
        #expect(!Value.int(0).isEmpty)
        #expect(!Value.bool(false).isEmpty)
    }

    @Test("language equality compares numbers by value and records by field")
    func equality() {
        #expect(Value.int(2).languageEquals(.decimal(2)))
        #expect(Value.int(2) != .decimal(2))
        #expect(!Value.null.languageEquals(.int(0)))
        let north = Record(name: "a", ["region": .string("north")])
        let alsoNorth = Record(name: "b", ["region": .string("north")])
        #expect(Value.record(north).languageEquals(.record(alsoNorth)))
        #expect(!Value.record(north).languageEquals(.record(Record(["region": .string("south")]))))
        #expect(Value.list([.int(1)]).languageEquals(.list([.decimal(1)])))
        #expect(Value.int(1).languageCompare(.string("1")) == nil)
    }

    @Test("values print as the language writes them")
    func descriptions() {
        #expect(Value.string("say \"hi\"\n").description == "\"say \\\"hi\\\"\\n\"")
        #expect(Value.list([.int(1), .null, .bool(true)]).description == "[1, null, true]")
        #expect(Value.date(LocalDate(year: 2026, month: 1, day: 31) ?? .minimum).description == "date(\"2026-01-31\")")
    }

    @Test("an environment can be written as a dictionary literal and lists its names")
    func environmentLiteral() {
        let environment: TypeEnvironment = ["region": .string, "amount": .decimal]
        #expect(environment.names == ["amount", "region"])
        #expect(environment.type(of: "amount") == .decimal)
        #expect(environment.binding(for: "missing") == nil)
        let later = environment.unavailable(name: "due", type: .date, reason: "asked later")
        #expect(later.binding(for: "due")?.unavailableReason == "asked later")
        #expect(environment.binding(for: "due") == nil)
    }
}
