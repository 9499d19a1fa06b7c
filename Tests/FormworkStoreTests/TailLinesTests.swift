import Testing

@testable import FormworkStore

/// The tail's lines are shared by the views that extend one another: a view must never see lines added after it.
@Suite("Tail lines")
struct TailLinesTests {
    private func line(_ seq: UInt64, batch: String, index: Int = 0, count: Int = 1) -> TailView.Line {
        TailView.Line(
            start: Int64(seq) * 100, end: Int64(seq) * 100 + 99, seq: seq, hash: Array(repeating: 0x61, count: 64),
            commandID: batch, index: index, count: count)
    }

    @Test("a view extended in place keeps its own lines, and an older view extended later gets a copy")
    func views() {
        let first: TailLines = [
            line(1, batch: "a"), line(2, batch: "b", count: 2), line(3, batch: "b", index: 1, count: 2),
        ]
        var second = first
        second += [line(4, batch: "c")]
        #expect(first.count == 3)
        #expect(second.count == 4)
        #expect(first.batchStart(of: "c") == nil)
        #expect(second.batchStart(of: "c")?.seq == 4)
        #expect(second.batchStart(of: "b")?.seq == 2)

        // The first view goes another way: the second must not see it, nor the first the second's line.
        var other = first
        other += [line(4, batch: "d")]
        #expect(other.map(\.commandID) == ["a", "b", "b", "d"])
        #expect(second.map(\.commandID) == ["a", "b", "b", "c"])
        #expect(other.batchStart(of: "c") == nil)
        #expect(second.batchStart(of: "d") == nil)
        #expect(first.map(\.seq) == [1, 2, 3])
    }

    @Test("a batch's start is its first line, and the first batch under a command id wins")
    func batchStarts() {
        let lines: TailLines = [
            line(1, batch: "a", count: 2), line(2, batch: "a", index: 1, count: 2), line(3, batch: "a"),
        ]
        #expect(lines.batchStart(of: "a")?.seq == 1)
        #expect(lines.batchStart(of: "z") == nil)
        let empty: TailLines = []
        #expect(empty.isEmpty)
        #expect(empty.batchStart(of: "a") == nil)
    }
}
