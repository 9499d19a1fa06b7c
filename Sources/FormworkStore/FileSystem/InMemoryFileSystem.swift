import Synchronization

/// The in-memory twin of `PosixFileSystem`, which knows what a crash would keep.
///
/// Every file keeps its current bytes and the bytes last made durable by `syncData()`/`sync()`; every
/// directory entry is durable only after `syncDirectory(_:)` on its parent. `crash(unsyncedData:)` then
/// models a process kill (everything written stays) or a power loss (unsynced bytes and names are lost,
/// or only a prefix of the appended bytes survives), as SQLite's test shim does. Faults make chosen
/// operations fail with an `errno`, and `failAll(afterOperations:)` makes the "process" die at an exact
/// operation, so every I/O point can be made to fail in turn.
public final class InMemoryFileSystem: StoreFileSystem {
    /// The operations faults can target.
    public enum Operation: String, Sendable, Equatable, CaseIterable {
        case open, size, read, write, truncate, syncData, sync, lock
        case rename, remove, makeDirectory, syncDirectory, kind, entries
    }

    /// A scripted failure.
    public struct Fault: Sendable, Equatable {
        /// The operation that fails.
        public var operation: Operation
        /// Only paths ending with this text (the empty text matches every path).
        public var pathSuffix: String
        /// The `errno` it fails with.
        public var errno: Int32
        /// For writes: how many bytes are written before the failure (a short write).
        public var bytesWrittenFirst: Int
        /// How many matching operations fail before the fault is used up.
        public var times: Int

        public init(
            _ operation: Operation, pathSuffix: String = "", errno: Int32 = 5, bytesWrittenFirst: Int = 0,
            times: Int = 1
        ) {
            self.operation = operation
            self.pathSuffix = pathSuffix
            self.errno = errno
            self.bytesWrittenFirst = bytesWrittenFirst
            self.times = times
        }
    }

    /// What a crash does with bytes written but never synced.
    public enum UnsyncedData: Sendable, Equatable {
        /// A process kill: the kernel still has everything that was written.
        case kept
        /// A power loss: only synced bytes and synced directory entries survive.
        case lost
        /// A power loss that kept the first `count` unsynced bytes appended to each file (a torn write).
        case keptPrefix(Int)
    }

    let state: Mutex<State>

    public init() {
        state = Mutex(State())
    }

    /// Makes matching operations fail.
    public func inject(_ fault: Fault) {
        state.withLock { $0.faults.append(fault) }
    }

    /// Makes the `count`-th operation from now, and every one after it, fail with `EIO`, as if the process
    /// had died there; `crash(unsyncedData:)` then brings the "machine" back.
    public func failAll(afterOperations count: Int) {
        state.withLock { $0.failFrom = $0.operations + count }
    }

    /// The number of operations performed so far.
    public var operationCount: Int { state.withLock { $0.operations } }

    /// Simulates a crash: open files and locks are gone; with a power loss, unsynced data too.
    public func crash(unsyncedData: UnsyncedData) {
        state.withLock { $0.crash(unsyncedData) }
    }

    /// The current bytes of the file at `path`, for tests.
    public func contents(of path: String) -> [UInt8]? {
        state.withLock { state in
            state.names[State.normalize(path)].flatMap { state.nodes[$0] }.flatMap { $0.isDirectory ? nil : $0.data }
        }
    }

    /// Replaces the bytes of the file at `path` (creating it, durably), for tests that damage a store.
    public func setContents(of path: String, to bytes: [UInt8]) {
        state.withLock { state in
            let path = State.normalize(path)
            let id: Int
            if let existing = state.names[path] {
                id = existing
            } else {
                id = state.nextNode
                state.nextNode += 1
                state.names[path] = id
                state.durableNames[path] = id
            }
            let version = (state.nodes[id]?.version ?? 0) &+ 1
            state.nodes[id] = Node(isDirectory: false, data: bytes, durableData: bytes, version: version)
        }
    }

