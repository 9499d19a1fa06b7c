public import ArgumentParser
import FormworkDefinitions
import FormworkEngine
import FormworkPrompts

/// Whether and how to prompt: `--lang`, `--no-input`, `--no-color`.
public struct PromptOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("lang"),
        help: "The language of the prompts' labels and hints (default: $FORMWORK_LANG, else the form set's).")
    public var lang: String?

    @Flag(name: .customLong("no-input"), help: "Never prompt: answers come only from the command line.")
    public var noInput = false

    @Flag(name: .customLong("no-color"), help: "No colour in prompts.")
    public var noColor = false

    public init() {}

    /// The terminal to prompt on: only when standard input is a terminal, standard error (where
    /// prompts go) is one too, and `--no-input` is not given. Nil means: never prompt.
    func terminal(in environment: CommandEnvironment) -> (any Terminal)? {
        guard !noInput, environment.stderrIsTerminal else { return nil }
        let terminal = PosixTerminal(supportsColor: environment.allowsColor(onTerminal: true, noColorFlag: noColor))
        return terminal.isInteractive ? terminal : nil
    }

    /// The locale of the prompts: `--lang`, else `FORMWORK_LANG`, else the form set's default; it must
    /// be one of the form set's locales (exit 64 otherwise).
    func locale(for formSet: FormSet, in environment: CommandEnvironment) -> Result<String, SessionFailure> {
        let variable = environment.variables["FORMWORK_LANG"].flatMap { $0.isEmpty ? nil : $0 }
        guard let wanted = lang ?? variable else { return .success(formSet.manifest.defaultLocale) }
        var known = [formSet.manifest.defaultLocale]
        for locale in formSet.manifest.locales where !known.contains(locale) { known.append(locale) }
        if let match = known.first(where: { $0.lowercased() == wanted.lowercased() }) { return .success(match) }
        let source = lang == nil ? "FORMWORK_LANG" : "--lang"
        return .failure(
            SessionFailure(
                .usage,
                "formwork: \(source) '\(wanted)' is not a language of this form set; use "
                    + known.joined(separator: " or ")))
    }

    /// The session's engine, with texts in the prompts' locale.
    func engine(of session: Session, in environment: CommandEnvironment) -> Result<Engine, SessionFailure> {
        locale(for: session.formSet, in: environment).map { locale in
            locale == session.engine.locale
                ? session.engine : Engine(formSet: session.formSet, state: session.engine.state, locale: locale)
        }
    }
}
