import ArgumentParser
import FormworkDiagnostics

#if canImport(Glibc)
import Glibc
#endif

/// The process's real streams and environment; the only place the CLI touches them.
public enum Console {
    /// The standard descriptors (0, 1, 2) that were closed when the process started. They are opened on
    /// `/dev/null` at once, so that no file the command opens (the journal, the lock) takes their number and
    /// gets what is written to standard output; writing to one of them is still an error (EBADF).
    nonisolated(unsafe) static var closedAtStart: Set<Int32> = []

    /// Opens each closed standard descriptor on `/dev/null`; call it first thing in `main`.
    public static func guardStandardDescriptors() {
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
            if opened == descriptor {
                closedAtStart.insert(descriptor)
            } else if opened >= 0 {
                close(opened)
            }
        }
        // Output that cannot be written is an error even when the library writes it (help, --version):
        // checked as the process exits.
        atexit {
            if fflush(nil) != 0 {
                let message = "formwork: the output could not be written: \(String(cString: strerror(errno)))\n"
                _ = message.withCString { Glibc.write(2, $0, strlen($0)) }
                _exit(FormworkExit.ioError.rawValue)
            }
        }
    }

    /// Writes an outcome and ends the command with its exit code. Output that cannot be written (a full disk, a
    /// file system error) ends it with 74 and says so on standard error: `formwork log --json > backup.jsonl` on
    /// a full disk must not pass for a backup. `failedEarlier` is the error of output written before, as the
    /// command ran.
    static func finish(_ outcome: CommandOutcome, failedEarlier: Int32? = nil) throws {
        let failed = failedEarlier ?? show(outcome.stdout, to: 1, keepingStyles: outcome.styled)
        show(outcome.stderr, to: 2, keepingStyles: outcome.styled)
        if let failed {
            write("formwork: the output could not be written: \(String(cString: strerror(failed)))\n", to: 2)
            throw ExitCode(FormworkExit.ioError.rawValue)
        }
        if outcome.exitCode != .ok { throw ExitCode(outcome.exitCode.rawValue) }
    }

    /// All of standard input (at most 1 MiB and one byte, so that a larger input is noticed).
    static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count <= AnswerOptions.maxBytes {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    /// Writes `text` made safe for a terminal (`TerminalText`): what a command prints may hold text from a store,
    /// a form set or a file name, and none of it may act on the screen of whoever reads it.
    @discardableResult
    static func show(_ text: String, to descriptor: Int32, keepingStyles: Bool = false) -> Int32? {
        write(TerminalText.safe(text, keepingStyles: keepingStyles), to: descriptor)
    }

    /// Writes all of `text` to a file descriptor, retrying short writes and interruptions; returns the error
    /// (`errno`) that stopped it, nil when all was written.
    @discardableResult
    static func write(_ text: String, to descriptor: Int32) -> Int32? {
        if closedAtStart.contains(descriptor) { return text.isEmpty ? nil : EBADF }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }
}

extension CommandEnvironment {
    /// The environment of this process.
    static func current() -> CommandEnvironment {
        var variables: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let found = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.baseAddress.map {
                $0.withMemoryRebound(to: CChar.self, capacity: pointer.count) { getcwd($0, pointer.count) != nil }
            } ?? false
        }
        let cwd = found ? String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self) : "."
        var environment = CommandEnvironment(
            variables: variables, stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1,
            workingDirectory: cwd, liveStderr: { Console.write($0, to: 2) })
        environment.exitsAfterCommand = true
        return environment
    }
}
