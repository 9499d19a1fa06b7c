import FormworkLanguage

/// Open deadlines sorted by time, so that `advanceTime` reads only those that fell due instead of
/// scanning every report.
struct DeadlineQueue: Sendable, Hashable {
    private(set) var items: [Deadline] = []

    private func position(of deadline: Deadline) -> Int { items.insertionIndex(after: { $0 < deadline }) }

    mutating func insert(_ deadline: Deadline) {
        let index = position(of: deadline)
        if index < items.count, items[index] == deadline { return }
        items.insert(deadline, at: index)
    }

    mutating func remove(_ deadline: Deadline) {
        let index = position(of: deadline)
        if index < items.count, items[index] == deadline { items.remove(at: index) }
    }

    /// The deadlines strictly before `time` (a deadline is the last second of a business day, so it
    /// has passed once the time is later), earliest first.
    func due(upTo time: Timestamp) -> ArraySlice<Deadline> {
        var end = 0
        while end < items.count, items[end].at.secondsSinceEpoch < time.secondsSinceEpoch { end += 1 }
        return items[0..<end]
    }
}
