/// `index.bin`: an on-disk open-addressing hash table from command id to the journal offset of its batch, so an
/// idempotency check costs a few `pread`s whatever the journal's length.
///
/// Entries are 16 bytes: an 8-byte fingerprint of the command id (the first bytes of its SHA-256, never 0) and
/// the offset of the batch's first line. A fingerprint match is only a candidate: the caller reads the line and
/// compares the command id, so a stale or colliding entry can never return the wrong batch. Entries are added in
/// place, synced, and only then does a new header (in the other slot) say they cover the journal up to a record;
/// when the table is half full it is rebuilt at twice the size into a temp file that is synced and renamed over.
struct CommandIndex {
    let fileSystem: any StoreFileSystem
    let directory: String

    var path: String { StoreLayout.path(directory, StoreLayout.index) }

    /// The fingerprint of a command id.
    static func fingerprint(_ commandID: String) -> UInt64 {
        let digest = Checksum.raw(of: Array(commandID.utf8))
        let value = IndexHeader.readLittleEndian(digest, at: 0)
        return value == 0 ? 1 : value
    }

    /// The current header, `nil` when the file is missing or neither slot is valid.
    func header() throws(FileSystemError) -> IndexHeader? {
        guard let file = try openIfPresent(write: false) else { return nil }
        defer { file.close() }
        return try Self.header(of: file)
    }

    static func header(of file: any StoreFile) throws(FileSystemError) -> IndexHeader? {
        let bytes = try file.read(at: 0, count: Int(IndexHeader.slotOffsets[1]) + IndexHeader.slotSize)
        let first = bytes.count >= IndexHeader.slotSize ? IndexHeader.decode(bytes[0...], slot: 0) : nil
        let second = bytes.count >= 512 + IndexHeader.slotSize ? IndexHeader.decode(bytes[512...], slot: 1) : nil
        let candidates = [first, second].compactMap { $0 }
        guard let best = candidates.max(by: { $0.generation < $1.generation }) else { return nil }
        let tableEnd = IndexHeader.tableOffset + Int64(best.capacity) * Int64(IndexHeader.entrySize)
        guard try file.size() >= tableEnd else { return nil }
        return best
    }

    /// The journal offsets of the batches whose command id has the same fingerprint as `commandID`.
    /// `file` is the index, opened for reading.
    static func candidates(
        for commandID: String, header: IndexHeader, in file: any StoreFile
    ) throws(FileSystemError) -> [Int64] {
        guard header.count > 0 else { return [] }
        let fingerprint = Self.fingerprint(commandID)
        let mask = header.capacity - 1
        var slot = fingerprint & mask
        var found: [Int64] = []
        var probed: UInt64 = 0
        while probed < header.capacity {
            let run = Int(min(64, header.capacity - slot))
            let bytes = try file.read(
                at: IndexHeader.tableOffset + Int64(slot) * Int64(IndexHeader.entrySize),
                count: run * IndexHeader.entrySize)
            guard bytes.count == run * IndexHeader.entrySize else { return found }
            for entry in 0..<run {
                let stored = IndexHeader.readLittleEndian(bytes, at: entry * IndexHeader.entrySize)
                if stored == 0 { return found }
                if stored == fingerprint {
                    let offset = IndexHeader.readLittleEndian(bytes, at: entry * IndexHeader.entrySize + 8)
                    if offset <= UInt64(Int64.max) { found.append(Int64(offset)) }
                }
            }
            probed += UInt64(run)
            slot = (slot + UInt64(run)) & mask
        }
        return found
    }

