public import ArgumentParser
import FormworkDefinitions

/// `formwork schema --definitions` and `formwork schema FORM`: JSON Schemas for other tools.
public struct SchemaCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema: of the definition files (for editors), or of a form's answers.",
        discussion: """
            --definitions prints the draft-07 schema of Formwork's YAML files, which yaml-language-server \
            reads from a first-line comment '# yaml-language-server: $schema=PATH' (the shipped files \
            carry one; the repository keeps the schema in schema/). FORM prints the 2020-12 schema of \
            that form's answers as 'submit --from FILE' takes them.

            Exit codes: 0 printed; 64 usage; 65 the form set has errors or no such form; 66 no manifest.
            """)

    @Argument(help: "The form whose answers to describe.") public var form: String?
    @Flag(help: "Describe the definition files instead of a form's answers.") public var definitions = false
    @Option(help: "The form set folder (default: $FORMWORK_CONFIG, else the current directory).")
    public var config: String?

    public init() {}

    public func validate() throws {
        if definitions == (form != nil) {
            throw ValidationError("give either --definitions or a FORM")
        }
    }

    public func run() throws { try Console.finish(execute(in: .current())) }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        if definitions { return CommandOutcome(stdout: DefinitionSchema.json()) }
        let folder = config ?? environment.variables["FORMWORK_CONFIG"] ?? "."
        let formSet: FormSet
        switch Session.loadFormSet(environment.displayPath(folder), in: environment) {
        case .success(let loaded): formSet = loaded.formSet
        case .failure(let failure): return failure.outcome
        }
        guard let found = formSet.forms.first(where: { $0.id.value.rawValue == form }) else {
            let names = formSet.forms.map(\.id.value.rawValue)
            return CommandOutcome(
                stderr: "formwork: there is no form '\(form ?? "")'; the forms are \(names.joined(separator: ", "))\n",
                exitCode: .invalidData)
        }
        return CommandOutcome(stdout: AnswerSchema.json(for: found, in: formSet))
    }
}
