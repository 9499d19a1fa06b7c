import FormworkLanguage
import Foundation
import Testing

@testable import FormworkEngine

/// The two ways of finding a list's repeated items (pair by pair for short lists, by groups for long
/// ones) must agree: a `unique` list is refused or accepted the same whatever its length.
@Suite struct RepeatedItemsTests {
    /// Values that are equal in the language without being the same: canonically equivalent texts that
    /// differ in their scalars, a whole number and a decimal, and values of other kinds.
    static let pool: [Value] = [
        .string("a"), .string("b"), .string("\u{e9}"), .string("e\u{301}"), .string(""), .int(1),
        .decimal(Decimal(1)), .decimal(Decimal(string: "1.5") ?? 0), .null, .bool(true), .bool(false),
        .date(LocalDate.maximum), .list([.string("a")]),
    ]

    @Test func pairsAndGroupsFindTheSameItemsInTheSameOrder() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<2_000 {
            let items = (0..<next(17)).map { _ in Self.pool[next(Self.pool.count)] }
            let pairs = ValidationRun.repeatedItems(comparingPairs: items)
            let groups = ValidationRun.repeatedItems(grouping: items)
            #expect(pairs.count == groups.count && zip(pairs, groups).allSatisfy { $0.languageEquals($1) }, "\(items)")
        }
        // A value repeated three times is listed once; the first of two equal values is the one listed.
        let items: [Value] = [.int(1), .string("a"), .decimal(Decimal(1)), .string("a"), .int(1)]
        #expect(ValidationRun.repeatedItems(items) == [.int(1), .string("a")])
        // More than 16 items go by groups, with the same answer.
        let long = (0..<40).map { Value.string("item \($0 % 25)") }
        #expect(ValidationRun.repeatedItems(long) == (0..<15).map { .string("item \($0)") })
        #expect(ValidationRun.repeatedItems(comparingPairs: long) == ValidationRun.repeatedItems(grouping: long))
    }
}
