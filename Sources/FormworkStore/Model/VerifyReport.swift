/// What `verify()` found: the chain's length and head, and the first problem if there is one.
public struct VerifyReport: Sendable, Equatable {
    /// The number of records checked and found good (before the first problem).
    public var recordCount: UInt64
    /// The head of the good part of the chain.
    public var head: StoreHead
    /// The first problem, or `nil` when every check passed.
    public var problem: VerifyProblem?
    /// Repairs made while verifying (a torn tail is repaired before the chain is checked).
    public var warnings: [StoreWarning]
    /// How many segments the latest snapshot names, and their size in bytes together (what `compact` would merge).
    public var segments: Int
    public var segmentBytes: Int

    public init(
        recordCount: UInt64, head: StoreHead, problem: VerifyProblem?, warnings: [StoreWarning] = [],
        segments: Int = 0, segmentBytes: Int = 0
    ) {
        self.recordCount = recordCount
        self.head = head
        self.problem = problem
        self.warnings = warnings
        self.segments = segments
        self.segmentBytes = segmentBytes
    }

    /// True when every check passed.
    public var isValid: Bool { problem == nil }
}
