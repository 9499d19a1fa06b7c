import FormworkDefinitions
import FormworkDiagnostics
import Foundation
import Testing

/// Hostile or accidental input is refused quickly, with a located error, and never crashes.
@Suite struct HostileYAMLTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var id: String
        var line: Int?
        var testDescription: String { name }
    }

    static func aliasBomb(levels: Int) -> String {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...levels {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        return text
    }

    static let cases: [Case] = [
        Case(name: "alias bomb", bytes: Array(aliasBomb(levels: 9).utf8), id: "alias-expansion", line: nil),
        Case(
            name: "alias bomb as a key", bytes: Array((aliasBomb(levels: 9) + "[*a9]: boom\n").utf8), id: "complex-key",
            line: 11),
        Case(
            name: "explicit complex key", bytes: Array("form: x\n? [a, b]\n: c\n".utf8), id: "complex-key", line: 2),
        Case(
            name: "deep nesting (block)",
            bytes: Array((0..<40).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined().utf8),
            id: "yaml-too-deep", line: nil),
        Case(
            name: "deep nesting (flow, 5000 levels)",
            bytes: Array(("form: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8),
            id: "yaml-syntax", line: nil),
        Case(
            name: "sexagesimal integer",
            bytes: Array("formwork: 1:0:0:0:0:0:0:0:0:0:0:0\nname: x\nlocale: en\ninclude: []\n".utf8),
            id: "wrong-type", line: 1),
        Case(
            name: "10 MB scalar", bytes: Array(("name: " + String(repeating: "x", count: 10_000_000)).utf8),
            id: "file-too-large", line: 1),
        Case(
            name: "70 KB scalar", bytes: Array(("formwork: 1\nname: " + String(repeating: "名", count: 25_000)).utf8),
            id: "yaml-scalar-too-large", line: 2),
        Case(
            name: "120,000 values on one line",
            bytes: Array(("name: [" + String(repeating: "a,", count: 120_000) + "a]\n").utf8),
            id: "yaml-too-many-nodes", line: 1),
        Case(
            name: "duplicate keys", bytes: Array("formwork: 1\nname: a\nname: b\n".utf8), id: "duplicate-key", line: nil
        ),
        Case(
            name: "tab indentation", bytes: Array("formwork: 1\ncalendar:\n\ttimezone: UTC\n".utf8), id: "yaml-tab",
            line: 3),
        Case(
            name: "byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("formwork: 1\n".utf8), id: "byte-order-mark",
            line: 1),
        Case(
            name: "invalid UTF-8", bytes: Array("formwork: 1\nname: ab".utf8) + [0xC3, 0x28] + Array("\n".utf8),
            id: "invalid-utf8", line: 2),
        Case(name: "explicit int tag", bytes: Array("formwork: !!int 1\n".utf8), id: "yaml-tag", line: 1),
        Case(name: "custom tag", bytes: Array("formwork: !custom 1\n".utf8), id: "yaml-tag", line: 1),
        Case(
            name: "two documents", bytes: Array("formwork: 1\n---\nformwork: 2\n".utf8), id: "multiple-documents",
            line: nil),
        Case(name: "empty file", bytes: [], id: "empty-file", line: 1),
        Case(name: "NUL byte", bytes: Array("formwork: 1\nname: a\u{0}b\n".utf8), id: "yaml-syntax", line: nil),
        Case(name: "unclosed quote", bytes: Array("name: \"abc\n".utf8), id: "yaml-syntax", line: nil),
        Case(name: "undefined alias", bytes: Array("name: *nowhere\n".utf8), id: "yaml-syntax", line: nil),
    ]

    @Test(arguments: cases)
    func refusedCleanlyAndQuickly(_ hostile: Case) {
        let clock = ContinuousClock()
        var result: FormSetLoader.Result?
        let elapsed = clock.measure {
            result = Fixtures.load(["formwork.yaml": hostile.bytes])
        }
        let diagnostics = result?.diagnostics ?? []
        let found = diagnostics.first { $0.id.rawValue == hostile.id }
        #expect(found != nil, "expected [\(hostile.id)], got \(diagnostics.map(\.id.rawValue))")
        #expect(found?.severity == .error)
        #expect(found?.location?.file == "formwork.yaml")
        if let line = hostile.line { #expect(found?.location?.line == line) }
        #expect(result?.formSet == nil || diagnostics.hasErrors)
        // Not a timing test of speed, a guard against pathological blow-ups (exponential expansion).
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    @Test func scalarsStayTextUntilFormworkConvertsThem() throws {
        let result = Fixtures.load(text: [
            "formwork.yaml": "formwork: 1\nname: no\nlocale: en\ninclude: [org.yaml]\n",
            "org.yaml": "org: on\nname: 012\npeople:\n  - {id: yes, name: '1:30', roles: []}\n",
        ])
        let set = try #require(result.formSet)
        #expect(set.manifest.name == "no")
        #expect(set.org?.id.value.rawValue == "on")
        #expect(set.org?.name == "012")
        #expect(set.org?.people.first?.name == "1:30")
    }
}
