import FormworkDefinitions
import Testing

@testable import FormworkEngine

/// The waiting index of a state opened from a snapshot keeps the snapshot's lists until a person's reports change:
/// it answers, changes and compares as the sets it replaces would, whatever the lists hold.
@Suite struct AwaitingMapTests {
    /// Built the way a live state builds it: one insert at a time.
    static func inserted(_ lists: [PersonID: [ReportID]]) -> AwaitingMap {
        var map = AwaitingMap()
        for (person, ids) in lists { for id in ids { map.insert(id, for: person) } }
        return map
    }

    @Test func listsAnswerAsSetsDo() {
        let lists: [PersonID: [ReportID]] = ["chen.mei": ["R-000003", "R-000001"], "wang.li": ["R-000002"]]
        let opened = AwaitingMap(lists: lists)
        #expect(opened == Self.inserted(lists))
        #expect(opened.reports(of: "chen.mei") == ["R-000001", "R-000003"])
        #expect(opened.reports(of: "nobody").isEmpty)
        #expect(opened.people(holding: "R-000002") == ["wang.li"])
        #expect(opened.sorted == ["chen.mei": ["R-000001", "R-000003"], "wang.li": ["R-000002"]])
    }

    @Test func changingListedPeopleMatchesTheLiveState() {
        var opened = AwaitingMap(lists: ["chen.mei": ["R-000001"], "wang.li": ["R-000002"]])
        var live = Self.inserted(["chen.mei": ["R-000001"], "wang.li": ["R-000002"]])
        opened.insert("R-000004", for: "chen.mei")
        live.insert("R-000004", for: "chen.mei")
        opened.remove("R-000002", from: "wang.li")
        live.remove("R-000002", from: "wang.li")
        opened.remove("R-000009", from: "nobody")
        #expect(opened == live)
        #expect(opened.sorted == ["chen.mei": ["R-000001", "R-000004"]])
        #expect(opened.people(holding: "R-000004") == ["chen.mei"])
        #expect(opened.people(holding: "R-000002").isEmpty)
    }

    /// A snapshot's lists are not trusted to be sorted or to name a report once: they are written back sorted,
    /// each report once, as the sets they stand for.
    @Test func unsortedAndRepeatedListsAreWrittenAsSets() {
        let opened = AwaitingMap(lists: ["chen.mei": ["R-000003", "R-000001", "R-000003"], "lin.hao": []])
        #expect(opened.sorted == ["chen.mei": ["R-000001", "R-000003"], "lin.hao": []])
        #expect(opened.reports(of: "chen.mei").count == 2)
        #expect(opened == AwaitingMap(lists: ["chen.mei": ["R-000001", "R-000003"], "lin.hao": []]))
    }
}
