import FormworkDefinitions
import FormworkDiagnostics
import Foundation

/// The one way changes between two form-set versions are shown: by `formwork diff`, and in the
/// `changes` answer of a change proposal that the approver reads.
struct ChangeListing {
    var changes: [FormSetChange]
    /// Reports in flight per change, when a store was read.
    var inFlight: [InFlight]?
    /// Rewrites a location's file for display (a git revision's temporary folder → `REV:path`).
    var displayFile: (String) -> String = { $0 }

    var breaking: Int { changes.count { $0.impact == .breaking } }
    var touched: Int {
        guard let inFlight else { return 0 }
        return zip(changes, inFlight).filter { $0.0.impact == .breaking }.map(\.1.total).max() ?? 0
    }

    func place(_ change: FormSetChange) -> String {
        guard let location = change.location else { return "" }
        return "\(displayFile(location.file)):\(location.line):\(location.column): "
    }

    /// The changes' indices, breaking ones first, each kind in the diff's order.
    var ordered: [Int] {
        changes.indices.sorted { a, b in
            (changes[a].impact == .breaking ? 0 : 1, a) < (changes[b].impact == .breaking ? 0 : 1, b)
        }
    }

    /// One line per change, compiler style, breaking first; a count of reports in flight under each
    /// breaking change that touches any.
    func text() -> String {
        var out = ""
        for index in ordered {
            let change = changes[index]
            out += "\(place(change))\(change.impact.rawValue): \(change.subject): \(change.message) [\(change.kind)]\n"
            if let counts = inFlight?[index], change.impact == .breaking, counts.total > 0 {
                out +=
                    "    in flight: \(counts.total) report\(counts.total == 1 ? "" : "s") (\(counts.pending) pending, \(counts.returned) returned)\n"
            }
        }
        return out
    }

    /// "3 changes: 1 breaking, 2 safe" (and the reports in flight when a store was read).
    func summary() -> String {
        guard !changes.isEmpty else { return "no changes" }
        var line =
            "\(changes.count) change\(changes.count == 1 ? "" : "s"): \(breaking) breaking, \(changes.count - breaking) safe"
        if inFlight != nil {
            line += "; breaking changes touch up to \(touched) report\(touched == 1 ? "" : "s") in flight"
        }
        return line
    }

    struct JSONChange: Encodable {
        var impact: String
        var kind: String
        var subject: String
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        var inFlight: InFlight?
    }

    func jsonChanges() -> [JSONChange] {
        ordered.map { index in
            let change = changes[index]
            return JSONChange(
                impact: change.impact.rawValue, kind: change.kind, subject: change.subject, message: change.message,
                file: change.location.map { displayFile($0.file) }, line: change.location?.line,
                column: change.location?.column, inFlight: inFlight?[index])
        }
    }
}
