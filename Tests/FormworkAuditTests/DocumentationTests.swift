import FormworkAudit
import Foundation
import Testing

/// Every finding id is documented in docs/audit.md, and every documented id exists.
@Suite struct DocumentationTests {
    @Test func everyFindingIDIsDocumented() throws {
        let doc = try String(
            contentsOf: Sets.repository.appendingPathComponent("docs/audit.md"), encoding: .utf8)
        let ids = Set(Audit.findingIDs.map(\.rawValue))
        #expect(ids.count >= 24)
        for id in ids.sorted() {
            #expect(doc.contains("### `\(id)`"), "docs/audit.md has no section for \(id)")
        }
        let documented = Set(doc.matches(of: /### `(audit\.[a-z.-]+)`/).map { String($0.output.1) })
        #expect(documented == ids)
    }

    @Test func idsNameTheirCategory() {
        for id in Audit.findingIDs {
            let parts = id.rawValue.split(separator: ".")
            #expect(parts.count == 3 && parts[0] == "audit", "\(id)")
            #expect(FindingCategory(rawValue: String(parts[1])) != nil, "\(id)")
        }
    }
}
