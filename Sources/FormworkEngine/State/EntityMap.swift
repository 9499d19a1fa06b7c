/// Where entities that are not in memory come from: a snapshot on disk, read on demand, so that a
/// command costs the entities it touches rather than the size of the store.
///
/// A source is immutable while an engine reads it (it answers for one snapshot), so a read is a
/// pure function of the snapshot: replay and tests stay deterministic. A source that finds a
/// damaged entity records the fault and answers `nil`; its owner checks `faults` after a command
/// and rebuilds the state from the journal instead of trusting the result.
public protocol EntitySource: Sendable {
    func report(_ id: ReportID) -> ReportRecord?
    func customer(_ id: CustomerID) -> CustomerRecord?
    /// Every report id the source holds (reads the whole snapshot: for reports over everything).
    func allReportIDs() -> [ReportID]
    /// Every customer id the source holds.
    func allCustomerIDs() -> [CustomerID]
    /// Every report the source holds, read in one pass (for reports over everything).
    func allReports() -> [ReportRecord]
    /// Every customer the source holds, read in one pass.
    func allCustomers() -> [CustomerRecord]
}

extension EntitySource {
    public func allReports() -> [ReportRecord] { allReportIDs().compactMap { report($0) } }
    public func allCustomers() -> [CustomerRecord] { allCustomerIDs().compactMap { customer($0) } }
}

/// The entities of one kind: those changed since the source's snapshot (held here) over those of
/// the source (read on demand).
///
/// Without a source this is a plain dictionary. `changed` is what a new snapshot must write.
public struct EntityMap<Key: Hashable & Comparable & Sendable, Value: Sendable & Hashable>: Sendable {
    /// The values changed since `lookup`'s snapshot (all values when there is none).
    public private(set) var changed: [Key: Value] = [:]
    let lookup: (@Sendable (Key) -> Value?)?
    let listing: (@Sendable () -> [Key])?
    /// Every value of the source with its key, in one pass.
    let everything: (@Sendable () -> [(Key, Value)])?

    init(
        lookup: (@Sendable (Key) -> Value?)? = nil, listing: (@Sendable () -> [Key])? = nil,
        everything: (@Sendable () -> [(Key, Value)])? = nil
    ) {
        self.lookup = lookup
        self.listing = listing
        self.everything = everything
    }

    public subscript(key: Key) -> Value? {
        get { changed[key] ?? lookup?(key) }
        set { changed[key] = newValue }
    }

    /// Takes a value out for an in-place change; the caller puts it back.
    mutating func removeValue(forKey key: Key) -> Value? {
        changed.removeValue(forKey: key) ?? lookup?(key)
    }

    /// Every key, sorted: the source's and the changed ones. Reads the whole source.
    public var keys: [Key] {
        guard let listing else { return changed.keys.sorted() }
        return Set(listing()).union(changed.keys).sorted()
    }

    /// Every value, in key order: the changed ones over the source's. Reads the whole source once.
    public var values: [Value] {
        guard let everything else { return keys.compactMap { self[$0] } }
        var merged = changed
        for (key, value) in everything() where merged[key] == nil { merged[key] = value }
        return merged.keys.sorted().compactMap { merged[$0] }
    }

    /// The number of entities. Reads the whole source's key list.
    public var count: Int { listing == nil ? changed.count : keys.count }

}

extension EntityMap: Equatable {
    /// Compares the changed values only: states read from sources are compared by their snapshots.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.changed == rhs.changed }
}

extension EntityMap: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(changed) }
}
