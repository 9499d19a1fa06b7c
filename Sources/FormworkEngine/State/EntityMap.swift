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
    /// A page of a customer's reports and history.
    func customerPage(_ key: CustomerPage.Key) -> CustomerPage?
    /// The key of every customer page the source holds.
    func allCustomerPageKeys() -> [CustomerPage.Key]
    /// Every report the source holds, read in one pass (for reports over everything), telling
    /// `progress` how far the read has come.
    func allReports(progress: ReadProgress?) -> [ReportRecord]
    /// What `keep` answers for each report the source holds, read in one pass: a reader that needs a few parts of
    /// each report holds only those, not every report whole.
    func allReports(progress: ReadProgress?, keeping keep: @escaping Keeping<ReportRecord>) -> [ReportRecord]
    /// Every customer the source holds, read in one pass.
    func allCustomers(progress: ReadProgress?) -> [CustomerRecord]
    /// What `keep` answers for each customer the source holds, read in one pass.
    func allCustomers(progress: ReadProgress?, keeping keep: @escaping Keeping<CustomerRecord>) -> [CustomerRecord]
    /// Every customer page the source holds, read in one pass.
    func allCustomerPages(progress: ReadProgress?) -> [CustomerPage]
}

/// How far a long read has come: `done` of `total` entities. Called one call at a time (from any
/// thread), `done` never going down, the last call with `done == total`. The caller decides what to
/// show: the engine and the store never write anywhere.
public typealias ReadProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// What a bulk read keeps of each value as it is read: the value or part of it, or nil to leave it out. Called from
/// any thread.
public typealias Keeping<Value> = @Sendable (Value) -> Value?

extension EntitySource {
    public func allReports() -> [ReportRecord] { allReports(progress: nil) }
    public func allCustomers() -> [CustomerRecord] { allCustomers(progress: nil) }

    public func allReports(progress: ReadProgress?) -> [ReportRecord] {
        Self.readEach(allReportIDs(), progress: progress) { report($0) }
    }

    public func allReports(progress: ReadProgress?, keeping keep: @escaping Keeping<ReportRecord>) -> [ReportRecord] {
        Self.readEach(allReportIDs(), progress: progress) { report($0).flatMap(keep) }
    }

    public func allCustomers(progress: ReadProgress?) -> [CustomerRecord] {
        Self.readEach(allCustomerIDs(), progress: progress) { customer($0) }
    }

    public func allCustomers(
        progress: ReadProgress?, keeping keep: @escaping Keeping<CustomerRecord>
    ) -> [CustomerRecord] {
        Self.readEach(allCustomerIDs(), progress: progress) { customer($0).flatMap(keep) }
    }

    public func allCustomerPages(progress: ReadProgress?) -> [CustomerPage] {
        Self.readEach(allCustomerPageKeys(), progress: progress) { customerPage($0) }
    }

    /// Reads `ids` one by one, telling `progress` every thousand and at the end.
    static func readEach<ID, Value>(
        _ ids: [ID], progress: ReadProgress?, read: (ID) -> Value?
    ) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            if let value = read(id) { values.append(value) }
            if let progress, (index + 1) % 1_000 == 0 || index + 1 == ids.count { progress(index + 1, ids.count) }
        }
        return values
    }
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
    /// What the keeping function answers for every value of the source, with its key, in one pass, telling the
    /// progress handler.
    let everything: (@Sendable (ReadProgress?, @escaping Keeping<Value>) -> [(Key, Value)])?

    init(
        lookup: (@Sendable (Key) -> Value?)? = nil, listing: (@Sendable () -> [Key])? = nil,
        everything: (@Sendable (ReadProgress?, @escaping Keeping<Value>) -> [(Key, Value)])? = nil
    ) {
        self.lookup = lookup
        self.listing = listing
        self.everything = everything
    }

    public subscript(key: Key) -> Value? {
        get { changed[key] ?? lookup?(key) }
        set { changed[key] = newValue }
    }

    /// What `body` answers for the value of `key`, read where it is held when it has changed (the subscript hands
    /// back a copy, which retains each of the value's parts); nil when there is no such value.
    func read<Result>(_ key: Key, _ body: (Value) -> Result) -> Result? {
        if let index = changed.index(forKey: key) { return body(changed.values[index]) }
        return lookup?(key).map(body)
    }

    /// Changes the value of `key` in place, read from the source first when it has not changed yet;
    /// answers what `change` answers, or nil (and changes nothing) when there is no such value.
    @discardableResult
    mutating func update<Result>(_ key: Key, _ change: (inout Value) -> Result) -> Result? {
        let lookup = self.lookup
        return Self.update(&changed[key], orRead: { lookup?(key) }, change)
    }

    /// Changes the value of `key` in place, read from the source first when it has not changed yet, or made by
    /// `make` when there is none; answers what `change` answers. (Made and stored in one step: a value made apart
    /// and then stored was copied on its way in.)
    @discardableResult
    mutating func update<Result>(
        _ key: Key, orMake make: () -> Value, _ change: (inout Value) -> Result
    ) -> Result {
        let lookup = self.lookup
        return Self.update(&changed[key], orRead: { lookup?(key) ?? make() }, change).unsafelyUnwrapped
    }

    /// Moves the value out of its slot (one hash lookup for the whole change), so that it is uniquely
    /// held while `change` runs and its arrays grow in place instead of being copied.
    private static func update<Result>(
        _ slot: inout Value?, orRead read: () -> Value?, _ change: (inout Value) -> Result
    ) -> Result? {
        guard var value = slot.take() ?? read() else { return nil }
        let result = change(&value)
        slot = value
        return result
    }

    /// Every key, sorted: the source's and the changed ones. Reads the whole source.
    public var keys: [Key] {
        guard let listing else { return changed.keys.sorted() }
        return Set(listing()).union(changed.keys).sorted()
    }

    /// Every value, in key order: the changed ones over the source's. Reads the whole source once.
    public var values: [Value] { values(progress: nil) }

    /// Every value, in key order, telling `progress` how far the read of the source has come (it
    /// is not called when there is no source to read: the values are in memory).
    public func values(progress: ReadProgress?) -> [Value] { values(progress: progress, keeping: { $0 }) }

    /// What `keep` answers for every value, in key order, telling `progress` as `values(progress:)` does. Each value
    /// of the source is handed to `keep` as it is read (on any thread), so that only what it answers is held: a
    /// report over a large store holds the parts it reads, not every value whole.
    public func values(progress: ReadProgress?, keeping keep: @escaping Keeping<Value>) -> [Value] {
        guard let everything else { return keys.compactMap { self[$0].flatMap(keep) } }
        if changed.isEmpty {
            // A read-only command: sort the positions, not the values, and copy each value once.
            // (Reading `pairs[i].0` in the comparison would copy the whole pair, value included.)
            let pairs = everything(progress, keep)
            let keys = pairs.map(\.0)
            return keys.indices.sorted { keys[$0] < keys[$1] }.map { pairs[$0].1 }
        }
        // A changed value replaces the source's, whether or not `keep` keeps either.
        var merged: [Key: Value?] = changed.mapValues(keep)
        for (key, value) in everything(progress, keep) where merged[key] == nil { merged[key] = value }
        return merged.keys.sorted().compactMap { merged[$0] ?? nil }
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
