import FormworkLanguage
import Foundation
import Testing

/// Keeps docs/condition-language.md honest: its examples must parse and type check cleanly.
@Suite("Documentation")
struct DocumentationTests {
    static let row = RecordType(name: "items", ["amount": .decimal, "product": .string])

    static let environment: TypeEnvironment = [
        "amount": .decimal, "visit_type": .string, "customer_contact": .string, "discount_rate": .decimal,
        "visit_date": .date, "items": .list(.record(row)), "value": .string, "outcome": .string, "notes": .string,
        "tags": .list(.string), "code": .string, "email": .string, "city": .string, "checked_in": .datetime,
        "follow_up": .date, "variance": .decimal, "discount": .decimal,
    ]

    static func document() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appending(path: "docs/condition-language.md"), encoding: .utf8)
    }

    /// The lines of the first code block, and the last column of the function table.
    static func examples() throws -> [String] {
        let lines = try document().components(separatedBy: "\n")
        guard let open = lines.firstIndex(of: "```"), let close = lines[(open + 1)...].firstIndex(of: "```") else {
            return []
        }
        var result = Array(lines[(open + 1)..<close])
        guard let functions = lines.firstIndex(of: "## Functions") else { return result }
        for line in lines[functions...].prefix(while: { !$0.hasPrefix("Notes:") }) where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if let last = cells.last, last.hasPrefix("`"), last.hasSuffix("`") {
                result.append(String(last.dropFirst().dropLast()))
            }
        }
        return result
    }

    @Test("there are examples to check")
    func examplesFound() throws {
        #expect(try DocumentationTests.examples().count >= 30)
    }

    @Test("every example in the reference parses and type checks without a diagnostic")
    func examplesCheck() throws {
        for example in try DocumentationTests.examples() {
            let parsed = Parser.parse(example)
            guard let expression = parsed.expression else {
                Issue.record("\(example): \(parsed.diagnostics)")
                continue
            }
            let result = TypeChecker.check(expression, in: DocumentationTests.environment)
            #expect(result.diagnostics.isEmpty, "\(example): \(result.diagnostics)")
        }
    }

    @Test("every diagnostic id is documented")
    func diagnosticIDsDocumented() throws {
        let document = try DocumentationTests.document()
        for id in ExpressionDiagnosticID.all {
            #expect(document.contains("| `\(id)` |"), "\(id)")
        }
    }

    @Test("every function is documented")
    func functionsDocumented() throws {
        let document = try DocumentationTests.document()
        for function in BuiltinFunction.allCases {
            #expect(document.contains("`\(function.name)("), "\(function.name)")
        }
    }
}
