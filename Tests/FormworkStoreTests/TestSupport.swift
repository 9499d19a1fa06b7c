import FormworkStore
import Foundation

/// A fresh directory under the system's temp directory, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        let base = FileManager.default.temporaryDirectory.path + "/formwork-store-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    /// A path inside the directory (not created).
    func child(_ name: String) -> String { path + "/" + name }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A store under test and whatever must live as long as it.
struct StoreFixture: Sendable {
    var store: any EventStore
    /// Keeps a temp directory alive.
    var owner: TemporaryDirectory?
}

/// Makes a fresh, empty store of one kind, for the conformance suite.
struct StoreKind: Sendable, CustomStringConvertible {
    var description: String
    var make: @Sendable () throws -> StoreFixture

    static let inMemory = StoreKind(description: "InMemoryEventStore") {
        StoreFixture(store: InMemoryEventStore(), owner: nil)
    }

    static let journalOnDisk = StoreKind(description: "JournalStore on disk") {
        let directory = TemporaryDirectory()
        let (store, _) = try JournalStore.open(at: directory.child("store"), create: true, options: smallIndex())
        return StoreFixture(store: store, owner: directory)
    }

    static let journalInMemory = StoreKind(description: "JournalStore on InMemoryFileSystem") {
        let options = smallIndex(fileSystem: InMemoryFileSystem())
        let (store, _) = try JournalStore.open(at: "/store", create: true, options: options)
        return StoreFixture(store: store, owner: nil)
    }

    static let all: [StoreKind] = [.inMemory, .journalOnDisk, .journalInMemory]
}

/// Options whose index takes in the tail often, so that tests cross index checkpoints with few records.
func smallIndex(fileSystem: any StoreFileSystem = PosixFileSystem(), every records: Int = 8) -> JournalStore.Options {
    JournalStore.Options(fileSystem: fileSystem, lockTimeoutMilliseconds: 10_000, indexCheckpointRecords: records)
}

/// A draft whose body is `{"n":<n>,"text":"<text>"}`.
func draft(_ number: Int, text: String = "x", kind: String = "report-submitted") -> RecordDraft {
    RecordDraft(
        kind: kind, actor: "p-\(number % 7)", time: "2025-03-0\(1 + number % 9)T10:00:00Z",
        body: Array(#"{"n":\#(number),"text":"\#(text)"}"#.utf8))
}

/// Appends `count` batches `c-<first>`… of `1 + n % 3` records each.
@discardableResult
func appendBatches(_ store: any EventStore, from first: Int = 0, count: Int) throws -> [[StoredRecord]] {
    try (first..<(first + count)).map { number in
        try store.append((0...(number % 3)).map { draft(number * 10 + $0) }, commandID: "c-\(number)")
    }
}

/// The bytes of a file on disk.
func fileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// A journal's records: its bytes without the padding after them (spaces, or zeros left by a crash).
func recordBytes(_ bytes: [UInt8]) -> [UInt8] {
    var end = bytes.count
    while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0 { end -= 1 }
    return Array(bytes[..<end])
}

/// Replaces a file on disk.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The journal's lines (without line feeds).
func journalLines(_ directory: String) throws -> [[UInt8]] {
    try fileBytes(directory + "/journal.jsonl").split(separator: 0x0a, omittingEmptySubsequences: false).dropLast()
        .map(Array.init)
}

/// Writes `lines` back as the journal, each with a line feed.
func writeJournal(_ directory: String, _ lines: [[UInt8]]) throws {
    try writeFile(directory + "/journal.jsonl", lines.flatMap { $0 + [0x0a] })
}

/// A file system that hands every call to an in-memory one, so that a test's file system changes only what it
/// tests. It implements what `StoreFileSystem` requires and nothing more: `stampsFiles` and `stamp(of:)` keep
/// the protocol's defaults unless a conformer gives its own.
protocol ForwardingFileSystem: StoreFileSystem {
    var base: InMemoryFileSystem { get }
}

extension ForwardingFileSystem {
    func open(_ path: String, mode: FileOpenMode) throws(FileSystemError) -> any StoreFile {
        try base.open(path, mode: mode)
    }
    func rename(_ source: String, to destination: String) throws(FileSystemError) {
        try base.rename(source, to: destination)
    }
    func remove(_ path: String) throws(FileSystemError) -> Bool { try base.remove(path) }
    func makeDirectory(_ path: String) throws(FileSystemError) -> Bool { try base.makeDirectory(path) }
    func syncDirectory(_ path: String) throws(FileSystemError) { try base.syncDirectory(path) }
    func kind(of path: String) throws(FileSystemError) -> StoreFileKind { try base.kind(of: path) }
    func entries(in directory: String) throws(FileSystemError) -> [String] { try base.entries(in: directory) }
}
