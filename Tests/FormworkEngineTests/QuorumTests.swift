import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Testing

/// A capital-expense request signed by a committee: quorum `all` of three board members, then `2`
/// of three regional heads; a rep files it.
enum Committee {
    static func formSet(
        boardQuorum: String = "all", regionalQuorum: String = "2", zone: String = "Europe/Berlin",
        workdays: String = "mon, tue, wed, thu, fri"
    ) -> FormSet? {
        let result = Examples.inline([
            "formwork.yaml": """
            formwork: 1
            name: Committee sign-off
            locale: en
            calendar:
              timezone: \(zone)
              workdays: [\(workdays)]
              holidays: [2026-04-03, 2026-04-06]
            include: [capex.yaml, policy.yaml, funnel.yaml, org.yaml]
            """,
            "capex.yaml": """
            form: capex
            title: Capital expense request
            policy: committee
            fields:
              - id: amount
                type: money
                label: Amount
                required: true
                range: {min: 1}
              - id: purpose
                type: long_text
                label: Purpose
                required: true
              - id: notes
                type: text
                label: Notes
            """,
            "policy.yaml": """
            policy: committee
            meaning: Committee approval of the expense
            material: [amount]
            steps:
              - id: board
                approvers:
                  - role: board
                quorum: \(boardQuorum)
                sla:
                  days: 1
                  escalate_to:
                    - person: chair
              - id: regional
                approvers:
                  - role: regional_head
                quorum: \(regionalQuorum)
            """,
            "funnel.yaml": """
            workflow: spending
            filled_by: [rep]
            stages:
              - id: requests
                forms:
                  - form: capex
                    repeatable: true
            """,
            "org.yaml": """
            org: committee
            roles:
              - id: rep
              - id: board
              - id: regional_head
              - id: chair
            people:
              - {id: chair, name: Chair, roles: [chair]}
              - {id: b1, name: Board One, roles: [board], manager: chair}
              - {id: b2, name: Board Two, roles: [board], manager: chair}
              - {id: b3, name: Board Three, roles: [board, regional_head], manager: chair}
              - {id: h1, name: Head One, roles: [regional_head], manager: chair}
              - {id: h2, name: Head Two, roles: [regional_head], manager: chair}
              - {id: r1, name: Rep One, roles: [rep], manager: b1}
            """,
        ])
        guard let formSet = result.formSet, formSet.forms.count == 1, formSet.policies.count == 1,
            formSet.workflows.count == 1, formSet.org?.people.count == 7, formSet.damagedNames.isEmpty
        else {
            Issue.record("the committee form set did not load: \(result.diagnostics)")
            return nil
        }
        return formSet
    }

    static let answers = texts(["amount": "250000", "purpose": "A second CNC lathe for the Taichung plant."])
}

