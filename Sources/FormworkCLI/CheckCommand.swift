public import ArgumentParser
import FormworkDefinitions
import FormworkDiagnostics

/// `formwork check [DIR]`: load a form set and report every problem, compiler-style.
public struct CheckCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a form set: every problem at once, each at file:line:col.",
        discussion: """
            Loads DIR/formwork.yaml and every file it includes, then checks references, conditions, \
            the funnel and who approves what. Warnings do not fail the check.

            Exit codes: 0 no errors (warnings allowed); 1 errors found; 64 usage; 65 a file is not \
            readable as YAML; 66 no manifest.
            """)

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    @Argument(help: "The form set folder, or its manifest file.")
    public var directory: String = "."

    @Option(help: "Output format: text (compiler-style) or json (stable, versioned).")
    public var format: Format = .text

    @Flag(help: "Never colour the output (NO_COLOR=1 does the same).")
    public var noColor = false

    public init() {}

    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        let result = FormSetLoader().load(environment.displayPath(directory))
        let diagnostics = result.diagnostics
        let exit: FormworkExit =
            result.manifestMissing
            ? .missingFile : result.unreadable ? .invalidData : diagnostics.hasErrors ? .failed : .ok
        switch format {
        case .json:
            let report = DiagnosticReport(diagnostics, files: result.files.count)
            do {
                return CommandOutcome(stdout: try report.encoded(), exitCode: exit)
            } catch {
                return CommandOutcome(stderr: "formwork: cannot encode the report: \(error)\n", exitCode: .ioError)
            }
        case .text:
            let color = environment.allowsColor(onTerminal: environment.stdoutIsTerminal, noColorFlag: noColor)
            let renderer = DiagnosticRenderer(sources: result.sources, useColor: color)
            var text = renderer.render(diagnostics)
            if !result.manifestMissing {
                text += DiagnosticRenderer.summary(of: diagnostics, files: result.files.count)
                if result.rulesSkipped {
                    text += " (cross-file checks skipped until every file can be read)"
                } else if let set = result.formSet, set.org == nil {
                    text += " (no org: approver checks skipped)"
                }
                text += "\n"
            }
            return CommandOutcome(stdout: text, exitCode: exit, styled: color)
        }
    }
}
