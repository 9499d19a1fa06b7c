import Dispatch
public import FormworkDefinitions
public import FormworkEngine
public import FormworkStore
import Foundation
import Synchronization

/// Reports, customers and customer pages read on demand from a snapshot's segments (newest first), decoded once.
///
/// A value that cannot be read or decoded is recorded in `faults` and answered as missing; the
/// repository then rebuilds the state from the journal rather than act on it.
public final class SegmentSource: EntitySource {
    public let segments: [Segment]

    private struct Cache {
        var reports: [ReportID: ReportRecord?] = [:]
        var customers: [CustomerID: CustomerRecord?] = [:]
        var pages: [CustomerPage.Key: CustomerPage?] = [:]
        var faults: [String] = []
    }

    private let cache = Mutex(Cache())

    /// How many bytes of values a bulk read (`allReports`, `allCustomers`) holds at once.
    let windowBytes: Int

    public init(segments: [Segment], windowBytes: Int = Segment.windowBytes) {
        self.segments = segments
        self.windowBytes = windowBytes
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

    public func customerPage(_ key: CustomerPage.Key) -> CustomerPage? {
        if let cached = cache.withLock({ $0.pages[key] }) { return cached }
        let value = decode(StateCodec.pageKey(key), EntityCodec.decodeCustomerPage)
        cache.withLock { $0.pages[key] = .some(value) }
        return value
    }

    private func allKeys(prefix: String) -> [String] {
        var keys: Set<String> = []
        for segment in segments {
            do {
                for location in try segment.locate(keyPrefix: prefix, windowBytes: windowBytes) {
                    keys.insert(location.key)
                }
            } catch {
                cache.withLock { $0.faults.append(error.message) }
            }
        }
        return keys.map { String($0.dropFirst(prefix.count)) }
    }

    /// Where the values of every key with `prefix` lie, per segment (newest first), each key once: its
    /// newest value. Reads only the keys; `decodeAll` reads the values, checked, a window at a time.
    private func locateAll(prefix: String) -> [(segment: Segment, locations: [Segment.Location])] {
        var seen: Set<String> = []
        var result: [(segment: Segment, locations: [Segment.Location])] = []
        for segment in segments {
            do {
                let fresh = try segment.locate(keyPrefix: prefix, checked: false, windowBytes: windowBytes).filter {
                    seen.insert($0.key).inserted
                }
                result.append((segment, fresh))
            } catch {
                cache.withLock { $0.faults.append(error.message) }
            }
        }
        return result
    }

    /// Decodes every value with `prefix`, a window of the segment at a time, each window on every core; a
    /// value that does not read or decode is a fault. Holds what `keep` answers for the decoded values and one
    /// window of bytes, never the whole segment. `progress` hears of every `progressStep` values decoded (or
    /// failed), and of the last.
    private func decodeAll<T: Sendable>(
        prefix: String, progress: ReadProgress?, keeping keep: Keeping<T>? = nil,
        _ read: @Sendable ([UInt8]) throws(EntityCodec.Malformed) -> T
    ) -> [T] {
        let located = locateAll(prefix: prefix)
        let total = located.reduce(0) { $0 + $1.locations.count }
        var decoded: [T] = []
        decoded.reserveCapacity(total)
        var done = 0
        var told = 0
        for (segment, locations) in located {
            do {
                try segment.read(locations, windowBytes: windowBytes) { window in
                    decodeWindow(window, keeping: keep, read, into: &decoded)
                    done += window.count
                    if let progress, done - told >= Self.progressStep || done == total {
                        progress(done, total)
                        told = done
                    }
                }
            } catch {
                cache.withLock { $0.faults.append(error.message) }
            }
        }
        return decoded
    }

    /// Decodes one window's values on every core, each handed to `keep` as it is decoded, and appends them to `values`
    /// in order; a value that does not decode is a fault.
    private func decodeWindow<T: Sendable>(
        _ window: [(key: String, value: [UInt8])], keeping keep: Keeping<T>?,
        _ read: @Sendable ([UInt8]) throws(EntityCodec.Malformed) -> T, into values: inout [T]
    ) {
        let chunks = max(1, min(window.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        // Chunk `c` decodes the values at `c`, `c + chunks`, …; each hands over its values (with their places),
        // last first, so that they are put in order below by moving them out, never copying one: a copy of a report
        // retains each of its parts, and releasing the copies after was 20% of reading a large store.
        let decoded = Mutex([[(Int, T)]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var local: [(Int, T)] = []
            for index in stride(from: chunk, to: window.count, by: chunks).reversed() {
                do {
                    let value = try read(window[index].value)
                    if let keep {
                        if let kept = keep(value) { local.append((index, kept)) }
                    } else {
                        local.append((index, value))
                    }
                } catch {
                    let key = window[index].key
                    cache.withLock { $0.faults.append("the snapshot's value \(key) could not be decoded: \(error)") }
                }
            }
            decoded.withLock { $0[chunk] = local }
        }
        var locals = decoded.withLock { all in
            var taken: [[(Int, T)]] = []
            swap(&taken, &all)
            return taken
        }
        for index in 0..<window.count where locals[index % chunks].last?.0 == index {
            values.append(locals[index % chunks].removeLast().1)
        }
    }

    /// How many values are decoded (or fail) between two progress calls, at least.
    static let progressStep = 500

    public func allReports(progress: ReadProgress?) -> [ReportRecord] {
        decodeAll(prefix: "r/", progress: progress, EntityCodec.decodeReport)
    }

    public func allReports(progress: ReadProgress?, keeping keep: @escaping Keeping<ReportRecord>) -> [ReportRecord] {
        decodeAll(prefix: "r/", progress: progress, keeping: keep, EntityCodec.decodeReport)
    }

    public func allCustomers(progress: ReadProgress?) -> [CustomerRecord] {
        decodeAll(prefix: "c/", progress: progress, EntityCodec.decodeCustomer)
    }

    public func allCustomers(
        progress: ReadProgress?, keeping keep: @escaping Keeping<CustomerRecord>
    ) -> [CustomerRecord] {
        decodeAll(prefix: "c/", progress: progress, keeping: keep, EntityCodec.decodeCustomer)
    }

    public func allReportIDs() -> [ReportID] { allKeys(prefix: "r/").map { ReportID($0) } }

    public func allCustomerIDs() -> [CustomerID] { allKeys(prefix: "c/").map { CustomerID($0) } }

    public func allCustomerPages(progress: ReadProgress?) -> [CustomerPage] {
        decodeAll(prefix: "l/", progress: progress, EntityCodec.decodeCustomerPage)
    }

    public func allCustomerPageKeys() -> [CustomerPage.Key] {
        allKeys(prefix: "l/").compactMap { key in
            guard let parsed = StateCodec.pageKey(parsing: Substring(key)) else {
                cache.withLock { $0.faults.append("the snapshot's key l/\(key) names no customer page") }
                return nil
            }
            return parsed
        }
    }
}
