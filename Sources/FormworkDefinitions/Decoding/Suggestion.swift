/// "Did you mean …?" for misspelt keys and names: the closest candidate within a small edit distance.
public enum Suggestion {
    /// The candidate closest to `word` (optimal string alignment distance, case-insensitive), if it is
    /// close enough to be a plausible typo: at most 1 edit for short words, 2 for longer, 3 for long.
    public static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let target = Array(word.lowercased().unicodeScalars)
        let allowed = target.count <= 3 ? 1 : target.count <= 8 ? 2 : 3
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars), limit: allowed)
            if distance <= allowed, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        if let best { return best.0 }
        // A longer or shorter spelling of the same word: 'sales_rep' for 'rep', 'director_role' for 'director'.
        let word = word.lowercased()
        let containing = candidates.filter { candidate in
            let other = candidate.lowercased()
            return min(other.count, word.count) >= 3 && (word.contains(other) || other.contains(word))
        }
        return containing.count == 1 ? containing[0] : nil
    }

    /// "; did you mean 'x'?" or the empty string.
    public static func didYouMean<S: Sequence>(_ word: String, in candidates: S) -> String where S.Element == String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
