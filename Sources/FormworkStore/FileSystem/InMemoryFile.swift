import Synchronization

/// An open file of an `InMemoryFileSystem`. It stops working after a simulated crash, like a dead process's
/// descriptors.
final class InMemoryFile: StoreFile {
    let fileSystem: InMemoryFileSystem
    let path: String
    let node: Int
    let handle: Int
    let epoch: Int
    let mode: FileOpenMode

    init(fileSystem: InMemoryFileSystem, path: String, node: Int, handle: Int, epoch: Int, mode: FileOpenMode) {
        self.fileSystem = fileSystem
        self.path = path
        self.node = node
        self.handle = handle
        self.epoch = epoch
        self.mode = mode
    }

    func size() throws(FileSystemError) -> Int64 {
        try access(.size) { state throws(FileSystemError) in Int64(try state.file(node, path).data.count) }
    }

    func read(at offset: Int64, count: Int) throws(FileSystemError) -> [UInt8] {
        try access(.read) { state throws(FileSystemError) in
            let data = try state.file(node, path).data
            guard offset >= 0, count >= 0 else {
                throw FileSystemError(errno: SystemErrors.invalid, operation: "pread", path: path)
            }
            guard offset < Int64(data.count) else { return [] }
            let start = Int(offset)
            return Array(data[start..<min(data.count, start + count)])
        }
    }

    func append(_ bytes: [UInt8]) throws(FileSystemError) {
        try writeBytes(bytes, at: nil)
    }

    func write(_ bytes: [UInt8], at offset: Int64) throws(FileSystemError) {
        try writeBytes(bytes, at: offset)
    }

    private func writeBytes(_ bytes: [UInt8], at offset: Int64?) throws(FileSystemError) {
        try fileSystem.state.withLock { state throws(FileSystemError) in
            let shortWrite = try state.beginWrite(.write, path)
            try checkOpen(state)
            guard mode.write else { throw FileSystemError(errno: SystemErrors.badFile, operation: "write", path: path) }
            var data = try state.file(node, path).data
            let count = min(bytes.count, shortWrite ?? bytes.count)
            let start = offset.map { Int($0) } ?? data.count
            if start > data.count { data += [UInt8](repeating: 0, count: start - data.count) }
            let overlap = min(count, data.count - start)
            data.replaceSubrange(start..<(start + overlap), with: bytes[0..<overlap])
            data += bytes[overlap..<count]
            state.nodes[node]?.data = data
            if shortWrite != nil { throw state.shortWriteError(path) }
        }
    }

    func truncate(to size: Int64) throws(FileSystemError) {
        try access(.truncate) { state throws(FileSystemError) in
            var data = try state.file(node, path).data
            guard size >= 0 else {
                throw FileSystemError(errno: SystemErrors.invalid, operation: "ftruncate", path: path)
            }
            if Int(size) <= data.count {
                data.removeSubrange(Int(size)...)
            } else {
                data += [UInt8](repeating: 0, count: Int(size) - data.count)
            }
            state.nodes[node]?.data = data
        }
    }

    func syncData() throws(FileSystemError) {
        try access(.syncData) { state throws(FileSystemError) in
            let data = try state.file(node, path).data
            state.nodes[node]?.durableData = data
        }
    }

    func sync() throws(FileSystemError) {
        try access(.sync) { state throws(FileSystemError) in
            let data = try state.file(node, path).data
            state.nodes[node]?.durableData = data
        }
    }

    func tryLock(exclusive: Bool) throws(FileSystemError) -> Bool {
        try access(.lock) { state in
            var holders = state.locks[node] ?? InMemoryFileSystem.LockHolders()
            if exclusive {
                let others = holders.shared.subtracting([handle])
                guard others.isEmpty, holders.exclusive == nil || holders.exclusive == handle else { return false }
                holders.shared.remove(handle)
                holders.exclusive = handle
            } else {
                guard holders.exclusive == nil || holders.exclusive == handle else { return false }
                holders.exclusive = nil
                holders.shared.insert(handle)
            }
            state.locks[node] = holders
            return true
        }
    }

    func unlock() throws(FileSystemError) {
        try access(.lock) { state in state.releaseLock(node: node, handle: handle) }
    }

    func close() {
        fileSystem.state.withLock { state in
            guard state.epoch == epoch else { return }
            state.releaseLock(node: node, handle: handle)
            state.openHandles.remove(handle)
        }
    }

    /// Runs `body` on the state after counting the operation and checking that the file is still open.
    private func access<T>(
        _ operation: InMemoryFileSystem.Operation,
        _ body: (inout InMemoryFileSystem.State) throws(FileSystemError) -> T
    ) throws(FileSystemError) -> T {
        try fileSystem.state.withLock { state throws(FileSystemError) -> T in
            try state.begin(operation, path)
            try checkOpen(state)
            return try body(&state)
        }
    }

    private func checkOpen(_ state: InMemoryFileSystem.State) throws(FileSystemError) {
        guard state.epoch == epoch, state.openHandles.contains(handle) else {
            throw FileSystemError(errno: SystemErrors.badFile, operation: "use", path: path)
        }
    }
}

extension InMemoryFileSystem.State {
    func file(_ node: Int, _ path: String) throws(FileSystemError) -> InMemoryFileSystem.Node {
        guard let file = nodes[node] else {
            throw FileSystemError(errno: SystemErrors.badFile, operation: "use", path: path)
        }
        return file
    }

    mutating func releaseLock(node: Int, handle: Int) {
        guard var holders = locks[node] else { return }
        if holders.exclusive == handle { holders.exclusive = nil }
        holders.shared.remove(handle)
        locks[node] = holders
    }
}
