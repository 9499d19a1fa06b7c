import FormworkDefinitions
import Foundation
import Testing

@testable import FormworkEngine

/// A customer's maps (`positions`, `open`, `latestApproved`) are `SmallMap`s: they must read and change like the
/// dictionaries they replaced, iterate in key order, and write the same JSON.
@Suite("SmallMap")
struct SmallMapTests {
    @Test("reads, adds, replaces and removes like a dictionary, and iterates its keys in order")
    func likeADictionary() {
        var generator = SplitMix(seed: 23)
        let keys = (0..<12).map { FormID("form_\($0 * 5 % 12)") }
        var map: SmallMap<FormID, [ReportID]> = [:]
        var model: [FormID: [ReportID]] = [:]
        for step in 0..<3_000 {
            let key = keys[Int(generator.next() % UInt64(keys.count))]
            switch generator.next() % 4 {
            case 0:
                map[key] = nil
                model[key] = nil
            case 1:
                map[key, default: []].append(ReportID("r\(step)"))
                model[key, default: []].append(ReportID("r\(step)"))
            case 2:
                if let index = map.index(forKey: key) {
                    let left = map.modifyValue(at: index) { reports in
                        reports.removeFirst()
                        return reports.count
                    }
                    if left == 0 { map.remove(at: index) }
                }
                if model[key] != nil {
                    model[key]!.removeFirst()
                    if model[key]!.isEmpty { model[key] = nil }
                }
            default:
                map[key] = [ReportID("s\(step)")]
                model[key] = [ReportID("s\(step)")]
            }
            #expect(map[key] == model[key])
        }
        #expect(map.count == model.count)
        #expect(map.keys == model.keys.sorted())
        #expect(map.map(\.key) == model.keys.sorted())
        #expect(map.values == model.keys.sorted().map { model[$0]! })
        for key in keys { #expect(map[key] == model[key]) }
    }

    @Test("two maps of the same entries are equal and hash alike, however they were built")
    func equalityIgnoresHowItWasBuilt() throws {
        var forwards: SmallMap<FormID, ReportID> = [:]
        var backwards: SmallMap<FormID, ReportID> = [:]
        let pairs = (0..<8).map { (FormID("f\($0)"), ReportID("r\($0)")) }
        for (key, value) in pairs { forwards[key] = value }
        for (key, value) in pairs.reversed() { backwards[key] = value }
        #expect(forwards == backwards)
        #expect(forwards.hashValue == backwards.hashValue)
        backwards["f3"] = "other"
        #expect(forwards != backwards)
        #expect(try #require(SmallMap(uniquePairs: pairs.shuffled())) == forwards)
    }

    @Test("a key given twice is refused when read, and keeps its later value in a literal")
    func repeatedKeys() {
        #expect(SmallMap<FormID, ReportID>(uniquePairs: [("a", "r1"), ("b", "r2"), ("a", "r3")]) == nil)
        let literal: SmallMap<FormID, ReportID> = ["a": "r1", "b": "r2", "a": "r3"]
        #expect(literal["a"] == "r3")
        #expect(literal.count == 2)
    }

    @Test("writes and reads the JSON the dictionary of its entries writes")
    func jsonAsADictionary() throws {
        let map: SmallMap<FormID, [ReportID]> = ["visit_report": ["r2", "r1"], "customer_information": ["r0"]]
        let dictionary: [FormID: [ReportID]] = ["visit_report": ["r2", "r1"], "customer_information": ["r0"]]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let written = try encoder.encode(map)
        #expect(written == (try encoder.encode(dictionary)))
        #expect(
            String(decoding: written, as: UTF8.self) == #"{"customer_information":["r0"],"visit_report":["r2","r1"]}"#)
        #expect(try JSONDecoder().decode(SmallMap<FormID, [ReportID]>.self, from: written) == map)
    }
}
