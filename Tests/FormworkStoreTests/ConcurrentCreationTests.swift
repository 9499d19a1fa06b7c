import FormworkStore
import Testing

/// A file system that lets another process in once, just before the first listing of a folder: the moment
/// between a store's look for its marker and its check that the folder holds nothing else.
final class ListingRaceFileSystem: ForwardingFileSystem, @unchecked Sendable {
    let base = InMemoryFileSystem()
    var beforeListing: (() -> Void)?
    func entries(in directory: String) throws(FileSystemError) -> [String] {
        if let other = beforeListing {
            beforeListing = nil
            other()
        }
        return try base.entries(in: directory)
    }
}

@Suite struct ConcurrentCreationTests {
    /// Two processes creating one store at once: the one that finds the other's marker appear after its own look
    /// opens the store the other made, instead of refusing it as "not empty and not a Formwork store".
    @Test func aStoreCreatedByAnotherProcessMeanwhileIsOpened() throws {
        let fileSystem = ListingRaceFileSystem()
        let options = JournalStore.Options(fileSystem: fileSystem)
        var other: JournalStore?
        fileSystem.beforeListing = {
            other = try? JournalStore.open(
                at: "/s", create: true, options: JournalStore.Options(fileSystem: fileSystem.base)
            ).0
            _ = try? other?.append([draft(1)], commandID: "first")
        }
        let (store, _) = try JournalStore.open(at: "/s", create: true, options: options)
        #expect(other != nil)
        let records = try store.append([draft(2)], commandID: "second")
        #expect(records.map(\.seq) == [2])
        #expect(try store.verify().isValid)
    }
}
