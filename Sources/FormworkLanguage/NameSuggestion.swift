/// Finds the name someone probably meant when they mistyped one ("did you mean 'amount'?").
enum NameSuggestion {
    /// The candidate closest to `name` by edit distance (with transpositions, ignoring case), if one is close
    /// enough: at most 1 edit for names of up to 3 letters, 2 for longer ones.
    static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        guard !target.isEmpty, target.count <= 64 else { return nil }
        let limit = target.count <= 3 ? 1 : 2
        var best: (distance: Int, exactDistance: Int, name: String)?
        for candidate in candidates where candidate != name {
            let lowered = Array(candidate.lowercased().unicodeScalars)
            guard abs(lowered.count - target.count) <= limit else { continue }
            let distance = editDistance(target, lowered)
            guard distance <= limit else { continue }
            let exact = editDistance(Array(name.unicodeScalars), Array(candidate.unicodeScalars))
            let key = (distance, exact, candidate)
            if let current = best, (current.distance, current.exactDistance, current.name) <= key { continue }
            best = key
        }
        return best?.name
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    static func editDistance(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Int {
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        let width = right.count + 1
        var table = [Int](repeating: 0, count: (left.count + 1) * width)
        for row in 0...left.count { table[row * width] = row }
        for column in 0...right.count { table[column] = column }
        for row in 1...left.count {
            for column in 1...right.count {
                let cost = left[row - 1] == right[column - 1] ? 0 : 1
                var value = min(
                    table[(row - 1) * width + column] + 1, table[row * width + column - 1] + 1,
                    table[(row - 1) * width + column - 1] + cost)
                if row > 1, column > 1, left[row - 1] == right[column - 2], left[row - 2] == right[column - 1] {
                    value = min(value, table[(row - 2) * width + column - 2] + 1)
                }
                table[row * width + column] = value
            }
        }
        return table[left.count * width + right.count]
    }
}