    /// Adds `entries` (fingerprint, offset) and moves the covered point to `covered`; returns the new header.
    ///
    /// In place while the table stays at most half full: the entries (the pages they fall in, each written once), sync,
    /// then the header in the other slot, sync.
    /// Otherwise the whole table is rebuilt at a larger size and renamed over the old one.
    func add(
        _ entries: [(UInt64, Int64)], covering covered: IndexHeader, over current: IndexHeader
    ) throws(FileSystemError) -> IndexHeader {
        var next = covered
        next.generation = current.generation + 1
        next.capacity = current.capacity
        next.count = current.count
        if (current.count + UInt64(entries.count)) * 2 > current.capacity {
            return try rebuild(adding: entries, covering: next, from: current)
        }
        guard let file = try openIfPresent(write: true) else {
            throw FileSystemError(errno: SystemErrors.noEntry, operation: "open", path: path)
        }
        defer { file.close() }
        var pages = TablePages(file: file, path: path)
        for (fingerprint, offset) in entries {
            if try pages.insert(fingerprint, offset, capacity: current.capacity) { next.count += 1 }
        }
        try pages.writeChanged()
        try file.syncData()
        Failpoint.indexBeforeHeader.reached()
        next.slot = 1 - current.slot
        try file.write(next.encoded(), at: IndexHeader.slotOffsets[next.slot])
        try file.syncData()
        return next
    }

    /// Writes a new index holding the old table's entries plus `entries`, through a temp file and a rename.
    func rebuild(
        adding entries: [(UInt64, Int64)], covering covered: IndexHeader, from current: IndexHeader?
    ) throws(FileSystemError) -> IndexHeader {
        var existing: [(UInt64, Int64)] = []
        if let current, let file = try openIfPresent(write: false) {
            defer { file.close() }
            existing = try Self.entries(of: file, capacity: current.capacity)
        }
        let total = UInt64(existing.count + entries.count)
        var capacity = UInt64(IndexHeader.initialCapacity)
        while total * 2 > capacity { capacity *= 2 }
        var table = [UInt8](repeating: 0, count: Int(capacity) * IndexHeader.entrySize)
        var count: UInt64 = 0
        for (fingerprint, offset) in existing + entries where Self.insert(fingerprint, offset, into: &table, capacity) {
            count += 1
        }
        var header = covered
        header.capacity = capacity
        header.count = count
        header.slot = 0
        var bytes = header.encoded()
        bytes += [UInt8](repeating: 0, count: Int(IndexHeader.tableOffset) - bytes.count)
        bytes += table
        try CrashSafeFile.replace(StoreLayout.index, in: directory, with: bytes, fileSystem: fileSystem)
        return header
    }

    /// Every (fingerprint, offset) in the table.
    static func entries(of file: any StoreFile, capacity: UInt64) throws(FileSystemError) -> [(UInt64, Int64)] {
        var result: [(UInt64, Int64)] = []
        let total = Int64(capacity) * Int64(IndexHeader.entrySize)
        var position: Int64 = 0
        while position < total {
            let bytes = try file.read(
                at: IndexHeader.tableOffset + position, count: Int(min(1 << 20, total - position)))
            if bytes.isEmpty { break }
            var entry = 0
            while entry + IndexHeader.entrySize <= bytes.count {
                let fingerprint = IndexHeader.readLittleEndian(bytes, at: entry)
                let offset = IndexHeader.readLittleEndian(bytes, at: entry + 8)
                if fingerprint != 0, offset <= UInt64(Int64.max) { result.append((fingerprint, Int64(offset))) }
                entry += IndexHeader.entrySize
            }
            position += Int64(bytes.count)
        }
        return result
    }

    /// Inserts into an in-memory table; `false` when the same entry is already there.
    private static func insert(
        _ fingerprint: UInt64, _ offset: Int64, into table: inout [UInt8], _ capacity: UInt64
    )
        -> Bool
    {
        let mask = capacity - 1
        var slot = fingerprint & mask
        while true {
            let position = Int(slot) * IndexHeader.entrySize
            let stored = IndexHeader.readLittleEndian(table, at: position)
            if stored == 0 {
                table.replaceSubrange(
                    position..<(position + 16),
                    with: IndexHeader.littleEndian(fingerprint) + IndexHeader.littleEndian(UInt64(offset)))
                return true
            }
            if stored == fingerprint && IndexHeader.readLittleEndian(table, at: position + 8) == UInt64(offset) {
                return false
            }
            slot = (slot + 1) & mask
        }
    }

