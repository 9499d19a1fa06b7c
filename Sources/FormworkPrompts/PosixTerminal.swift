import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Set by the SIGINT handler; read and cleared by `PosixTerminal.readLine()`.
private let interruptFlag = Atomic<Bool>(false)

/// The process's own terminal: prompts on standard error (standard output carries data), lines from
/// standard input, read as the terminal's line discipline delivers them (so the terminal's own line
/// editing works).
///
/// While it reads, Ctrl-C does not kill the process: a SIGINT handler only raises a flag and the
/// read returns `.interrupted`, so that the caller can say that nothing was saved and exit 130.
/// `release()` puts the previous handler back, so that Ctrl-C while a report is being written
/// stops the process at once (the store is crash-safe).
public final class PosixTerminal: Terminal {
    public let isInteractive: Bool
    public let supportsColor: Bool
    private var pending: [UInt8] = []
    private var ended = false
    private var previous = sigaction()
    private var catching = false

    /// The process's terminal; `supportsColor` as the front end decided it for standard error.
    public init(supportsColor: Bool) {
        isInteractive = isatty(0) == 1
        self.supportsColor = supportsColor
    }

    deinit { release() }

    public var width: Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { systemWrite(2, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    public func readLine() -> TerminalInput {
        catchInterrupts()
        while true {
            if interruptFlag.exchange(false, ordering: .relaxed) {
                pending.removeAll()
                write("\n")
                return .interrupted
            }
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return .line(String(decoding: line, as: UTF8.self))
            }
            if ended {
                guard pending.isEmpty else {
                    defer { pending.removeAll() }
                    return .line(String(decoding: pending, as: UTF8.self))
                }
                if isInteractive { write("\n") }
                return .endOfInput
            }
            fill()
        }
    }

    /// Waits for input (waking up now and then, so that a Ctrl-C that came between the flag's check
    /// and the wait is seen) and appends what came.
    private func fill() {
        var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, 250)
        if ready < 0 {
            if errno != EINTR { ended = true }
            return
        }
        guard ready > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { systemRead(0, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno != EINTR && errno != EAGAIN { ended = true }
            return
        }
        if count == 0 {
            ended = true
            return
        }
        pending += chunk[..<count]
    }

    /// Installs the SIGINT handler (once), without `SA_RESTART` so that a blocked read returns.
    private func catchInterrupts() {
        guard !catching else { return }
        interruptFlag.store(false, ordering: .relaxed)
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in interruptFlag.store(true, ordering: .relaxed) }
        #else
        action.__sigaction_u.__sa_handler = { _ in interruptFlag.store(true, ordering: .relaxed) }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        if sigaction(SIGINT, &action, &previous) == 0 { catching = true }
        // A parent may have started this process with SIGINT blocked; Ctrl-C must still reach it.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    }

    /// Puts back the SIGINT handler there was before the first read.
    public func release() {
        guard catching else { return }
        sigaction(SIGINT, &previous, nil)
        catching = false
    }
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
