/// The sizes the store accepts and expects; files that break them are refused as damaged, not loaded.
enum StoreLimits {
    /// The largest record body.
    static let maxBodyBytes = 1 << 20
    /// The longest command id, kind or actor, in UTF-8 bytes.
    static let maxFieldBytes = 256
    /// The longest time text.
    static let maxTimeBytes = 64
    /// The most records in one batch.
    static let maxBatchRecords = 10_000
    /// The most bytes one batch may add to the journal.
    static let maxBatchBytes = 64 << 20
    /// The longest journal line: a full body plus its envelope.
    static let maxLineBytes = maxBodyBytes + 8 * 1024
    /// The deepest nesting of arrays and objects in a body.
    static let maxBodyDepth = 256
    /// The largest snapshot state.
    static let maxSnapshotBytes = 512 << 20
    /// The most segments one snapshot may name.
    static let maxSnapshotSegments = 64
    /// The largest format marker file.
    static let maxMarkerBytes = 4096
}