    /// The index opened for reading, `nil` when there is none.
    func openForReading() throws(FileSystemError) -> (any StoreFile)? { try openIfPresent(write: false) }

    private func openIfPresent(write: Bool) throws(FileSystemError) -> (any StoreFile)? {
        do {
            return try fileSystem.open(path, mode: write ? .readWrite : .read)
        } catch  where error.errno == SystemErrors.noEntry {
            return nil
        }
    }
}

/// The pages of the table one checkpoint's inserts touch, each read once and written back once.
///
/// A checkpoint adds an entry per batch since the last one (hundreds): inserting them one `pread` and one `pwrite` at a
/// time cost a system call pair per entry, which held up the batches queued behind the checkpoint for a millisecond
/// or more. A page is rewritten whole, its other entries with the bytes just read (the store's lock is held, and
/// nothing else writes the index); an entry never straddles a page, so a torn write leaves each entry old or new.
private struct TablePages {
    static let size = 4096

    let file: any StoreFile
    let path: String
    /// By page number (from the table's start): its bytes, and whether an insert changed them.
    private var pages: [Int64: (bytes: [UInt8], changed: Bool)] = [:]

    init(file: any StoreFile, path: String) {
        self.file = file
        self.path = path
    }

    /// Inserts the entry by linear probing; `false` when the same entry is there already.
    mutating func insert(_ fingerprint: UInt64, _ offset: Int64, capacity: UInt64) throws(FileSystemError) -> Bool {
        let mask = capacity - 1
        var slot = fingerprint & mask
        for _ in 0..<capacity {
            let position = Int64(slot) * Int64(IndexHeader.entrySize)
            let number = position / Int64(Self.size)
            let within = Int(position % Int64(Self.size))
            if pages[number] == nil { pages[number] = (try read(number, capacity: capacity), false) }
            // Read in place: a copy of the page held across the insert below would make it copy the page.
            guard
                let (stored, storedOffset) = pages[number].flatMap({ page in
                    within + IndexHeader.entrySize <= page.bytes.count
                        ? (
                            IndexHeader.readLittleEndian(page.bytes, at: within),
                            IndexHeader.readLittleEndian(page.bytes, at: within + 8)
                        ) : nil
                })
            else {
                throw FileSystemError(errno: SystemErrors.io, operation: "pread", path: path)
            }
            if stored == 0 {
                pages[number]?.bytes.replaceSubrange(
                    within..<(within + IndexHeader.entrySize),
                    with: IndexHeader.littleEndian(fingerprint) + IndexHeader.littleEndian(UInt64(offset)))
                pages[number]?.changed = true
                return true
            }
            if stored == fingerprint && storedOffset == UInt64(offset) { return false }
            slot = (slot + 1) & mask
        }
        throw FileSystemError(errno: SystemErrors.noSpace, operation: "index insert", path: path)
    }

    /// Writes every changed page back, in the file's order.
    func writeChanged() throws(FileSystemError) {
        for (number, page) in pages.sorted(by: { $0.key < $1.key }) where page.changed {
            try file.write(page.bytes, at: IndexHeader.tableOffset + number * Int64(Self.size))
        }
    }

    /// Page `number` of a table of `capacity` entries (the last page may be shorter than a whole one).
    private func read(_ number: Int64, capacity: UInt64) throws(FileSystemError) -> [UInt8] {
        let tableBytes = Int64(capacity) * Int64(IndexHeader.entrySize)
        let start = number * Int64(Self.size)
        let count = Int(min(Int64(Self.size), tableBytes - start))
        let bytes = try file.read(at: IndexHeader.tableOffset + start, count: count)
        guard bytes.count == count else {
            throw FileSystemError(errno: SystemErrors.io, operation: "pread", path: path)
        }
        return bytes
    }
}
