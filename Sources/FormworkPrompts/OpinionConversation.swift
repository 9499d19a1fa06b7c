public import FormworkDefinitions
import FormworkDiagnostics
public import FormworkEngine
import FormworkLanguage

/// Asks a signer for the opinion that goes with a decision, after showing what is being signed: the
/// report's answers, what was said about it so far, and the customer's recent history.
public struct OpinionConversation {
    public let engine: Engine
    public let report: ReportID
    public let decision: Decision
    let prompter: Prompter
    let text: FormText

    /// How many of the customer's latest history entries are shown.
    public static let historyShown = 6

    public init(engine: Engine, report: ReportID, decision: Decision, terminal: any Terminal) {
        self.engine = engine
        self.report = report
        self.decision = decision
        prompter = Prompter(terminal: terminal)
        text = FormText(formSet: engine.formSet, locale: engine.locale)
    }

    /// Shows the report and reads the opinion (several lines, ended by an empty line; never empty).
    public func run() -> Result<String, ConversationStop> {
        guard let record = engine.report(report) else { return .success("") }
        showReport(record)
        showHistory(of: record.customer)
        prompter.say()
        prompter.say(
            prompter.paint("Your opinion", .bold) + ", to \(decision.rawValue) \(report)"
                + " (policy \(record.routing.policy) requires one)")
        prompter.say("  " + prompter.paint("(several lines; an empty line ends)", .dim))
        do throws(ConversationStop) {
            while true {
                let lines = try prompter.readLines("> ", more: "> ")
                let opinion = lines.joined(separator: "\n").trimmingSpaces
                if !opinion.isEmpty { return .success(opinion) }
                prompter.error("an opinion is required to \(decision.rawValue) this report", indent: "  ")
            }
        } catch {
            return .failure(error)
        }
    }

    private func showReport(_ record: ReportRecord) {
        let form = engine.formSet.form(record.form)
        let title = form.flatMap { text.text($0.title) } ?? record.form.rawValue
        let name = engine.formSet.org?.people.first { $0.id.value == record.submitter }?.name
        prompter.say(prompter.paint("\(record.id): \(title)", .bold))
        prompter.say(
            "customer \(record.customer), filed by \(record.submitter)" + (name.map { " (\($0))" } ?? "")
                + " at \(record.submittedAt), revision \(record.revision.number), \(record.status.rawValue)"
                + (record.openStepIndex.map { " at step '\(record.steps[$0].step)'" } ?? ""))
        var rows: [(String, String)] = []
        for field in form?.fields ?? [] {
            guard let value = record.revision.answers[field.id.value] else { continue }
            rows.append((text.label(field), text.display(value, of: field)))
            if field.type.value == .group, case .list(let items) = value {
                for (index, row) in items.enumerated() {
                    rows.append(("", "\(index + 1). " + text.display(row: row, of: field)))
                }
            }
        }
        let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        prompter.say()
        for (label, value) in rows {
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
            prompter.say("  " + Prompter.pad(label, to: width) + "  " + (lines.first.map(String.init) ?? ""))
            for more in lines.dropFirst() { prompter.say(String(repeating: " ", count: width + 4) + more) }
        }
        for warning in record.revision.warnings {
            prompter.warning("\(warning.label ?? warning.field ?? "report"): \(warning.message)", indent: "  ")
        }
        let opinions = record.decisions.filter { $0.opinion != nil }
        if !opinions.isEmpty {
            prompter.say()
            prompter.say(prompter.paint("Opinions so far", .bold))
            for entry in opinions {
                prompter.say(
                    "  \(entry.signature.at) \(entry.decision.rawValue) by \(entry.signature.name)"
                        + (entry.voided ? " (voided)" : "") + ":")
                prompter.say(entry.opinion ?? "", indent: "    ")
            }
        }
    }

    private func showHistory(of customer: CustomerID) {
        let shown = engine.state.latestPages(of: customer, reports: 0, lines: Self.historyShown).history
        guard !shown.isEmpty else { return }
        prompter.say()
        let total = engine.state.customers[customer]?.lineCount ?? shown.count
        let more = total > shown.count ? " (latest \(shown.count) of \(total))" : ""
        prompter.say(prompter.paint("Customer \(customer), recent history", .bold) + more)
        for entry in shown { prompter.say("  \(entry.at)  \(entry.text)") }
    }
}
