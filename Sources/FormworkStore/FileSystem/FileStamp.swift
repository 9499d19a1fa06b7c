/// What a file's metadata says about it (`fstat`): which file it is, its size, and when its data and its
/// metadata last changed.
///
/// The journal store compares the stamps of the journal and the index with the ones it took after its own last
/// look or write: when both are equal, nobody changed either file in between, and the store skips re-reading
/// them (see docs/store-format.md, "Writing"). Another writer's append always changes the journal's size, a
/// checkpoint or rebuild of the index its size, time or inode, so a stamp can only say "unchanged" falsely for an
/// in-place rewrite of the same length within one timestamp tick, which no store process ever does.
public struct FileStamp: Sendable, Equatable {
    /// The device and inode: which file this is (a rename over the path gives another one).
    public var device: UInt64
    public var inode: UInt64
    /// The size in bytes.
    public var size: Int64
    /// The last change of the data (`st_mtim`), in nanoseconds since the epoch.
    public var modified: Int64
    /// The last change of the metadata (`st_ctim`), in nanoseconds since the epoch.
    public var changed: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }
}
