/// The names of the files in a store directory (formats 1 and 2 have the same files).
enum StoreLayout {
    /// The format marker, written last when a store is created.
    static let marker = "format.json"
    /// The journal: one record per line.
    static let journal = "journal.jsonl"
    /// The file whose `flock` serialises writers.
    static let lock = "lock"
    /// The command index: command id → the journal offset of the batch.
    static let index = "index.bin"
    /// The newest snapshot.
    static let snapshot = "snapshot.dat"
    /// The snapshot before it, kept as a fallback.
    static let previousSnapshot = "snapshot.previous.dat"
    /// The folder of copies of proposed form sets (kept by the CLI's change control).
    static let formSets = "formsets"
    /// The prefix of the files a repaired torn tail is copied to: `journal.torn-<seq>`.
    static let tornPrefix = "journal.torn-"

    /// The temp file a segment is written to as it is made: its name follows from its bytes, known once written.
    static let segmentInProgress = "segment.tmp"

    /// The temp file `compact()` writes its merge to, outside the store's lock (so never removed by a writer).
    static let compacting = "compacting.tmp"
    /// The file whose `flock` lets one compaction run at a time.
    static let compactionLock = "compact.lock"

    /// The temp file a replacement of `name` is written to before the rename.
    static func temporary(_ name: String) -> String { name + ".tmp" }

    /// The store formats this build reads: 1, and 2 (a journal that may end with padding).
    static let formatVersions = 1...2

    /// The exact bytes of the marker of format `version`.
    static func markerBytes(version: Int) -> [UInt8] {
        Array(#"{"format":"formwork-store","version":\#(version)}"#.utf8) + [0x0a]
    }

    /// `directory/name`.
    static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The directory holding `path`.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
