public import ArgumentParser
import FormworkDefinitions
import FormworkDiagnostics
import Foundation

/// `formwork init DIR --template NAME`: writes a complete form set to start from — manifest,
/// placeholder org, funnel, forms, sign-off policies, audit budget and the editor schema.
public struct InitCommand: ParsableCommand, EnvironmentCommand {
    public static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a form set from a template: forms, funnel, sign-off policies and a placeholder org.",
        discussion: """
            Writes the template's files into DIR (created when missing): formwork.yaml, a placeholder \
            org.yaml, the forms, the funnel and the sign-off policies, the definition schema in \
            DIR/schema/ (every YAML file's first-line comment points at it for editors), then checks the \
            result. DIR must be empty unless --force is given: then the template's files replace files of \
            the same name, and nothing else is touched. Templates: \(Template.all.map(\.name).joined(separator: ", ")) \
            ('formwork init --list' says what each is; docs/templates.md what each form is for).

            Exit codes: 0 written and checked clean; 1 written, but files already in DIR make the form \
            set fail 'formwork check'; 64 usage (no or unknown template, DIR not empty without --force, \
            DIR is a file); 74 a file or folder cannot be written.
            """)

    @Argument(help: "The folder to write the form set to.") public var directory: String?
    @Option(help: "The template: \(Template.all.map(\.name).joined(separator: ", ")).") public var template: String?
    @Flag(help: "Write into a folder that is not empty; files of the same name are replaced.") public var force = false
    @Flag(help: "List the templates, one a line.") public var list = false
    @Flag(help: "Print one versioned JSON object (the files written, or the templates) instead of text.")
    public var json = false

    public init() {}
    public func run() throws { try Console.finish(execute(in: .current())) }

    public func validate() throws {
        if list {
            guard directory == nil, template == nil, !force else {
                throw ValidationError("--list takes no folder, --template or --force")
            }
            return
        }
        guard directory != nil else {
            throw ValidationError("give the folder to write to: formwork init DIR --template NAME")
        }
        guard let template else {
            throw ValidationError("choose a template with --template NAME; the templates are:\n" + Self.listing())
        }
        guard Template.named(template) != nil else {
            let names = Template.all.map(\.name)
            let guess =
                names.first { $0.hasPrefix(template.lowercased()) } ?? Suggestion.closest(to: template, in: names)
            let hint = guess.map { "; did you mean '\($0)'? The templates are:" } ?? "; the templates are:"
            throw ValidationError("unknown template '\(template)'\(hint)\n" + Self.listing())
        }
    }

    /// One line per template: its name, padded, then its summary.
    static func listing() -> String {
        let width = Template.all.map(\.name.count).max() ?? 0
        return Template.all.map {
            "  " + $0.name + String(repeating: " ", count: width - $0.name.count + 2) + $0.summary + "\n"
        }.joined()
    }

    public func execute(in environment: CommandEnvironment) -> CommandOutcome {
        if list { return json ? CommandOutcome(stdout: JSONOutput.encode(TemplateList())) : listText() }
        guard let path = directory, let name = template, let template = Template.named(name) else {
            return CommandOutcome(
                stderr: "formwork: give a folder and --template; see 'formwork init --help'\n", exitCode: .usage)
        }
        // Files are written at `path` as given; messages show it relative to the working directory.
        let shown = environment.displayPath(path)
        let before: Set<String>
        switch existing(at: path, shown: shown, folders: template.folders) {
        case .success(let files): before = files
        case .failure(let refusal): return refusal.outcome
        }
        let files = template.output
        if case .failure(let failure) = TemplateWriter(directory: path).write(files) {
            return CommandOutcome(
                stderr: """
                    formwork: cannot write '\(environment.displayPath(failure.path))': \(failure.reason); the files \
                    written before it are complete: run the same command with --force once this is fixed

                    """, exitCode: .ioError)
        }
        // Files that were already in the template's folders are part of the form set now: say so.
        var stderr = before.subtracting(files.map(\.path)).sorted().map {
            "formwork: warning: '\(shown)/\($0)' was already there and is part of the form set now; "
                + "remove it unless you meant to keep it\n"
        }.joined()
        let formSet: FormSet?
        switch Session.loadFormSet(path, in: environment) {
        case .success(let loaded): formSet = loaded.formSet
        case .failure(let failure):
            formSet = nil
            stderr += failure.message.hasSuffix("\n") ? failure.message : failure.message + "\n"
        }
        let exit: FormworkExit = formSet == nil ? .failed : .ok
        let next = Self.nextSteps(folder: shown, formSet: formSet)
        if json {
            let result = InitResult(template: template.name, directory: shown, files: files.map(\.path), next: next)
            return CommandOutcome(stdout: JSONOutput.encode(result), stderr: stderr, exitCode: exit)
        }
        var out = "wrote the \(template.name) template to \(shown) (\(files.count) files):\n"
        out += files.map { "  \($0.path)\n" }.joined()
        if formSet != nil { out += "checked: no problems found\n" }
        out += Self.text(of: next)
        return CommandOutcome(stdout: out, stderr: stderr, exitCode: exit)
    }

    /// Whether the template may be written at `path`: nothing there, an empty folder, or (with
    /// `--force`) any folder. Returns the YAML files already in the template's `folders`.
    private func existing(
        at path: String, shown: String, folders: [String]
    ) -> Result<Set<String>, SessionFailure> {
        let target = TemplateWriter.kind(of: path)
        guard target.exists else { return .success([]) }
        guard target.isFolder else {
            return .failure(
                SessionFailure(.usage, "formwork: '\(shown)' is a file; give a new or empty folder for the form set"))
        }
        let entries = TemplateWriter.entries(of: path) ?? []
        if !entries.isEmpty && !force {
            let listed = entries.prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
            return .failure(
                SessionFailure(
                    .usage,
                    """
                    formwork: '\(shown)' is not empty (\(entries.count) \(entries.count == 1 ? "entry" : "entries"): \
                    \(listed)); nothing was written. Choose a new or empty folder, or add --force to write the \
                    template's files into it (files of the same name are replaced, nothing is deleted)
                    """))
        }
        var found: Set<String> = []
        for folder in folders {
            for name in TemplateWriter.entries(of: path + "/" + folder) ?? [] where Template.isYAML(name) {
                found.insert(folder + "/" + name)
            }
        }
        return .success(found)
    }

    private func listText() -> CommandOutcome {
        CommandOutcome(stdout: Self.listing().split(separator: "\n").map { $0.dropFirst(2) + "\n" }.joined())
    }

    /// What to do next: why, and the commands (none for an edit).
    struct NextStep: Encodable {
        var why: String
        var commands: [String]
    }

    /// What to do next, with the form set's own names: its first form, a rep and their supervisor.
    static func nextSteps(folder: String, formSet: FormSet?) -> [NextStep] {
        let dir = DemoCommand.quoted(folder)
        var steps = [
            NextStep(
                why:
                    "replace the placeholders: the name in \(DemoCommand.quoted(folder + "/formwork.yaml")) and the "
                    + "people in \(DemoCommand.quoted(folder + "/org.yaml"))",
                commands: []),
            NextStep(why: "check the form set after every edit", commands: ["formwork check \(dir)"]),
            NextStep(why: "see too few or too many forms, and the weekly burden", commands: ["formwork audit \(dir)"]),
        ]
        guard let formSet, let workflow = formSet.workflows.first, let entry = workflow.stages.first?.forms.first,
            let org = formSet.org
        else { return steps }
        let roles = Set((entry.filledBy ?? workflow.filledBy).map(\.value))
        let filer = org.people.first { person in
            person.active && person.manager != nil
                && (roles.isEmpty || person.roles.contains { roles.contains($0.value) })
        }
        guard let rep = filer, let supervisor = rep.manager?.value else { return steps }
        steps.append(
            NextStep(
                why: "file a first report (on a terminal it asks each question), then sign it as the supervisor",
                commands: [
                    "formwork submit \(entry.form.value) --customer example-customer --as \(rep.id.value) --config \(dir)",
                    "formwork approve R-000001 --as \(supervisor) --opinion '…' --config \(dir)",
                ]))
        return steps
    }

    /// The next steps as text: each reason, then its commands on lines of their own.
    static func text(of steps: [NextStep]) -> String {
        var out = "\nnext:\n"
        for step in steps {
            out += "  " + step.why + (step.commands.isEmpty ? "\n" : ":\n")
            out += step.commands.map { "    " + $0 + "\n" }.joined()
        }
        return out
    }
}

/// `init --json`: what was written.
struct InitResult: Encodable {
    var version = 1
    var template: String
    var directory: String
    var files: [String]
    var next: [InitCommand.NextStep]
}

/// `init --list --json`: the templates.
struct TemplateList: Encodable {
    struct Entry: Encodable {
        var name: String
        var summary: String
    }

    var version = 1
    var templates = Template.all.map { Entry(name: $0.name, summary: $0.summary) }
}
