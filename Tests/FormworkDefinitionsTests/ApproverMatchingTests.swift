import FormworkDefinitions
import Testing

@testable import FormworkDefinitions

/// The seats of a policy's steps get different people when they can: a person who could take either of two
/// seats takes the one nobody else can.
@Suite struct ApproverMatchingTests {
    @Test func differentPeopleAreFoundWhereTheyExist() {
        let (a, b, c) = (PersonID("a"), PersonID("b"), PersonID("c"))
        // Taking `a` for the first seat would leave the second without anyone: the matching moves it to `b`.
        #expect(ApproverResolutionRule.matched([[a, b], [a]]) == 2)
        #expect(ApproverResolutionRule.matched([[a], [a]]) == 1)
        #expect(ApproverResolutionRule.matched([[a, b], [a, b], [a, b]]) == 2)
        #expect(ApproverResolutionRule.matched([[a, b, c], [b], [a, b]]) == 3)
        #expect(ApproverResolutionRule.matched([]) == 0)
    }
}