    public func open(_ path: String, mode: FileOpenMode) throws(FileSystemError) -> any StoreFile {
        let path = State.normalize(path)
        let (node, handle, epoch) = try state.withLock { state throws(FileSystemError) in
            try state.begin(.open, path)
            if let id = state.names[path] {
                guard let node = state.nodes[id], !node.isDirectory else {
                    throw FileSystemError(errno: 21, operation: "open", path: path)
                }
                if mode.create && mode.exclusive {
                    throw FileSystemError(errno: SystemErrors.exists, operation: "open", path: path)
                }
                return (id, state.newHandle(), state.epoch)
            }
            guard mode.create else { throw FileSystemError(errno: SystemErrors.noEntry, operation: "open", path: path) }
            try state.requireDirectory(State.parent(of: path), for: "open")
            let id = state.nextNode
            state.nextNode += 1
            state.nodes[id] = Node(isDirectory: false, data: [], durableData: [])
            state.names[path] = id
            return (id, state.newHandle(), state.epoch)
        }
        return InMemoryFile(fileSystem: self, path: path, node: node, handle: handle, epoch: epoch, mode: mode)
    }

    public func rename(_ source: String, to destination: String) throws(FileSystemError) {
        let source = State.normalize(source)
        let destination = State.normalize(destination)
        try state.withLock { state throws(FileSystemError) in
            try state.begin(.rename, destination)
            guard let id = state.names[source] else {
                throw FileSystemError(errno: SystemErrors.noEntry, operation: "rename", path: source)
            }
            try state.requireDirectory(State.parent(of: destination), for: "rename")
            state.names[source] = nil
            state.names[destination] = id
        }
    }

    @discardableResult
    public func remove(_ path: String) throws(FileSystemError) -> Bool {
        let path = State.normalize(path)
        return try state.withLock { state throws(FileSystemError) in
            try state.begin(.remove, path)
            guard let id = state.names[path] else { return false }
            if state.nodes[id]?.isDirectory == true {
                throw FileSystemError(errno: 21, operation: "unlink", path: path)
            }
            state.names[path] = nil
            return true
        }
    }

    @discardableResult
    public func makeDirectory(_ path: String) throws(FileSystemError) -> Bool {
        let path = State.normalize(path)
        return try state.withLock { state throws(FileSystemError) in
            try state.begin(.makeDirectory, path)
            if state.names[path] != nil { return false }
            try state.requireDirectory(State.parent(of: path), for: "mkdir")
            let id = state.nextNode
            state.nextNode += 1
            state.nodes[id] = Node(isDirectory: true, data: [], durableData: [])
            state.names[path] = id
            return true
        }
    }

    public func syncDirectory(_ path: String) throws(FileSystemError) {
        let path = State.normalize(path)
        try state.withLock { state throws(FileSystemError) in
            try state.begin(.syncDirectory, path)
            try state.requireDirectory(path, for: "fsync")
            let children = Set(state.names.keys).union(state.durableNames.keys).filter {
                $0 != path && State.parent(of: $0) == path
            }
            for child in children { state.durableNames[child] = state.names[child] }
        }
    }

    /// Its stamps tell every change apart (see `StoreFileSystem.stampsFiles`).
    public var stampsFiles: Bool { true }

    public func stamp(of path: String) throws(FileSystemError) -> FileStamp? {
        let path = State.normalize(path)
        return try state.withLock { state throws(FileSystemError) in
            try state.begin(.kind, path)
            guard let id = state.names[path], let node = state.nodes[id], !node.isDirectory else { return nil }
            return node.stamp(node: id)
        }
    }

    public func kind(of path: String) throws(FileSystemError) -> StoreFileKind {
        let path = State.normalize(path)
        return try state.withLock { state throws(FileSystemError) in
            try state.begin(.kind, path)
            guard let id = state.names[path], let node = state.nodes[id] else { return .missing }
            return node.isDirectory ? .directory : .file
        }
    }

    public func entries(in directory: String) throws(FileSystemError) -> [String] {
        let directory = State.normalize(directory)
        return try state.withLock { state throws(FileSystemError) in
            try state.begin(.entries, directory)
            try state.requireDirectory(directory, for: "opendir")
            let prefix = directory == "/" ? "/" : directory + "/"
            return state.names.keys.filter { $0 != directory && State.parent(of: $0) == directory }
                .map { String($0.dropFirst(prefix.count)) }.sorted()
        }
    }
}

