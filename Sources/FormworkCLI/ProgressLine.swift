import Synchronization

/// A line of progress on a terminal, "reading reports 12,000/100,000", rewritten in place with a
/// carriage return and erased when the work is done, so that the command's own output starts on a
/// clean line.
///
/// Shown only for work of more than `threshold` items; a command makes one only when standard error
/// is a terminal (`CommandEnvironment.progress(_:)`), so that pipes, files and tests never see it.
public final class ProgressLine: Sendable {
    /// What is being done ("reading reports").
    public let label: String
    /// Work of this many items or fewer shows nothing: it is over before a line could be read.
    public let threshold: Int
    private let write: @Sendable (String) -> Void
    private let shown = Mutex(false)

    public init(_ label: String, threshold: Int = 2_000, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.threshold = threshold
        self.write = write
    }

    /// `done` of `total` items are done: rewrites the line.
    public func update(_ done: Int, _ total: Int) {
        guard total > threshold else { return }
        shown.withLock { shown in
            shown = true
            write("\r" + label + " " + Self.grouped(done) + "/" + Self.grouped(total))
        }
    }

    /// Erases the line, if one was shown.
    public func finish() {
        shown.withLock { shown in
            if shown { write("\r\u{1B}[K") }
            shown = false
        }
    }

    /// A count grouped by thousands: 12,000.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var out = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }
}
