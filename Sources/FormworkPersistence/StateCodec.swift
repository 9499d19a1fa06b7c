import FormworkDefinitions
public import FormworkEngine
public import FormworkStore
import Foundation

/// How the engine's state is laid out in a store's snapshot: the globals (clock, counters, indexes)
/// as the snapshot's own bytes, each report and customer as one keyed value of a segment.
///
/// Keys are `r/` + report id and `c/` + customer id. Values, and the globals after the snapshot's
/// marker line `formwork-state 3`, are `EntityCodec`'s binary layout; a snapshot of another layout
/// (version 2 was JSON throughout) is recognised, not misread, and rebuilt from the journal.
public enum StateCodec {
    static let version = 3

    static func reportKey(_ id: ReportID) -> String { "r/" + id.rawValue }
    static func customerKey(_ id: CustomerID) -> String { "c/" + id.rawValue }

    /// The start of a snapshot's bytes in this layout.
    static let magic = Array("formwork-state \(version)\n".utf8)

    /// The snapshot bytes for `state`'s globals.
    public static func encodeGlobals(_ state: EngineState) -> [UInt8] {
        magic + EntityCodec.encode(state.globals)
    }

    /// The globals of a snapshot, or `nil` when it has another layout; damaged globals throw.
    static func decodeGlobals(_ bytes: [UInt8]) throws(StoreError) -> EngineState.Globals? {
        guard bytes.starts(with: magic) else { return nil }
        do {
            return try EntityCodec.decodeGlobals(Array(bytes[magic.count...]))
        } catch {
            throw StoreError(.invalidSnapshot, "its globals are damaged: \(error.description)")
        }
    }

    /// The changed reports and customers of `state`, as segment entries.
    public static func changedEntries(of state: EngineState) -> [SegmentEntry] {
        var entries: [SegmentEntry] = []
        for (id, report) in state.reports.changed {
            entries.append(SegmentEntry(key: reportKey(id), value: EntityCodec.encode(report)))
        }
        for (id, customer) in state.customers.changed {
            entries.append(SegmentEntry(key: customerKey(id), value: EntityCodec.encode(customer)))
        }
        return entries
    }
}
