/// An open file.
public protocol StoreFile: Sendable {
    /// The file's size in bytes. (Without asking for the file's times: see `JournalStore.Stamps`.)
    func size() throws(FileSystemError) -> Int64
    /// Up to `count` bytes from `offset`; fewer only at the end of the file.
    func read(at offset: Int64, count: Int) throws(FileSystemError) -> [UInt8]
    /// Writes all of `bytes` at the end of the file (the file must be open in append mode).
    func append(_ bytes: [UInt8]) throws(FileSystemError)
    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int64) throws(FileSystemError)
    /// Writes all of `bytes` at `offset`, then `count` copies of `byte` after them: what a journal growing ahead of
    /// its records writes (see `JournalPadding`). Not atomic, as no write of this size is: a crash can leave any
    /// prefix of it, and a failure may have written part of it.
    func write(_ bytes: [UInt8], thenRepeating byte: UInt8, count: Int, at offset: Int64) throws(FileSystemError)
    /// Cuts the file to `size` bytes.
    func truncate(to size: Int64) throws(FileSystemError)
    /// Makes the file's data (and the size) durable: `fdatasync`.
    func syncData() throws(FileSystemError)
    /// Makes the file's data and metadata durable: `fsync`.
    func sync() throws(FileSystemError)
    /// Takes an advisory lock on the whole file without waiting; returns `false` when another holder has it.
    func tryLock(exclusive: Bool) throws(FileSystemError) -> Bool
    /// Releases the lock taken with `tryLock(exclusive:)`.
    func unlock() throws(FileSystemError)
    /// Closes the file (and so releases its lock).
    func close()
}

extension StoreFile {
    /// One write of the bytes and the run after them, made into one array.
    public func write(
        _ bytes: [UInt8], thenRepeating byte: UInt8, count: Int, at offset: Int64
    ) throws(FileSystemError) {
        try write(bytes + [UInt8](repeating: byte, count: max(0, count)), at: offset)
    }
}
