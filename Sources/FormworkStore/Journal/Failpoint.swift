import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Named points in the write path where a crash test can have the process killed (`kill -9`), as etcd's
/// gofail does. `FORMWORK_FAILPOINT=name` kills at the first time the point is reached, `name@N` at the Nth.
/// The environment is read once; an unset variable costs one comparison per point.
enum Failpoint: String, CaseIterable {
    case beforeWrite = "before-write"
    case afterWriteBeforeFsync = "after-write-before-fsync"
    case afterFsyncBeforeAck = "after-fsync-before-ack"
    case snapshotAfterTempWrite = "snapshot-after-temp-write"
    case snapshotAfterRename = "snapshot-after-rename"
    case indexBeforeHeader = "index-before-header"

    /// The armed point and the hit that kills, from the environment.
    private static let armed: (point: Failpoint, hit: Int)? = {
        guard let raw = getenv("FORMWORK_FAILPOINT") else { return nil }
        let text = String(cString: raw)
        let parts = text.split(separator: "@", maxSplits: 1)
        guard let first = parts.first, let point = Failpoint(rawValue: String(first)) else { return nil }
        let hit = parts.count == 2 ? Int(parts[1]) ?? 1 : 1
        return (point, max(1, hit))
    }()

    private static let hits = Atomic<Int>(0)

    /// Kills the process with SIGKILL when this point is armed and reached for the armed time.
    func reached() {
        guard let armed = Self.armed, armed.point == self else { return }
        let count = Self.hits.add(1, ordering: .relaxed).newValue
        if count == armed.hit { kill(getpid(), SIGKILL) }
    }
}
