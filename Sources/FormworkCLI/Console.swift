import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// The process's real streams and environment; the only place the CLI touches them.
enum Console {
    /// Writes an outcome and ends the command with its exit code.
    static func finish(_ outcome: CommandOutcome) throws {
        write(outcome)
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

    static func write(_ outcome: CommandOutcome) {
        write(outcome.stdout, to: 1)
        write(outcome.stderr, to: 2)
    }

    /// Writes all of `text` to a file descriptor, retrying short writes and interruptions.
    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
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
        return CommandEnvironment(
            variables: variables, stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1,
            workingDirectory: cwd, liveStderr: { Console.write($0, to: 2) })
    }
}