@Suite struct QuorumTests {
    @Test func quorumAllNeedsEveryBoardMemberAndACountNeedsThatManyDistinctPeople() throws {
        var funnel = Funnel(formSet: try #require(Committee.formSet()))
        let report = try funnel.submit(
            "capex", for: "plant-2", by: "r1", at: at("2026-03-02T09:00:00Z"), answers: Committee.answers)
        let routing = try #require(funnel.engine.report(report)?.routing)
        #expect(routing.steps.map(\.required) == [3, 2])
        #expect(routing.steps[0].approvers == ["b1", "b2", "b3"])
        for (person, hour) in [("b1", 10), ("b2", 11)] as [(PersonID, Int)] {
            let events = try funnel.decide(
                report, .approve, by: person, at: at("2026-03-02T\(hour):00:00Z"), opinion: "Yes")
            #expect(events.map(\.kind) == ["decision-recorded"])
        }
        let twice = try funnel.refuse(
            .decide(.init(report: report, decision: .approve, opinion: "Yes", by: "b2", at: at("2026-03-02T12:00:00Z")))
        )
        #expect(twice.code == .duplicateApprover)
        let third = try funnel.decide(report, .approve, by: "b3", at: at("2026-03-02T12:00:00Z"), opinion: "Yes")
        #expect(third.map(\.kind) == ["decision-recorded", "step-completed", "step-opened"])
        // b3 is also a regional head, but nobody approves twice in one report.
        let again = try funnel.refuse(
            .decide(.init(report: report, decision: .approve, opinion: "Yes", by: "b3", at: at("2026-03-02T13:00:00Z")))
        )
        #expect(again.code == .duplicateApprover)
        #expect(funnel.engine.inbox(for: "b3").isEmpty)
        try funnel.decide(report, .approve, by: "h1", at: at("2026-03-02T13:00:00Z"), opinion: "Yes")
        #expect(funnel.engine.report(report)?.status == .pending)
        let last = try funnel.decide(report, .approve, by: "h2", at: at("2026-03-02T14:00:00Z"), opinion: "Yes")
        #expect(last.map(\.kind) == ["decision-recorded", "step-completed", "report-approved"])
        guard case .stepCompleted(let completed) = last[1] else { return }
        #expect(completed.approvers == ["h1", "h2"])
    }

    @Test(arguments: ["any", "1"])
    func quorumAnyOrOneTakesTheFirstApproval(_ quorum: String) throws {
        var funnel = Funnel(formSet: try #require(Committee.formSet(boardQuorum: quorum, regionalQuorum: "any")))
        let report = try funnel.submit(
            "capex", for: "plant-2", by: "r1", at: at("2026-03-02T09:00:00Z"), answers: Committee.answers)
        let events = try funnel.decide(report, .approve, by: "b2", at: at("2026-03-02T10:00:00Z"), opinion: "Yes")
        #expect(events.map(\.kind) == ["decision-recorded", "step-completed", "step-opened"])
    }

    @Test func anUnreachableQuorumIsRefusedAtSubmissionRatherThanStranded() throws {
        var funnel = Funnel(formSet: try #require(Committee.formSet(regionalQuorum: "4")))
        let refusal = try funnel.refuse(
            .submit(
                .init(
                    report: "x", form: "capex", customer: "plant-2", answers: Committee.answers, by: "r1",
                    at: at("2026-03-02T09:00:00Z"))))
        #expect(refusal.code == .quorumUnreachable)
        #expect(refusal.message == "step regional needs 4 distinct approvers but finds only 3: b3, h1, h2")
    }

    @Test func oneReturnSendsTheReportBackAndAMaterialChangeVoidsTheBoardsApprovals() throws {
        var funnel = Funnel(formSet: try #require(Committee.formSet()))
        let report = try funnel.submit(
            "capex", for: "plant-2", by: "r1", at: at("2026-03-02T09:00:00Z"), answers: Committee.answers)
        try funnel.decide(report, .approve, by: "b1", at: at("2026-03-02T10:00:00Z"), opinion: "Yes")
        try funnel.decide(report, .return, by: "b2", at: at("2026-03-02T11:00:00Z"), opinion: "Get a second quote.")
        let unchanged = try funnel.run(
            .resubmit(
                .init(
                    report: report, changes: ["notes": .text("Second quote attached.")], by: "r1",
                    at: at("2026-03-02T12:00:00Z"))))
        #expect(unchanged.map(\.kind) == ["report-resubmitted", "step-opened"])
        #expect(funnel.engine.report(report)?.approvals(atStep: 0) == ["b1"])
        try funnel.decide(report, .return, by: "b3", at: at("2026-03-02T13:00:00Z"), opinion: "The amount is wrong.")
        let changed = try funnel.run(
            .resubmit(
                .init(report: report, changes: ["amount": .text("240000")], by: "r1", at: at("2026-03-02T14:00:00Z"))))
        #expect(changed.map(\.kind) == ["report-resubmitted", "approvals-voided", "step-opened"])
        #expect(funnel.engine.report(report)?.approvals(atStep: 0) == [])
        // b1 may approve the new revision.
        try funnel.decide(report, .approve, by: "b1", at: at("2026-03-02T15:00:00Z"), opinion: "Yes")
    }
}
