/// Something the store repaired or worked around, for the caller to show.
public struct StoreWarning: Sendable, Equatable, CustomStringConvertible {
    /// The kind of repair.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// An unacknowledged write at the end of the journal was torn by a crash and has been cut off
        /// (its bytes were copied aside first).
        public static let tornTailRepaired = Code(rawValue: "torn-tail-repaired")
        /// A read-only check found a torn, unacknowledged write at the end of the journal; the next open or
        /// append cuts it off.
        public static let tornTailFound = Code(rawValue: "torn-tail-found")
        /// The command index was missing or stale and has been rebuilt from the journal.
        public static let indexRebuilt = Code(rawValue: "index-rebuilt")
        /// The newest snapshot was unreadable, so the previous one was used.
        public static let snapshotFallback = Code(rawValue: "snapshot-fallback")
        /// Updating the command index failed after an acknowledged append; it catches up later.
        public static let indexNotUpdated = Code(rawValue: "index-not-updated")

        public var description: String { rawValue }
    }

    public var code: Code
    public var message: String
    /// The file the bytes were copied to, for a repaired tail.
    public var file: String?

    public init(_ code: Code, _ message: String, file: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
    }

    public var description: String { message }
}
