import Dispatch
public import FormworkDefinitions
public import FormworkEngine
public import FormworkStore
import Foundation
import Synchronization

/// Reports and customers read on demand from a snapshot's segments (newest first), decoded once.
///
/// A value that cannot be read or decoded is recorded in `faults` and answered as missing; the
/// repository then rebuilds the state from the journal rather than act on it.
public final class SegmentSource: EntitySource {
    public let segments: [Segment]

    private struct Cache {
        var reports: [ReportID: ReportRecord?] = [:]
        var customers: [CustomerID: CustomerRecord?] = [:]
        var faults: [String] = []
    }

    private let cache = Mutex(Cache())

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// What went wrong while reading, in words; empty when every read succeeded.
    public var faults: [String] { cache.withLock { $0.faults } }

    private func raw(_ key: String) -> [UInt8]? {
        for segment in segments {
            do {
                if let value = try segment.value(for: key) { return value }
            } catch {
                cache.withLock { $0.faults.append(error.message) }
                return nil
            }
        }
        return nil
    }

    private func decode<T>(_ key: String, _ read: ([UInt8]) throws(EntityCodec.Malformed) -> T) -> T? {
        guard let bytes = raw(key) else { return nil }
        do {
            return try read(bytes)
        } catch {
            cache.withLock { $0.faults.append("the snapshot's value \(key) could not be decoded: \(error)") }
            return nil
        }
    }

    public func report(_ id: ReportID) -> ReportRecord? {
        if let cached = cache.withLock({ $0.reports[id] }) { return cached }
        let value = decode(StateCodec.reportKey(id), EntityCodec.decodeReport)
        cache.withLock { $0.reports[id] = .some(value) }
        return value
    }

    public func customer(_ id: CustomerID) -> CustomerRecord? {
        if let cached = cache.withLock({ $0.customers[id] }) { return cached }
        let value = decode(StateCodec.customerKey(id), EntityCodec.decodeCustomer)
        cache.withLock { $0.customers[id] = .some(value) }
        return value
    }

    private func allKeys(prefix: String) -> [String] {
        var keys: Set<String> = []
        for segment in segments {
            do {
                for entry in try segment.entries(keyPrefix: prefix) { keys.insert(entry.key) }
            } catch {
                cache.withLock { $0.faults.append(error.message) }
            }
        }
        return keys.map { String($0.dropFirst(prefix.count)) }
    }

    /// The raw values of every key with `prefix`, newest segment first, each key once.
    private func allValues(prefix: String) -> [(key: String, bytes: [UInt8])] {
        var seen: Set<String> = []
        var result: [(key: String, bytes: [UInt8])] = []
        for segment in segments {
            do {
                for entry in try segment.entries(keyPrefix: prefix) where seen.insert(entry.key).inserted {
                    result.append((entry.key, entry.value))
                }
            } catch {
                cache.withLock { $0.faults.append(error.message) }
            }
        }
        return result
    }

    /// Decodes every value with `prefix` on every core; a value that does not decode is a fault.
    /// `progress` hears of every `progressStep` values decoded (or failed), and of the last.
    private func decodeAll<T: Sendable>(
        prefix: String, progress: ReadProgress?, _ read: @Sendable ([UInt8]) throws(EntityCodec.Malformed) -> T
    ) -> [T] {
        let raw = allValues(prefix: prefix)
        let decoded = Mutex([T?](repeating: nil, count: raw.count))
        let done = Mutex(0)
        /// Adds `count` values to the tally and tells `progress`, one call at a time.
        @Sendable func tally(_ count: Int) {
            guard let progress, count > 0 else { return }
            done.withLock { done in
                done += count
                progress(done, raw.count)
            }
        }
        let chunks = max(1, min(raw.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var local: [(Int, T)] = []
            var untold = 0
            for index in stride(from: chunk, to: raw.count, by: chunks) {
                do {
                    local.append((index, try read(raw[index].bytes)))
                } catch {
                    let key = raw[index].key
                    cache.withLock { $0.faults.append("the snapshot's value \(key) could not be decoded: \(error)") }
                }
                untold += 1
                if untold == Self.progressStep {
                    tally(untold)
                    untold = 0
                }
            }
            tally(untold)
            decoded.withLock { values in for (index, value) in local { values[index] = value } }
        }
        return decoded.withLock { $0.compactMap { $0 } }
    }

    /// How many values each worker decodes between two progress calls.
    static let progressStep = 500

    public func allReports(progress: ReadProgress?) -> [ReportRecord] {
        decodeAll(prefix: "r/", progress: progress, EntityCodec.decodeReport)
    }

    public func allCustomers(progress: ReadProgress?) -> [CustomerRecord] {
        decodeAll(prefix: "c/", progress: progress, EntityCodec.decodeCustomer)
    }

    public func allReportIDs() -> [ReportID] { allKeys(prefix: "r/").map { ReportID($0) } }

    public func allCustomerIDs() -> [CustomerID] { allKeys(prefix: "c/").map { CustomerID($0) } }
}
