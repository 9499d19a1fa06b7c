import FormworkDefinitions

/// For each person, the reports waiting for them (to decide, or to revise when returned).
///
/// A state opened from a snapshot starts with the globals' lists, one per person, and makes a person's set only
/// when a command changes it: a command touches a few people, and making every set at every open cost ~700
/// instructions a waiting report (2.3 M on a store with 3,229 waiting). A state built from events holds sets only.
///
/// Compared and hashed as `sorted`, the form the globals keep: a state opened from a snapshot equals the live one
/// it was written from, whichever of its people hold lists.
struct AwaitingMap: Sendable, Hashable {
    /// The people touched since the state was made (or everyone, for a state built from events).
    private var sets: [PersonID: Set<ReportID>] = [:]
    /// The snapshot's lists, for the people not touched since: as read, possibly unsorted or repeating an id
    /// (a store's files are not trusted to be well formed; `sorted` writes them as sets would).
    private var lists: [PersonID: [ReportID]] = [:]

    init() {}

    /// The waiting index as a snapshot's globals hold it.
    init(lists: [PersonID: [ReportID]]) {
        self.lists = lists
    }

    /// The reports waiting for `person`.
    func reports(of person: PersonID) -> Set<ReportID> {
        if let set = sets[person] { return set }
        return lists[person].map { Set($0) } ?? []
    }

    /// The people `id` is filed under, sorted: every person's reports are looked through.
    func people(holding id: ReportID) -> [PersonID] {
        let inSets = sets.compactMap { $0.value.contains(id) ? $0.key : nil }
        let inLists = lists.compactMap { $0.value.contains(id) ? $0.key : nil }
        return (inSets + inLists).sorted()
    }

    /// Files `id` under `person`.
    mutating func insert(_ id: ReportID, for person: PersonID) {
        makeSet(of: person)
        sets[person, default: []].insert(id)
    }

    /// Takes `id` from under `person`; a person left with no report is dropped.
    mutating func remove(_ id: ReportID, from person: PersonID) {
        makeSet(of: person)
        guard let index = sets.index(forKey: person) else { return }
        sets.values[index].remove(id)
        if sets.values[index].isEmpty { sets.remove(at: index) }
    }

    /// Turns `person`'s list, if any, into their set.
    private mutating func makeSet(of person: PersonID) {
        // A state built from events has no lists: no person's id is hashed for nothing.
        guard !lists.isEmpty, let list = lists.removeValue(forKey: person) else { return }
        sets[person] = Set(list)
    }

    /// Each person's reports, sorted and each once: what a snapshot's globals keep.
    var sorted: [PersonID: [ReportID]] {
        var result: [PersonID: [ReportID]] = [:]
        result.reserveCapacity(sets.count + lists.count)
        for (person, list) in lists {
            let ordered = list.sorted()
            // Equal ids sort next to each other (`<` and `==` agree on strings), so one pass drops repeats.
            result[person] = ordered.indices.compactMap { $0 > 0 && ordered[$0] == ordered[$0 - 1] ? nil : ordered[$0] }
        }
        for (person, set) in sets { result[person] = set.sorted() }
        return result
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.sorted == rhs.sorted }
    func hash(into hasher: inout Hasher) { hasher.combine(sorted) }
}
