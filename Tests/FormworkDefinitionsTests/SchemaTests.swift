import FormworkDefinitions
import FormworkTestSupport
import Foundation
import Testing

@Suite struct SchemaTests {
    static let schemaFile = Fixtures.repository.appendingPathComponent("schema/\(DefinitionSchema.fileName)")

    @Test("the shipped schema file is what 'formwork schema --definitions' prints")
    func shippedSchemaIsCurrent() throws {
        try expectGolden(DefinitionSchema.json(), at: Self.schemaFile)
        let object = try JSONSerialization.jsonObject(with: Data(DefinitionSchema.json().utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        let definitions = try #require(object?["definitions"] as? [String: Any])
        for kind in ["manifest", "form", "field", "workflow", "policy", "choices", "org"] {
            #expect(definitions[kind] != nil, "no definition for \(kind)")
        }
        // Completion offers every field type Formwork knows.
        let field = try #require(definitions["field"] as? [String: Any])
        let type = try #require((field["properties"] as? [String: Any])?["type"] as? [String: Any])
        #expect(type["enum"] as? [String] == FieldType.allCases.map(\.rawValue))
    }

    @Test("every shipped definition file names the schema on its first line, by a path that resolves")
    func shippedFilesCarryTheModeline() throws {
        let root = Fixtures.repository
        var names = ["formwork.yaml"]
        for folder in ["forms", "workflows", "examples"] {
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let name = enumerator?.nextObject() as? String {
                if name.hasSuffix(".yaml") { names.append(folder + "/" + name) }
            }
        }
        #expect(names.count > 40)
        for name in names {
            let file = root.appendingPathComponent(name)
            let first = try String(contentsOf: file, encoding: .utf8).prefix { $0 != "\n" }
            let prefix = "# yaml-language-server: $schema="
            #expect(first.hasPrefix(prefix), "\(name) does not start with the schema comment")
            let target = file.deletingLastPathComponent().appendingPathComponent(String(first.dropFirst(prefix.count)))
            #expect(target.standardizedFileURL.path == Self.schemaFile.standardizedFileURL.path, "\(name): \(first)")
        }
    }

    @Test("a form's answer schema lists its fields, their types, options and the answers always required")
    func answerSchema() throws {
        let result = FormSetLoader().load(Fixtures.repository.appendingPathComponent("examples/acme-industrial").path)
        let formSet = try #require(result.formSet)
        let form = try #require(formSet.forms.first { $0.id.value == "customer_information" })
        let text = AnswerSchema.json(for: form, in: formSet)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(object["additionalProperties"] as? Bool == false)
        let required = try #require(object["required"] as? [String])
        #expect(required.contains("company_name"))
        // Shown only for 'other': never required by the schema, the engine judges it.
        #expect(!required.contains("industry_other"))
        let properties = try #require(object["properties"] as? [String: Any])
        // An answer always required takes no `null` (and a text no blank), as the engine says "… is required".
        let industry = try #require(properties["industry"] as? [String: Any])
        #expect(industry["anyOf"] == nil)
        let choices = try #require(industry["enum"] as? [String])
        #expect(choices.contains("machinery"))
        #expect(choices.contains("other"))
        let name = try #require(properties["company_name"] as? [String: Any])
        #expect(name["type"] as? String == "string" && name["anyOf"] == nil)
        #expect((name["allOf"] as? [[String: Any]])?.first?["pattern"] as? String == "\\S")
        // An optional text may be blank, which the engine takes for no answer, as it takes `null`.
        let website = try #require((properties["website"] as? [String: Any])?["anyOf"] as? [[String: Any]])
        #expect(website.count == 3)
        #expect(website[1]["pattern"] as? String == "^\\s*$")
        #expect(website[2]["type"] as? String == "null")
        // Display-only and computed fields take no answer.
        for field in form.fields where field.type.value == .note || field.compute != nil {
            #expect(properties[field.id.value.rawValue] == nil)
        }
        // Typed as `--from` takes them: a number or a boolean given as text is refused there, so the schema
        // does not offer text for them.
        let qualification = try #require(formSet.forms.first { $0.id.value == "customer_qualification" })
        let schema = try #require(
            try JSONSerialization.jsonObject(with: Data(AnswerSchema.json(for: qualification, in: formSet).utf8))
                as? [String: Any])
        let fields = try #require(schema["properties"] as? [String: [String: Any]])
        func types(_ id: String) -> [String] {
            ((fields[id]?["anyOf"] as? [[String: Any]]) ?? []).compactMap { $0["type"] as? String }
        }
        #expect(types("budget_amount") == ["number", "null"])
        #expect(types("decision_maker_met") == ["boolean", "null"])
        // An empty list is no answer too, whatever the list's `items.min`.
        #expect(types("pain_points") == ["array", "array", "null"])
        #expect(((fields["pain_points"]?["anyOf"] as? [[String: Any]]) ?? [])[1]["maxItems"] as? Int == 0)
        // What the engine checks and the schema can say: a range, a count of items, items given once.
        func typed(_ id: String) -> [String: Any] { ((fields[id]?["anyOf"] as? [[String: Any]]) ?? [[:]])[0] }
        #expect((typed("budget_amount")["minimum"] as? NSNumber)?.intValue == 0)
        #expect((typed("pain_points")["maxItems"] as? Int) == 5)
        #expect((typed("pain_points")["uniqueItems"] as? Bool) == true)
    }
}
