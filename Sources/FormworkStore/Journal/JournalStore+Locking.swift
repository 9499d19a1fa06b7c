#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension JournalStore {
    /// Runs `body` with the `flock` held and a fresh view of the journal's tail.
    ///
    /// Readers take the lock shared; when the view finds something to repair (a torn tail, a missing index) the
    /// lock is retaken exclusively and the tail looked at again.
    func withView<T>(
        _ state: inout State, exclusive: Bool, _ body: (inout State, TailView) throws(StoreError) -> T
    ) throws(StoreError) -> T {
        var exclusive = exclusive
        while true {
            try acquire(state.lock, exclusive: exclusive)
            let view: TailView?
            do throws(StoreError) {
                view = try refresh(&state, exclusive: exclusive)
            } catch {
                release(state.lock)
                throw error
            }
            guard let view else {
                release(state.lock)
                exclusive = true
                continue
            }
            defer { release(state.lock) }
            return try body(&state, view)
        }
    }

    /// Takes the lock, polling with backoff; `.busy` after the timeout. Time is counted by the pauses taken,
    /// so the store never reads the clock.
    func acquire(_ lock: any StoreFile, exclusive: Bool) throws(StoreError) {
        try Self.acquire(lock, exclusive: exclusive, timeoutMilliseconds: options.lockTimeoutMilliseconds)
    }

    static func acquire(_ lock: any StoreFile, exclusive: Bool, timeoutMilliseconds: Int) throws(StoreError) {
        var waited = 0
        var pause = 20
        let limit = max(0, timeoutMilliseconds) * 1000
        while true {
            if try performIO(
                "locking the store", { () throws(FileSystemError) in try lock.tryLock(exclusive: exclusive) })
            {
                return
            }
            guard waited < limit else {
                throw StoreError(
                    .busy,
                    "another process has held the store's lock for more than \(timeoutMilliseconds) ms; try again")
            }
            usleep(UInt32(pause))
            waited += pause
            pause = min(pause * 2, 1000)
        }
    }

    /// The lock file's generation: a counter every writer raises, under the exclusive lock, before it changes
    /// the journal or the index. Writes into the journal's padding change neither its size nor, on a coarse
    /// clock, its times: the generation is how another process's cached view learns of them. An empty or short
    /// lock file (a new store, or one from before the counter) is generation 0.
    static func generation(of lock: any StoreFile) throws(FileSystemError) -> UInt64 {
        let bytes = try lock.read(at: 0, count: 8)
        guard bytes.count == 8 else { return 0 }
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    /// Raises the lock file's generation before a change to the journal or the index, so that no process takes
    /// its cached view as current any more, even if this one dies before the change is made. Needs the
    /// exclusive lock and the generation read by the last look (`refresh`).
    func announceChange(_ state: inout State) throws(StoreError) {
        let next = state.generation &+ 1
        try performIO("writing the lock file") { () throws(FileSystemError) in
            try state.lock.write(withUnsafeBytes(of: next.littleEndian) { Array($0) }, at: 0)
        }
        state.generation = next
    }

    func release(_ lock: any StoreFile) {
        // Unlocking cannot fail on a valid descriptor; if it did, closing the file would release the lock.
        _ = try? lock.unlock()
    }
}
