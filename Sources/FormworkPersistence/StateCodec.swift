import FormworkDefinitions
public import FormworkEngine
public import FormworkStore
import Foundation

/// How the engine's state is laid out in a store's snapshot: the globals (clock, counters, indexes)
/// as the snapshot's own bytes, each report, customer and customer page as one keyed value of a segment.
///
/// Keys are `r/` + report id, `c/` + customer id and `l/` + customer id + `/` + page number, each id in NFC.
/// Values, and the globals after the snapshot's marker line `formwork-state 5`, are `EntityCodec`'s binary layout;
/// a snapshot of another layout (version 2 was JSON throughout) is recognised, not misread, and rebuilt from the
/// journal.
public enum StateCodec {
    /// 5: a customer's reports and history are in its pages (`l/…`), no longer in its record (4 kept them there, so
    /// that a command on a customer with thousands of reports read all of them); 4: keys are made of the ids' NFC
    /// form (3 had the ids' bytes as given).
    static let version = 5

    static func reportKey(_ id: ReportID) -> String { "r/" + canonical(id.rawValue) }
    static func customerKey(_ id: CustomerID) -> String { "c/" + canonical(id.rawValue) }
    static func pageKey(_ key: CustomerPage.Key) -> String {
        "l/" + canonical(key.customer.rawValue) + "/" + String(key.number)
    }

    /// The page a key names (`l/` stripped): the customer id is what comes before the last `/` (an id may hold
    /// slashes; a page number never does).
    static func pageKey(parsing key: Substring) -> CustomerPage.Key? {
        guard let slash = key.lastIndex(of: "/"), let number = Int(key[key.index(after: slash)...]), number >= 0
        else { return nil }
        return CustomerPage.Key(customer: CustomerID(String(key[..<slash])), number: number)
    }

    /// An id as its key spells it: in Unicode normalization form C, so that the ids Swift's `String` equality takes
    /// for one (canonically equivalent: `café` typed precomposed or as `e` + a combining accent) have one key, and a
    /// customer read back from a segment is the customer the state held in memory. ASCII is already in that form.
    static func canonical(_ id: String) -> String {
        id.utf8.allSatisfy { $0 < 0x80 } ? id : id.precomposedStringWithCanonicalMapping
    }

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

    /// The changed reports, customers and customer pages of `state`, as segment entries.
    public static func changedEntries(of state: EngineState) -> [SegmentEntry] {
        var entries: [SegmentEntry] = []
        for (id, report) in state.reports.changed {
            entries.append(SegmentEntry(key: reportKey(id), value: EntityCodec.encode(report)))
        }
        for (id, customer) in state.customers.changed {
            entries.append(SegmentEntry(key: customerKey(id), value: EntityCodec.encode(customer)))
        }
        for (key, page) in state.customerPages.changed {
            entries.append(SegmentEntry(key: pageKey(key), value: EntityCodec.encode(page)))
        }
        return entries
    }
}
