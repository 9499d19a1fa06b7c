import FormworkPrompts
import Testing

@Suite struct ScriptedTerminalTests {
    @Test func typesItsLinesThenItsEndingForEver() {
        let terminal = ScriptedTerminal(["one", ""], then: .interrupted)
        terminal.write("> ")
        #expect(terminal.readLine() == .line("one"))
        terminal.write("> ")
        #expect(terminal.readLine() == .line(""))
        #expect(terminal.readLine() == .interrupted)
        #expect(terminal.readLine() == .interrupted)
        #expect(terminal.transcript == "> one\n> \n^C\n^C\n")
        #expect(terminal.output == "> > ")
        #expect(terminal.linesRead == 2)
        let ended = ScriptedTerminal([])
        #expect(ended.readLine() == .endOfInput)
        #expect(ended.transcript.isEmpty)
        #expect(ended.isInteractive && !ended.supportsColor && ended.width == 80)
    }
}
