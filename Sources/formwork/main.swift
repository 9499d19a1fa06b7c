import ArgumentParser
import FormworkCLI

Console.guardStandardDescriptors()

// A plain `submit` or `approve` line skips ArgumentParser's reflection (docs/design/cli-fast-path.md);
// every other line, and every error, help or version request, is ArgumentParser's.
if var command = FastCommandLine.command(Array(CommandLine.arguments.dropFirst())) {
    do {
        try command.run()
    } catch {
        FormworkCommand.exit(withError: error)
    }
} else {
    FormworkCommand.main()
}
