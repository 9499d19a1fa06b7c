/// Why an action is allowed or refused: every guard, gate and resolver result, in words.
public struct Explanation: Sendable, Hashable, Codable {
    /// One line of an explanation.
    public struct Line: Sendable, Hashable, Codable {
        /// `pass` and `fail` for guards; `info` for facts such as a resolver's trace.
        public enum Status: String, Sendable, Hashable, Codable { case pass, fail, info }

        public var status: Status
        public var text: String
        /// The refusal code a failing line stands for.
        public var code: Refusal.Code?

        public init(status: Status, text: String, code: Refusal.Code? = nil) {
            self.status = status
            self.text = text
            self.code = code
        }
    }

    /// What was asked: `approve`, `return`, `reject`, `resubmit`, `recall` or `submit`.
    public var action: String
    /// True when no guard fails (answers and opinions, not known here, may still be refused).
    public var allowed: Bool
    public var lines: [Line]

    public init(action: String, lines: [Line]) {
        self.action = action
        self.lines = lines
        allowed = !lines.contains { $0.status == .fail }
    }
}
