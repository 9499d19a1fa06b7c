import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Testing

@testable import FormworkCLI

/// The text inbox says what the person may do with each report.
struct InboxRenderTests {
    private func item(_ report: String, refused: Refusal?) -> InboxItem {
        InboxItem(
            report: ReportID(report), form: "deal_record", customer: "hpm", submitter: "lin.hao", reason: .decide,
            step: "supervisor", actingFor: nil, since: Timestamp(secondsSinceEpoch: 0), dueAt: nil,
            approvalRefused: refused)
    }

    @Test func aReportThePersonMayNotApproveSaysReturnOrRejectAndWhy() {
        let refusal = Refusal(.quorumUnreachable, "approving here would leave step director without enough people")
        let text = Render.inbox([item("R-000001", refused: nil), item("R-000002", refused: refusal)], for: "wang.li")
        #expect(
            text == """
                2 waiting for wang.li:
                  R-000001  deal_record for hpm by lin.hao, sign at step 'supervisor'
                  R-000002  deal_record for hpm by lin.hao, return or reject at step 'supervisor'; approving is \
                refused: approving here would leave step director without enough people

                """)
    }
}
