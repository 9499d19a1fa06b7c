import ArgumentParser
import FormworkCLI
import FormworkDiagnostics
import Foundation
import Testing

/// `formwork init`: what it writes, what it refuses, and that every template it writes can be used
/// at once — checked clean, audited clean, a first report filed and signed.
@Suite(.scratch) struct InitCommandTests {
    static func newFolder() -> URL {
        Scratch.folder("init")
    }

    /// Writes `template` into a new folder and returns it.
    static func initialised(_ template: String) throws -> URL {
        let folder = newFolder()
        let outcome = try CLI.run(["init", folder.path, "--template", template])
        #expect(outcome.exitCode == .ok, "\(outcome.stderr)")
        return folder
    }

    // MARK: - Every template is usable

    @Test(arguments: TemplateTests.names)
    func theWrittenFormSetChecksWithoutAnyFinding(_ template: String) throws {
        let folder = try Self.initialised(template)
        let check = try CLI.run(["check", folder.path, "--format", "json"])
        #expect(check.exitCode == .ok)
        let report = try JSONDecoder().decode(DiagnosticReport.self, from: Data(check.stdout.utf8))
        #expect(
            report.diagnostics.isEmpty,
            "\(report.diagnostics.map { "\($0.location?.file ?? ""):\($0.location?.line ?? 0): \($0.message)" })")
        #expect(
            report.summary.files == Set(try TemplateTests.files(in: folder).keys.filter { $0.hasSuffix(".yaml") }).count
        )
    }

    @Test(arguments: TemplateTests.names)
    func theWrittenFormSetAuditsWithoutAWarning(_ template: String) throws {
        let folder = try Self.initialised(template)
        let audit = try CLI.run(["audit", folder.path, "--fail-on", "warning", "--format", "json"])
        #expect(audit.exitCode == .ok, "\(audit.stdout)")
        // The weekly burden is estimated for every role, each under the template's budget.
        let object = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any]
        let burden = try #require(object?["burden"] as? [[String: Any]])
        #expect(Set(burden.compactMap { $0["role"] as? String }) == ["rep", "supervisor", "director"])
        for role in burden { #expect(role["overBudget"] as? Bool == false, "\(role)") }
    }

    /// One step of a scenario: the command, when, and the exit code it must end with.
    struct Step: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var at: String
        var exit: FormworkExit = .ok
        var says: String?
        var testDescription: String { arguments.prefix(2).joined(separator: " ") }
    }

    /// For each template: the first report filed and signed with an opinion, then the visit record
    /// refused until its plan is signed, and accepted after.
    static let scenarios: [(String, [Step])] = [
        (
            "b2b",
            [
                Step(
                    arguments: [
                        "submit", "customer_information", "--customer", "acme-tw", "--as", "north.rep1",
                        "--set", "company_name=Acme Taiwan", "--set", "industry=machinery", "--set", "contact_name=黃志明",
                        "--set", "contact_role=decision_maker", "--set", "contact_phone=03-578-1234",
                        "--set", "lead_source=trade_show",
                    ], at: "2026-03-02T09:00:00+08:00", says: "waiting for north.supervisor"),
                Step(
                    arguments: [
                        "approve", "R-000001", "--as", "north.supervisor", "--opinion", "Good lead; qualify it.",
                    ],
                    at: "2026-03-02T14:00:00+08:00", says: "approved by north.supervisor"),
                Step(
                    arguments: [
                        "submit", "customer_qualification", "--customer", "acme-tw", "--as", "north.rep1",
                        "--set", "budget_status=approved", "--set", "need_level=urgent",
                        "--set", "pain_points=Bearings fail every 3 months", "--set",
                        "purchase_timeline=within_quarter",
                    ], at: "2026-03-03T09:00:00+08:00"),
                Step(
                    arguments: ["approve", "R-000002", "--as", "north.supervisor", "--opinion", "Urgent need: visit."],
                    at: "2026-03-03T14:00:00+08:00"),
                Step(
                    arguments: [
                        "submit", "visit_plan", "--customer", "acme-tw", "--as", "north.rep1",
                        "--set", "visit_date=2026-03-06", "--set", "objective=needs_discovery",
                        "--set", "objective_detail=Understand the bearing failures on their CNC lines.",
                        "--set", "customer_attendees=黃志明 (plant manager)", "--set", "expected_outcome=A trial order.",
                    ], at: "2026-03-04T09:00:00+08:00"),
                Step(
                    arguments: [
                        "submit", "visit_record", "--customer", "acme-tw", "--as", "north.rep1",
                        "--set", "visit_plan_report=R-000003",
                    ], at: "2026-03-04T09:10:00+08:00", exit: .failed, says: "[gate-closed]"),
                Step(
                    arguments: ["approve", "R-000003", "--as", "north.supervisor", "--opinion", "Bring failure data."],
                    at: "2026-03-04T11:00:00+08:00"),
                Step(
                    arguments: [
                        "submit", "visit_record", "--customer", "acme-tw", "--as", "north.rep1",
                        "--set", "visit_plan_report=R-000003", "--set", "objective_met=true", "--set",
                        "outcome=advanced",
                        "--set", "what_happened=Met the plant manager; reviewed three failed spindles together.",
                        "--set", "next_steps=Send a quotation", "--set", "next_follow_up_date=2026-03-10",
                    ], at: "2026-03-06T17:00:00+08:00", says: "filed R-000004"),
            ]
        ),
        (
            "retail-distribution",
            [
                Step(
                    arguments: [
                        "submit", "outlet_profile", "--customer", "n03-lins-grocery", "--as", "north.rep1",
                        "--set", "outlet_name=林記雜貨店", "--set", "channel=grocery", "--set", "size=small",
                        "--set", "address=新北市板橋區文化路一段 100 號", "--set", "route=N-03", "--set", "route_day=tue",
                        "--set", "owner_name=林老闆", "--set", "products_to_list=green_tea_600,potato_chips_75",
                        "--set", "expected_monthly_purchase=12000", "--set", "recommendation=pursue",
                    ], at: "2026-03-02T09:00:00+08:00", says: "waiting for north.supervisor"),
                Step(
                    arguments: [
                        "approve", "R-000001", "--as", "north.supervisor", "--opinion",
                        "Busy corner shop; go for the tea.",
                    ], at: "2026-03-02T14:00:00+08:00", says: "approved by north.supervisor"),
                Step(
                    arguments: [
                        "submit", "store_visit_plan", "--customer", "n03-lins-grocery", "--as", "north.rep1",
                        "--set", "visit_date=2026-03-04", "--set", "objectives=listing",
                        "--set", "approach=Offer the summer tea promotion and a free first case of green tea.",
                    ], at: "2026-03-02T15:00:00+08:00"),
                Step(
                    arguments: [
                        "submit", "store_visit_record", "--customer", "n03-lins-grocery", "--as", "north.rep1",
                        "--set", "visit_plan_report=R-000002",
                    ], at: "2026-03-02T15:10:00+08:00", exit: .failed, says: "[gate-closed]"),
                Step(
                    arguments: [
                        "approve", "R-000002", "--as", "north.supervisor", "--opinion",
                        "Ask for the shelf by the door.",
                    ], at: "2026-03-03T09:00:00+08:00"),
                Step(
                    arguments: [
                        "submit", "store_visit_record", "--customer", "n03-lins-grocery", "--as", "north.rep1",
                        "--set", "visit_plan_report=R-000002",
                        "--set", #"shelf_check=[{"product":"green_tea_600","stock":"out_of_stock","facings":0}]"#,
                        "--set", "stock_action=Took a first order of two cases.", "--set", "display_quality=poor",
                        "--set", "objectives_met=true", "--set", "listing_agreed=true",
                        "--set", "what_happened=The owner agreed to list our green tea by the door from next week.",
                    ], at: "2026-03-04T17:00:00+08:00", says: "filed R-000003"),
                Step(
                    arguments: ["approve", "R-000003", "--as", "north.supervisor", "--opinion", "Well done."],
                    at: "2026-03-05T09:00:00+08:00"),
                Step(
                    arguments: ["customer", "n03-lins-grocery"], at: "2026-03-05T09:05:00+08:00",
                    says: "outlet_funnel: stage 'listed'"),
            ]
        ),
        (
            "project-sales",
            [
                Step(
                    arguments: [
                        "submit", "opportunity_registration", "--customer", "tpe-hospital-hvac", "--as", "north.rep1",
                        "--set", "project_name=Taipei General Hospital chiller replacement",
                        "--set", "customer_name=Taipei General Hospital", "--set", "sector=healthcare",
                        "--set", "site_address=台北市中正區常德街 1 號", "--set", "solutions=hvac",
                        "--set", "procurement=public_tender", "--set", "estimated_value=8000000",
                        "--set", "decision_date=2026-06-30", "--set", "lead_source=tender_notice",
                        "--set", "contact_name=王工程師", "--set", "contact_phone=02-2312-3456",
                        "--set", "why_we_can_win=We maintain their current chillers and know the plant room.",
                    ], at: "2026-03-02T09:00:00+08:00", says: "waiting for north.supervisor"),
                Step(
                    arguments: [
                        "approve", "R-000001", "--as", "north.supervisor", "--opinion",
                        "Worth a survey; take the HVAC lead.",
                    ], at: "2026-03-02T14:00:00+08:00", says: "approved by north.supervisor"),
                Step(
                    arguments: [
                        "submit", "site_visit_plan", "--customer", "tpe-hospital-hvac", "--as", "north.rep1",
                        "--set", "visit_date=2026-03-06", "--set", "objectives=measure,requirements",
                        "--set", "customer_attendees=王工程師 (facilities)", "--set", "our_team=陳技師 (HVAC engineer)",
                        "--set", "to_measure=Plant room size,Crane access",
                    ], at: "2026-03-03T09:00:00+08:00"),
                Step(
                    arguments: [
                        "submit", "requirement_record", "--customer", "tpe-hospital-hvac", "--as", "north.rep1",
                        "--set", "site_visit_plan_report=R-000002",
                    ], at: "2026-03-03T09:10:00+08:00", exit: .failed, says: "[gate-closed]"),
                Step(
                    arguments: ["approve", "R-000002", "--as", "north.supervisor", "--opinion", "Check the roof too."],
                    at: "2026-03-03T14:00:00+08:00"),
                Step(
                    arguments: [
                        "submit", "requirement_record", "--customer", "tpe-hospital-hvac", "--as", "north.rep1",
                        "--set", "site_visit_plan_report=R-000002", "--set", "everything_checked=true",
                        "--set", "requirements=Replace two 500 RT chillers,Keep one running during the works",
                        "--set",
                        "site_conditions=Plant room in the basement; the crane must lift through the loading bay at night.",
                        "--set", "decision_criteria=technical,price", "--set", "budget_status=approved",
                        "--set", "proposal_due=2026-03-31", "--set", "feasible=true",
                    ], at: "2026-03-06T17:00:00+08:00", says: "filed R-000003"),
                Step(
                    arguments: ["approve", "R-000003", "--as", "north.supervisor", "--opinion", "Good survey."],
                    at: "2026-03-09T09:00:00+08:00"),
                Step(
                    arguments: ["customer", "tpe-hospital-hvac"], at: "2026-03-09T09:05:00+08:00",
                    says: "project_funnel: stage 'proposal'"),
            ]
        ),
    ]

    @Test(arguments: scenarios.map(\.0))
    func aFirstReportIsFiledAndSignedAndTheVisitWaitsForItsPlan(_ template: String) throws {
        let folder = try Self.initialised(template)
        let store = folder.appendingPathComponent(".formwork-store")
        let steps = try #require(Self.scenarios.first { $0.0 == template }?.1)
        for (index, step) in steps.enumerated() {
            let environment = CommandEnvironment(variables: [
                "FORMWORK_CONFIG": folder.path, "FORMWORK_STORE": store.path, "FORMWORK_NOW": step.at,
            ])
            let outcome = try CLI.run(step.arguments, environment: environment)
            #expect(
                outcome.exitCode == step.exit,
                "step \(index + 1) \(step.testDescription):\n\(outcome.stdout)\(outcome.stderr)")
            if let says = step.says {
                #expect(
                    (outcome.stdout + outcome.stderr).contains(says),
                    "step \(index + 1): \(outcome.stdout)\(outcome.stderr)")
            }
        }
    }

    // MARK: - What is written

    @Test(arguments: TemplateTests.names)
    func everySchemaCommentPointsAtTheWrittenSchema(_ template: String) throws {
        let folder = try Self.initialised(template)
        let schema = try CLI.run(["schema", "--definitions"]).stdout
        let files = try TemplateTests.files(in: folder)
        #expect(files["schema/formwork-definitions.schema.json"] == schema)
        let yaml = files.filter { $0.key.hasSuffix(".yaml") }
        #expect(yaml.count >= 10)
        for (path, text) in yaml {
            let first = String(text.prefix { $0 != "\n" })
            let prefix = "# yaml-language-server: $schema="
            #expect(first.hasPrefix(prefix), "\(path)")
            let target = folder.appendingPathComponent(path).deletingLastPathComponent()
                .appendingPathComponent(String(first.dropFirst(prefix.count))).standardizedFileURL
            #expect(
                target.path
                    == folder.appendingPathComponent("schema/formwork-definitions.schema.json").standardizedFileURL.path,
                "\(path)")
            #expect(FileManager.default.fileExists(atPath: target.path), "\(path): \(first)")
        }
    }

    @Test func theFilesAreTheTemplatesWithTheCommentsRepointed() throws {
        let folder = try Self.initialised("b2b")
        let written = try TemplateTests.files(in: folder)
        let source = try TemplateTests.files(in: TemplateTests.templates.appendingPathComponent("b2b"))
        #expect(Set(written.keys) == Set(source.keys).union(["schema/formwork-definitions.schema.json"]))
        func body(_ text: String) -> Substring { text.drop { $0 != "\n" } }
        for (path, text) in source where path.hasSuffix(".yaml") { #expect(written[path].map(body) == body(text)) }
        #expect(written["README.md"] == source["README.md"])
        #expect(written["forms/visit-plan.yaml"]?.hasPrefix("# yaml-language-server: $schema=../schema/") == true)
        #expect(written["formwork.yaml"]?.hasPrefix("# yaml-language-server: $schema=schema/") == true)
    }

    @Test func theOutputListsTheFilesAndWhatToRunNext() throws {
        let parent = Self.newFolder()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let outcome = try CLI.run(
            ["init", parent.appendingPathComponent("acme").path, "--template", "b2b"],
            environment: CommandEnvironment(workingDirectory: parent.path))
        #expect(outcome.exitCode == .ok)
        #expect(outcome.stderr.isEmpty)
        try expectGolden(outcome.stdout, named: "init-b2b.txt")
    }

    @Test func jsonListsTheFilesWritten() throws {
        let folder = Self.newFolder()
        let outcome = try CLI.run(["init", folder.path, "--template", "project-sales", "--json"])
        #expect(outcome.exitCode == .ok)
        struct Written: Decodable {
            struct Next: Decodable {
                var why: String
                var commands: [String]
            }
            var version: Int
            var template: String
            var directory: String
            var files: [String]
            var next: [Next]
        }
        let written = try JSONDecoder().decode(Written.self, from: Data(outcome.stdout.utf8))
        #expect(written.version == 1)
        #expect(written.template == "project-sales")
        #expect(written.directory == folder.path)
        #expect(Set(written.files) == Set(try TemplateTests.files(in: folder).keys))
        #expect(written.files.last == "formwork.yaml")
        let commands = written.next.flatMap(\.commands)
        #expect(commands.contains("formwork check \(folder.path)"))
        #expect(
            commands.contains {
                $0.hasPrefix("formwork submit opportunity_registration ") && $0.contains("--as north.rep1")
            })
        #expect(commands.contains { $0.hasPrefix("formwork approve R-000001 --as north.supervisor") })
    }

    @Test func aMissingFolderIsCreatedWithItsParents() throws {
        let folder = Self.newFolder().appendingPathComponent("sales/forms")
        let outcome = try CLI.run(["init", folder.path, "--template", "b2b"])
        #expect(outcome.exitCode == .ok)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("formwork.yaml").path))
        // No temporary file is left behind.
        #expect(try TemplateTests.files(in: folder).keys.allSatisfy { !$0.contains(".formwork-init-") })
        let hidden = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty)
    }

    @Test func anEmptyFolderIsWrittenInto() throws {
        let folder = Self.newFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(try CLI.run(["init", folder.path, "--template", "retail-distribution"]).exitCode == .ok)
    }

    // MARK: - Refusals

    @Test func aFolderThatIsNotEmptyIsRefusedAndLeftAlone() throws {
        let folder = Self.newFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "our old forms\n".write(
            to: folder.appendingPathComponent("formwork.yaml"), atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["init", folder.path, "--template", "b2b"])
        #expect(outcome.exitCode == .usage)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("is not empty (1 entry: formwork.yaml); nothing was written"))
        #expect(outcome.stderr.contains("--force"))
        #expect(try TemplateTests.files(in: folder) == ["formwork.yaml": "our old forms\n"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["formwork.yaml"])
    }

    @Test func forceReplacesFilesOfTheSameNameAndKeepsTheOthers() throws {
        let folder = Self.newFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "old\n".write(to: folder.appendingPathComponent("formwork.yaml"), atomically: true, encoding: .utf8)
        try "keep me\n".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["init", folder.path, "--template", "b2b", "--force"])
        #expect(outcome.exitCode == .ok, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
        let files = try TemplateTests.files(in: folder)
        #expect(files["notes.txt"] == "keep me\n")
        #expect(files["formwork.yaml"]?.contains("formwork: 1") == true)
        #expect(try CLI.run(["check", folder.path]).stdout.hasPrefix("no problems found"))
    }

    @Test func forceNamesTheFilesAlreadyThereThatNowBelongToTheFormSet() throws {
        let folder = Self.newFolder()
        let forms = folder.appendingPathComponent("forms")
        try FileManager.default.createDirectory(at: forms, withIntermediateDirectories: true)
        try "form: [broken\n".write(
            to: forms.appendingPathComponent("old-visit.yaml"), atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["init", folder.path, "--template", "b2b", "--force"])
        // Written, but the old file breaks the form set: said, with its findings, and exit 1.
        #expect(outcome.exitCode == .failed)
        #expect(outcome.stderr.contains("warning: '\(folder.path)/forms/old-visit.yaml' was already there"))
        #expect(outcome.stderr.contains("/forms/old-visit.yaml:2:1: error: YAML syntax"))
        #expect(outcome.stdout.contains("wrote the b2b template"))
        #expect(!outcome.stdout.contains("checked: no problems found"))
    }

    @Test func aFileIsNotAFolder() throws {
        let folder = Self.newFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("forms.yaml")
        try "x\n".write(to: file, atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["init", file.path, "--template", "b2b"])
        #expect(outcome.exitCode == .usage)
        #expect(outcome.stderr.contains("is a file"))
        // A folder that cannot be created (its parent is a file) is an I/O error.
        let below = try CLI.run(["init", file.appendingPathComponent("sub").path, "--template", "b2b"])
        #expect(below.exitCode == .ioError)
        #expect(below.stderr.hasPrefix("formwork: cannot write "))
    }

    @Test(arguments: [
        (
            ["init", "x", "--template", "retail"], "unknown template 'retail'; did you mean 'retail-distribution'?",
            true
        ),
        (["init", "x", "--template", "saas"], "unknown template 'saas'; the templates are:", true),
        (["init", "x"], "choose a template with --template NAME", true),
        (["init", "--template", "b2b"], "give the folder to write to", false),
        (["init", "x", "--list"], "--list takes no folder", false),
    ])
    func usageErrorsExit64(_ arguments: [String], _ message: String, _ listsTemplates: Bool) throws {
        do {
            _ = try CLI.run(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(FormworkCommand.exitCode(for: error).rawValue == 64)
            let text = FormworkCommand.message(for: error)
            #expect(text.contains(message), "\(text)")
            if listsTemplates {
                for template in Template.all {
                    #expect(text.contains("\(template.name)  ") && text.contains(template.summary))
                }
            }
        }
    }

    @Test func listPrintsOneLinePerTemplate() throws {
        let outcome = try CLI.run(["init", "--list"])
        #expect(outcome.exitCode == .ok)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == Template.all.count)
        for (line, template) in zip(lines, Template.all) {
            #expect(line.hasPrefix(template.name + " "))
            #expect(line.hasSuffix(template.summary))
        }
        let json = try CLI.run(["init", "--list", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["version"] as? Int == 1)
        let names = (object?["templates"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == Template.all.map(\.name))
    }

    @Test func helpIsPinned() throws {
        try expectGolden(
            FormworkCommand.helpMessage(for: InitCommand.self, columns: 100) + "\n", named: "init-help.txt")
    }
}

/// The built binary: a real process writes a template and checks it.
@Suite(.scratch) struct InitBinaryTests {
    @Test func binaryWritesATemplateThatChecksClean() throws {
        let parent = InitCommandTests.newFolder()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let written = try CLI.spawn(["init", "forms", "--template", "retail-distribution"], in: parent)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.hasPrefix("wrote the retail-distribution template to forms (18 files):\n"))
        #expect(written.stdout.contains("    formwork check forms\n"))
        let check = try CLI.spawn(["check", "forms"], in: parent)
        #expect(check.status == 0)
        #expect(check.stdout.hasPrefix("no problems found in 16 files"))
        let again = try CLI.spawn(["init", "forms", "--template", "b2b"], in: parent)
        #expect(again.status == 64)
        #expect(again.stdout.isEmpty)
    }
}
