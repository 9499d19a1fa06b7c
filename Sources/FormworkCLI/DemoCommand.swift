public import ArgumentParser
import FormworkDiagnostics
import Foundation

/// `formwork demo`: the whole B2B funnel for one customer, run through the real commands into a
/// fresh temporary store, each step printed as a user would type it and see it.
public struct DemoCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the standard B2B funnel for one customer on the example company, step by step.",
        discussion: """
            Uses examples/acme-industrial (or --config) and a new temporary store that is removed \
            afterwards (keep it with --store). Every step is a real formwork command; the time is \
            fixed, so the output is the same on every run.
            """)

    @Option(help: "The form set folder (default: examples/acme-industrial).") public var config: String?
    @Option(help: "Keep the demo's store in this folder (it must not exist yet).") public var store: String?

    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    /// One step: what it shows, the time it happens at, and the command's arguments.
    struct Step {
        var title: String
        var time: String
        var arguments: [String]
        /// The exit code the step is meant to end with (a refusal is part of the story).
        var expected: FormworkExit = .ok
    }

    static let customer = "hsinchu-precision"

    static let steps: [Step] = [
        Step(
            title: "1. The rep collects the customer's information (客戶資訊收集表)", time: "2026-03-02T09:10:00+08:00",
            arguments: [
                "submit", "customer_information", "--customer", customer, "--as", "lin.hao",
                "--set", "company_name=新竹精密機械股份有限公司", "--set", "industry=machinery",
                "--set", "contact_name=黃志明", "--set", "contact_role=decision_maker", "--set",
                "contact_phone=03-578-1234",
                "--set", "lead_source=trade_show",
            ]),
        Step(
            title: "   The supervisor reads it and signs with an opinion", time: "2026-03-02T14:00:00+08:00",
            arguments: [
                "approve", "R-000001", "--as", "chen.mei",
                "--opinion", "Good lead from the Taipei machine-tool show; qualify it this week.",
            ]),
        Step(
            title: "2. The rep qualifies the customer (客戶資訊過濾表)", time: "2026-03-03T10:00:00+08:00",
            arguments: [
                "submit", "customer_qualification", "--customer", customer, "--as", "lin.hao",
                "--set", "budget_status=approved", "--set", "need_level=urgent",
                "--set", "pain_points=Spindle bearings fail every 3 months,Unplanned downtime",
                "--set", "purchase_timeline=within_quarter",
            ]),
        Step(
            title: "   Approved: the customer moves on to the visit stage", time: "2026-03-03T16:00:00+08:00",
            arguments: [
                "approve", "R-000002", "--as", "chen.mei", "--opinion", "Budget approved and urgent need: visit them.",
            ]),
        Step(
            title: "3. The rep plans the visit (客戶拜訪計劃表)", time: "2026-03-04T09:30:00+08:00",
            arguments: [
                "submit", "visit_plan", "--customer", customer, "--as", "lin.hao", "--set", "visit_date=2026-03-06",
                "--set", "objective=needs_discovery",
                "--set",
                "objective_detail=Understand the bearing failures on their three CNC lines and who decides on spares.",
                "--set", "customer_attendees=黃志明 (plant manager),Lee (maintenance lead)",
                "--set", "expected_outcome=A trial order of spindle bearings.",
            ]),
        Step(
            title: "   A visit record before the plan is signed is refused: the plan is signed before the visit",
            time: "2026-03-04T09:45:00+08:00",
            arguments: [
                "submit", "visit_record", "--customer", customer, "--as", "lin.hao", "--set",
                "visit_plan_report=R-000003",
            ], expected: .failed),
        Step(
            title: "   The supervisor coaches before the visit and signs the plan", time: "2026-03-04T11:00:00+08:00",
            arguments: [
                "approve", "R-000003", "--as", "chen.mei",
                "--opinion", "Bring failure data from similar lines; ask who signs spare-part orders.",
            ]),
        Step(
            title: "4. After the visit, the rep records it (客戶拜訪記錄表)", time: "2026-03-06T17:00:00+08:00",
            arguments: [
                "submit", "visit_record", "--customer", customer, "--as", "lin.hao",
                "--set", "visit_plan_report=R-000003", "--set", "objective_met=true", "--set", "outcome=advanced",
                "--set",
                "what_happened=Met the plant manager and the maintenance lead; reviewed three failed spindles.",
                "--set", "next_steps=Send a quotation for 40 bearings", "--set", "next_follow_up_date=2026-03-10",
            ]),
        Step(
            title: "   The supervisor returns it: the record lacks the competitor", time: "2026-03-09T09:30:00+08:00",
            arguments: [
                "return", "R-000004", "--as", "chen.mei",
                "--opinion", "Which supplier do they use today? Add it, we need it for pricing.",
            ]),
        Step(
            title: "   The rep revises and resubmits", time: "2026-03-09T11:00:00+08:00",
            arguments: [
                "resubmit", "R-000004", "--as", "lin.hao", "--set", "competitor_mentioned=true",
                "--set", "competitors=Nippon Bearing distributor",
            ]),
        Step(
            title: "   Approved on the second revision", time: "2026-03-09T15:00:00+08:00",
            arguments: [
                "approve", "R-000004", "--as", "chen.mei", "--opinion", "Good. Price against their distributor.",
            ]),
        Step(
            title: "5. Key-account follow-up (重點客戶跟進記錄表)", time: "2026-03-16T10:00:00+08:00",
            arguments: [
                "submit", "key_account_followup", "--customer", customer, "--as", "lin.hao", "--set", "status=on_track",
                "--set", "activities=Sent the quotation; trial of 10 bearings installed on line 2 with good results.",
                "--set", "outlook=ready_to_close", "--set", "expected_close_date=2026-03-27",
                "--set", "next_actions=Agree payment terms",
            ]),
        Step(
            title: "   Approved", time: "2026-03-16T16:00:00+08:00",
            arguments: ["approve", "R-000005", "--as", "chen.mei", "--opinion", "Close it before quarter end."]),
        Step(
            title: "6. The deal closes above NT$1,000,000 (成交客戶登記表)", time: "2026-03-26T10:00:00+08:00",
            arguments: [
                "submit", "closed_deal", "--customer", customer, "--as", "lin.hao", "--set",
                "contract_number=HP-2026-031",
                "--set", "products=[{\"product\":\"bearing_6204\",\"quantity\":400,\"unit_price\":2850}]",
                "--set", "gross_margin_percent=24", "--set", "delivery_date=2026-04-15",
            ]),
        Step(
            title: "   The rep cannot approve his own deal", time: "2026-03-26T10:05:00+08:00",
            arguments: ["approve", "R-000006", "--as", "lin.hao", "--opinion", "Looks fine to me."],
            expected: .notAuthorised),
        Step(
            title: "   The supervisor signs first", time: "2026-03-26T14:00:00+08:00",
            arguments: ["approve", "R-000006", "--as", "chen.mei", "--opinion", "Margin is healthy; terms standard."]),
        Step(
            title: "   Above NT$1,000,000 the director must sign too", time: "2026-03-27T09:00:00+08:00",
            arguments: [
                "approve", "R-000006", "--as", "wang.li", "--opinion", "Approved. A reference account for the north.",
            ]),
        Step(
            title: "7. Serving the high-value customer (高價值客戶服務記錄表)", time: "2026-04-20T10:00:00+08:00",
            arguments: [
                "submit", "high_value_service", "--customer", customer, "--as", "lin.hao", "--set",
                "service_type=training",
                "--set", "service_summary=Trained six maintenance staff on bearing fitting and lubrication intervals.",
                "--set", "satisfaction=5", "--set", "repeat_order_potential=high",
            ]),
        Step(
            title: "   Approved", time: "2026-04-20T15:00:00+08:00",
            arguments: ["approve", "R-000007", "--as", "chen.mei", "--opinion", "Ask them for a reference visit."]),
        Step(
            title: "Where the customer stands now", time: "2026-04-20T15:05:00+08:00",
            arguments: ["customer", customer]),
        Step(
            title: "The deal's timeline, with every signature and opinion", time: "2026-04-20T15:06:00+08:00",
            arguments: ["show", "R-000006"]),
        Step(title: "The journal is intact", time: "2026-04-20T15:07:00+08:00", arguments: ["verify"]),
    ]

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        let configPath = environment.displayPath(config ?? "examples/acme-industrial")
        guard FileManager.default.fileExists(atPath: configPath + "/formwork.yaml") else {
            return CommandOutcome(
                stderr:
                    "formwork: no form set at '\(configPath)'; run the demo from the repository, or pass --config\n",
                exitCode: .missingFile)
        }
        let storePath: String
        let temporary: Bool
        if let store {
            guard !FileManager.default.fileExists(atPath: store) else {
                return CommandOutcome(
                    stderr: "formwork: '\(store)' already exists; the demo needs a new store\n", exitCode: .usage)
            }
            (storePath, temporary) = (store, false)
        } else {
            (storePath, temporary) = (NSTemporaryDirectory() + "formwork-demo-\(UUID().uuidString.prefix(8))", true)
        }
        defer { if temporary { try? FileManager.default.removeItem(atPath: storePath) } }
        var out = "Formwork demo: the B2B funnel for customer '\(Self.customer)' at Acme Industrial Supplies\n"
        out +=
            "(rep lin.hao 林浩, supervisor chen.mei 陳美, director wang.li 王立; store \(temporary ? "in a temporary folder" : storePath))\n"
        for (index, step) in Self.steps.enumerated() {
            var variables = environment.variables
            variables["FORMWORK_CONFIG"] = configPath
            variables["FORMWORK_STORE"] = storePath
            variables["FORMWORK_NOW"] = step.time
            var stepEnvironment = environment
            stepEnvironment.variables = variables
            // Every step is a command of this one process: each frees what it built.
            stepEnvironment.exitsAfterCommand = false
            out += "\n\(step.title)\n$ formwork \(step.arguments.map(Self.quoted).joined(separator: " "))\n"
            // A fixed idempotency id per step keeps the journal, and so its hashes, identical on every run.
            let writes = ["submit", "approve", "return", "reject", "resubmit", "recall"]
            let arguments =
                writes.contains(step.arguments.first ?? "")
                ? step.arguments + ["--request-id", "demo-\(index + 1)"] : step.arguments
            let outcome: CommandOutcome
            do {
                let command = try FormworkCommand.parseAsRoot(arguments)
                guard let runnable = command as? any EnvironmentCommand else { continue }
                outcome = runnable.execute(in: stepEnvironment)
            } catch {
                return CommandOutcome(
                    stdout: out, stderr: "formwork: demo step \(index + 1): \(error)\n", exitCode: .failed)
            }
            out += outcome.stdout + outcome.stderr
            if outcome.exitCode != step.expected {
                return CommandOutcome(
                    stdout: out,
                    stderr:
                        "formwork: demo step \(index + 1) ended with \(outcome.exitCode.rawValue), not \(step.expected.rawValue)\n",
                    exitCode: .failed)
            }
        }
        return CommandOutcome(stdout: out)
    }

    /// An argument as a shell would need it written.
    static func quoted(_ argument: String) -> String {
        let plain = argument.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_.=:/@,".unicodeScalars.contains($0)
        }
        return plain && !argument.isEmpty ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
