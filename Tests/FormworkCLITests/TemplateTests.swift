import FormworkCLI
import FormworkDefinitions
import Foundation
import Testing

/// The templates `formwork init` writes are the files of templates/ in the repository, and the b2b
/// template is the shipped form set: none of them may drift (scripts/embed-templates.py syncs them).
@Suite struct TemplateTests {
    static let templates = CLI.repository.appendingPathComponent("templates")

    /// Every file under `folder`, hidden ones left out, by path relative to it.
    static func files(in folder: URL) throws -> [String: String] {
        var found: [String: String] = [:]
        let base = folder.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return found }
        for case let url as URL in walker {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true
            else { continue }
            found[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return found
    }

    static let names: [String] = {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: templates.path)) ?? []
        return entries.filter { name in
            var isFolder: ObjCBool = false
            let path = templates.appendingPathComponent(name).path
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                && isFolder.boolValue
        }.sorted()
    }()

    @Test func theEmbeddedTemplatesAreTheFoldersOfTemplates() {
        #expect(Template.all.map(\.name) == Self.names, "run scripts/embed-templates.py")
        #expect(Self.names == ["b2b", "project-sales", "retail-distribution"])
    }

    @Test(arguments: names)
    func theEmbeddedCopyEqualsTheRepository(_ name: String) throws {
        let template = try #require(Template.named(name), "run scripts/embed-templates.py")
        let onDisk = try Self.files(in: Self.templates.appendingPathComponent(name))
        let embedded = Dictionary(uniqueKeysWithValues: template.files.map { ($0.path, $0.text) })
        #expect(embedded.keys.sorted() == onDisk.keys.sorted(), "run scripts/embed-templates.py")
        for (path, text) in onDisk.sorted(by: { $0.key < $1.key }) {
            #expect(
                embedded[path] == text,
                "templates/\(name)/\(path) differs from the embedded copy: run scripts/embed-templates.py")
        }
    }

    /// templates/b2b/forms/ and workflows/ are the shipped files, only the schema comment re-pointed.
    @Test(arguments: ["forms", "workflows"])
    func theB2BTemplateCarriesTheShippedFiles(_ folder: String) throws {
        let shipped = try Self.files(in: CLI.repository.appendingPathComponent(folder))
        let copied = try Self.files(in: Self.templates.appendingPathComponent("b2b/\(folder)"))
        #expect(copied.keys.sorted() == shipped.keys.sorted(), "run scripts/embed-templates.py")
        func body(_ text: String) -> Substring { text.drop { $0 != "\n" } }
        for (path, text) in shipped {
            #expect(
                copied[path].map(body) == body(text), "templates/b2b/\(folder)/\(path): run scripts/embed-templates.py")
            #expect(
                copied[path]?.hasPrefix(
                    "# yaml-language-server: $schema=../../../schema/formwork-definitions.schema.json\n")
                    == true)
        }
    }

    /// Its manifest is hand-written (it includes an org), but keeps the shipped calendar, locales,
    /// currency and weekly budget.
    @Test func theB2BManifestKeepsTheShippedSettings() throws {
        let shipped = try #require(FormSetLoader().load(CLI.repository.path).formSet?.manifest)
        let template = try #require(
            FormSetLoader().load(Self.templates.appendingPathComponent("b2b").path).formSet?.manifest)
        #expect(template.calendar == shipped.calendar)
        #expect(template.locales == shipped.locales)
        #expect(template.defaultLocale == shipped.defaultLocale)
        #expect(template.currency?.value == shipped.currency?.value)
        func budgets(_ manifest: Manifest) -> [String: Int] {
            Dictionary(
                uniqueKeysWithValues: (manifest.audit?.budgets ?? []).map { ($0.role.value.rawValue, $0.minutes.value) }
            )
        }
        #expect(budgets(template) == budgets(shipped))
    }

    @Test(arguments: names)
    func everyYAMLFileStartsWithTheSchemaComment(_ name: String) throws {
        let template = try #require(Template.named(name))
        for file in template.files where file.path.hasSuffix(".yaml") {
            let depth = file.path.split(separator: "/").count + 1
            let expected =
                "# yaml-language-server: $schema=" + String(repeating: "../", count: depth)
                + "schema/formwork-definitions.schema.json\n"
            #expect(file.text.hasPrefix(expected), "templates/\(name)/\(file.path)")
        }
    }

    @Test(arguments: names)
    func eachTemplateSaysInOneLineWhatItIs(_ name: String) throws {
        let template = try #require(Template.named(name))
        #expect(!template.summary.isEmpty)
        #expect(template.summary.count <= 110, "\(template.summary)")
        #expect(template.summary.hasSuffix("."))
    }

    /// Every report has a supervisor signature with an opinion, and visit plans come before visits.
    @Test(arguments: names)
    func everyReportIsSignedWithAnOpinionAndVisitsArePlannedFirst(_ name: String) throws {
        let set = try #require(FormSetLoader().load(Self.templates.appendingPathComponent(name).path).formSet)
        for form in set.forms {
            let policy = try #require(form.policy.flatMap { set.policy($0.value) }, "\(form.id.value)")
            #expect(policy.decisionsNeedingOpinion.contains(.approve), "\(policy.id.value)")
            #expect(policy.steps.first?.when == nil, "\(policy.id.value): the supervisor step is unconditional")
        }
        let entries = set.workflows.flatMap(\.stages).flatMap(\.forms)
        let plans = set.forms.map(\.id.value.rawValue).filter { $0.hasSuffix("visit_plan") }
        #expect(!plans.isEmpty)
        let records = entries.filter { entry in
            set.forms.first { $0.id.value == entry.form.value }?.fields.contains {
                $0.type.value == .report && plans.contains($0.reportForm?.value.rawValue ?? "")
            } ?? false
        }
        #expect(!records.isEmpty)
        for record in records {
            #expect(
                record.after.contains { plans.contains($0.value.rawValue) }, "\(record.form.value) waits for its plan")
        }
    }

    /// docs/templates.md says why each form of each template exists.
    @Test func theDocumentationNamesEveryForm() throws {
        let doc = try String(
            contentsOf: CLI.repository.appendingPathComponent("docs/templates.md"), encoding: .utf8)
        for name in Self.names {
            #expect(doc.contains("`\(name)`"), "docs/templates.md does not describe \(name)")
            let set = try #require(FormSetLoader().load(Self.templates.appendingPathComponent(name).path).formSet)
            for form in set.forms {
                #expect(doc.contains("`\(form.id.value)`"), "docs/templates.md does not explain \(form.id.value)")
            }
        }
    }
}
