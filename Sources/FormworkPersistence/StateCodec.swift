import FormworkDefinitions
public import FormworkEngine
public import FormworkStore
import Foundation

/// How the engine's state is laid out in a store's snapshot: the globals (clock, counters, indexes)
/// as the snapshot's own bytes, each report and customer as one keyed value of a segment.
///
/// Keys are `r/` + report id and `c/` + customer id. Values are `EntityCodec`'s binary layout. The
/// snapshot's bytes are JSON that starts with a format marker and layout version, so that a snapshot
/// of another layout (version 2 kept JSON values) is recognised, not misread, and rebuilt.
public enum StateCodec {
    static let version = 3

    private struct Envelope: Codable {
        var format: String
        var version: Int
        var globals: EngineState.Globals
    }

    static func reportKey(_ id: ReportID) -> String { "r/" + id.rawValue }
    static func customerKey(_ id: CustomerID) -> String { "c/" + id.rawValue }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The snapshot bytes for `state`'s globals.
    public static func encodeGlobals(_ state: EngineState) throws(StoreError) -> [UInt8] {
        do {
            return [UInt8](
                try encoder().encode(Envelope(format: "formwork-state", version: version, globals: state.globals)))
        } catch {
            throw StoreError(.invalidSnapshot, "the engine's state could not be encoded: \(error)")
        }
    }

    /// The globals of a snapshot, or `nil` when it has another layout.
    static func decodeGlobals(_ bytes: [UInt8]) -> EngineState.Globals? {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(bytes)),
            envelope.format == "formwork-state", envelope.version == version
        else { return nil }
        return envelope.globals
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
