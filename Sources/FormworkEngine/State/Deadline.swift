import FormworkDefinitions
import FormworkLanguage

/// A reminder or a due time of an open step, in the engine's deadline queue.
struct Deadline: Sendable, Hashable, Comparable, Codable {
    enum Kind: Int, Sendable, Hashable, Codable { case reminder = 0, due = 1 }

    var at: Timestamp
    var report: ReportID
    var step: StepID
    var kind: Kind

    static func < (lhs: Deadline, rhs: Deadline) -> Bool {
        if lhs.at.secondsSinceEpoch != rhs.at.secondsSinceEpoch {
            return lhs.at.secondsSinceEpoch < rhs.at.secondsSinceEpoch
        }
        if lhs.report != rhs.report { return lhs.report < rhs.report }
        if lhs.step != rhs.step { return lhs.step < rhs.step }
        return lhs.kind.rawValue < rhs.kind.rawValue
    }
}
