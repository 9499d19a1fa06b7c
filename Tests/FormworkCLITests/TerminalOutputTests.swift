import Foundation
import Testing

/// What the real binary writes to its standard streams never acts on the reader's terminal, whatever text it
/// carries from the form set or the store.
@Suite(.scratch, .serialized)
struct TerminalOutputTests {
    /// The shipped forms and workflows with Acme's organisation, laid out as the example includes them, with one
    /// label carrying escape sequences (a YAML double-quoted string may write any character).
    static func formSetWithEscapes() throws -> URL {
        let root = Scratch.folder("escapes")
        let manager = FileManager.default
        try manager.createDirectory(
            at: root.appendingPathComponent("examples"), withIntermediateDirectories: true)
        for folder in ["forms", "workflows", "examples/acme-industrial"] {
            try manager.copyItem(
                at: CLI.repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let form = root.appendingPathComponent("forms/customer-information.yaml")
        let text = try String(contentsOf: form, encoding: .utf8)
        let label = "label: {en: Registered company name, zh-Hant: 公司登記名稱}"
        #expect(text.contains(label))
        try text.replacingOccurrences(
            of: label, with: #"label: {en: "Name\e[2J\e]0;owned\a\u202Eeman", zh-Hant: 公司登記名稱}"#
        ).write(to: form, atomically: true, encoding: .utf8)
        return root.appendingPathComponent("examples/acme-industrial")
    }

    @Test func showWritesALabelsEscapeSequencesAsText() throws {
        let config = try Self.formSetWithEscapes()
        let variables = [
            "FORMWORK_CONFIG": config.path, "FORMWORK_STORE": Scratch.folder("store").path,
            "FORMWORK_NOW": "2026-03-02T09:00:00+08:00",
        ]
        let filed = try CLI.spawn(
            [
                "submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao", "--set",
                "company_name=Acme TW", "--set", "industry=machinery", "--set", "contact_name=黃志明", "--set",
                "contact_phone=03-1234567", "--set", "lead_source=website",
            ], in: config, variables: variables)
        #expect(filed.status == 0, "\(filed.stderr)")
        let shown = try CLI.spawn(["show", "R-000001"], in: config, variables: variables)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains(#"Name\u001B[2J\u001B]0;owned\u0007\u202Eeman"#), "\(shown.stdout)")
        for scalar: Unicode.Scalar in ["\u{1B}", "\u{07}", "\u{202E}"] {
            #expect(!shown.stdout.unicodeScalars.contains(scalar))
        }
        // The same answers as JSON: the label is not in it, the answers read back as they were given.
        let json = try CLI.spawn(["show", "R-000001", "--json"], in: config, variables: variables)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
    }
}
