import Foundation
import Testing

@testable import FormworkCLI

/// New reports' ids are written as `String(format: "R-%06d", n)` wrote them.
struct ReportNumberTests {
    @Test(arguments: [0, 1, 9, 10, 42, 999, 1_000, 99_999, 100_000, 999_999, 1_000_000, 12_345_678, 2_147_483_647])
    func idsAreThoseOfTheFormatString(_ number: Int) {
        #expect(ReportNumber.text(number) == String(format: "R-%06d", number))
    }
}
