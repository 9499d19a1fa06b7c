import Testing

@testable import FormworkCLI

/// What a command leaves to the end of the process.
@Suite struct CommandEnvironmentTests {
    private final class Probe {}

    /// The `formwork` process keeps what a command built until it exits (freeing it one object at a time is work
    /// nobody waits for); a test, the demo's steps or any other host frees it as usual.
    @Test func whatACommandBuiltOutlivesItOnlyWhenTheProcessEndsWithIt() {
        weak var freed: Probe?
        do {
            let probe = Probe()
            freed = probe
            CommandEnvironment().outlive(probe)
        }
        #expect(freed == nil)

        weak var kept: Probe?
        do {
            let probe = Probe()
            kept = probe
            var environment = CommandEnvironment()
            environment.exitsAfterCommand = true
            environment.outlive(probe)
        }
        #expect(kept != nil)
        #expect(CommandEnvironment.current().exitsAfterCommand)
        #expect(!CommandEnvironment().exitsAfterCommand)
    }
}
