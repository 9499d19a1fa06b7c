import Foundation
import Testing

/// What the real binary writes to its standard streams never acts on the reader's terminal, whatever text it
/// carries from the store or the command line.
@Suite(.scratch, .serialized)
struct TerminalOutputTests {
    static let acme = CLI.repository.appendingPathComponent("examples/acme-industrial")

    /// Files R-000001 for acme-tw with a company name holding a right-to-left override (an answer may: it is
    /// not a control character, but shown as it is it reverses the rest of the line).
    static func fileReversingName(variables: [String: String]) throws {
        let filed = try CLI.spawn(
            [
                "submit", "customer_information", "--customer", "acme-tw", "--as", "lin.hao", "--set",
                "company_name=Acme \u{202E}WT", "--set", "industry=machinery", "--set", "contact_name=黃志明", "--set",
                "contact_phone=03-1234567", "--set", "lead_source=website",
            ], in: acme, variables: variables)
        #expect(filed.status == 0, "\(filed.stderr)")
        #expect(!filed.stdout.unicodeScalars.contains("\u{202E}"))
    }

    static func variables(store: URL) -> [String: String] {
        ["FORMWORK_CONFIG": acme.path, "FORMWORK_STORE": store.path, "FORMWORK_NOW": "2026-03-02T09:00:00+08:00"]
    }

    @Test func showWritesAnAnswersDirectionOverrideAsText() throws {
        let variables = Self.variables(store: Scratch.folder("store"))
        try Self.fileReversingName(variables: variables)
        let shown = try CLI.spawn(["show", "R-000001"], in: Self.acme, variables: variables)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains(#"Acme \u202EWT"#), "\(shown.stdout)")
        #expect(!shown.stdout.unicodeScalars.contains("\u{202E}"))
        // As JSON the answer reads back exactly as it was given.
        let json = try CLI.spawn(["show", "R-000001", "--json"], in: Self.acme, variables: variables)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(!json.stdout.unicodeScalars.contains("\u{202E}"))
        #expect(json.stdout.contains(#"Acme \u202EWT"#))
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
    }

    @Test func anErrorNamingAPathWritesItsEscapesAsText() throws {
        let folder = Scratch.folder("config").path + "/acme\u{1B}]0;owned\u{07}\u{1B}[2J"
        let result = try CLI.spawn(["inbox", "--as", "lin.hao", "--config", folder], in: Self.acme)
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains(#"acme\u001B]0;owned\u0007\u001B[2J"#), "\(result.stderr)")
        #expect(!result.stderr.unicodeScalars.contains("\u{1B}"))
        #expect(!result.stderr.unicodeScalars.contains("\u{07}"))
    }
}