extension InMemoryFileSystem {
    /// One file or directory.
    struct Node {
        var isDirectory: Bool
        var data: [UInt8] {
            didSet { version &+= 1 }
        }
        var durableData: [UInt8]
        /// Counts the changes of `data`: the in-memory stand-in for a file's change times.
        var version: UInt64 = 0

        /// The stamp of this node, numbered `node`: its number is its inode, its version both of its times.
        func stamp(node: Int) -> FileStamp {
            FileStamp(
                device: 0, inode: UInt64(node), size: Int64(data.count), modified: Int64(truncatingIfNeeded: version),
                changed: Int64(truncatingIfNeeded: version))
        }
    }

    /// Who holds the `flock` of a file.
    struct LockHolders {
        var exclusive: Int?
        var shared: Set<Int> = []
    }

    /// Everything, guarded by one mutex.
    struct State {
        var nodes: [Int: Node] = [0: Node(isDirectory: true, data: [], durableData: [])]
        var names: [String: Int] = ["/": 0]
        var durableNames: [String: Int] = ["/": 0]
        var nextNode = 1
        var nextHandle = 1
        var openHandles: Set<Int> = []
        var locks: [Int: LockHolders] = [:]
        var epoch = 0
        var faults: [Fault] = []
        var operations = 0
        var failFrom: Int?

        /// Counts the operation and fails it when a fault or a simulated death says so.
        mutating func begin(_ operation: Operation, _ path: String) throws(FileSystemError) {
            _ = try beginWrite(operation, path)
        }

        /// Like `begin`, but returns how many bytes a failing short write should still write.
        mutating func beginWrite(_ operation: Operation, _ path: String) throws(FileSystemError) -> Int? {
            operations += 1
            if let failFrom, operations >= failFrom {
                throw FileSystemError(errno: SystemErrors.io, operation: operation.rawValue, path: path)
            }
            guard
                let index = faults.firstIndex(where: {
                    $0.operation == operation && ($0.pathSuffix.isEmpty || path.hasSuffix($0.pathSuffix))
                })
            else { return nil }
            let fault = faults[index]
            faults[index].times -= 1
            if faults[index].times <= 0 { faults.remove(at: index) }
            if operation == .write && fault.bytesWrittenFirst > 0 { return fault.bytesWrittenFirst }
            throw FileSystemError(errno: fault.errno, operation: operation.rawValue, path: path)
        }

        /// The fault's errno for a short write that has written its bytes.
        func shortWriteError(_ path: String) -> FileSystemError {
            FileSystemError(errno: SystemErrors.noSpace, operation: "write", path: path)
        }

        mutating func newHandle() -> Int {
            let handle = nextHandle
            nextHandle += 1
            openHandles.insert(handle)
            return handle
        }

        func requireDirectory(_ path: String, for operation: String) throws(FileSystemError) {
            guard let id = names[path], let node = nodes[id] else {
                throw FileSystemError(errno: SystemErrors.noEntry, operation: operation, path: path)
            }
            guard node.isDirectory else { throw FileSystemError(errno: 20, operation: operation, path: path) }
        }

        mutating func crash(_ unsynced: UnsyncedData) {
            epoch += 1
            openHandles = []
            locks = [:]
            failFrom = nil
            faults = []
            let keep: Int
            switch unsynced {
            case .kept: return
            case .lost: keep = 0
            case .keptPrefix(let count): keep = max(0, count)
            }
            names = durableNames
            for (id, node) in nodes {
                var restored = node.durableData
                if node.data.count > node.durableData.count && node.data.starts(with: node.durableData) {
                    restored += node.data[node.durableData.count..<min(node.data.count, node.durableData.count + keep)]
                }
                nodes[id]?.data = restored
                nodes[id]?.durableData = restored
            }
        }

        /// `/a//b/` → `/a/b`; relative paths are taken from `/`.
        static func normalize(_ path: String) -> String {
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            return "/" + parts.joined(separator: "/")
        }

        static func parent(of path: String) -> String {
            guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
            return String(path[..<slash])
        }
    }
}
