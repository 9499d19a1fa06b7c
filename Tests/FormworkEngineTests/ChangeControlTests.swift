import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

/// Change control: a proposal is a report signed like any other, published only when approved, by
/// its author or a proposing role, against the version in force; and a returned report is migrated
/// to a new form version when resubmitted.
@Suite struct ChangeControlTests {
    static let version1 = String(repeating: "1", count: 64)
    static let version2 = String(repeating: "2", count: 64)

    static func proposal(version: String, base: String = "") -> GivenAnswers {
        texts([
            "summary": "Ask for the number of employees.", "version": version, "base_version": base,
            "changes": "1 change: 1 breaking", "breaking": "1", "in_flight": "0",
        ])
    }

    static func propose(
        _ funnel: inout Funnel, by person: PersonID = "chen.mei", version: String = version1, base: String = "",
        at time: String
    ) throws -> ReportID {
        try funnel.submit(
            ChangeControl.formID, for: CustomerID(ChangeControl.customer), by: person, at: at(time),
            answers: proposal(version: version, base: base))
    }

    @Test func aProposalIsRoutedToSomeoneOtherThanItsAuthor() throws {
        var funnel = try Funnel()
        let bySupervisor = try Self.propose(&funnel, at: "2026-03-02T09:00:00+08:00")
        #expect(funnel.engine.report(bySupervisor)?.waitingFor == ["wang.li"])
        let own = try funnel.refuse(
            .decide(
                .init(
                    report: bySupervisor, decision: .approve, opinion: "Mine.", by: "chen.mei",
                    at: at("2026-03-02T09:10:00+08:00"))))
        #expect(own.code == .selfApproval)
        // The director's own proposal falls back to the supervisors: never to the director alone.
        let byDirector = try Self.propose(
            &funnel, by: "wang.li", version: Self.version2, at: "2026-03-02T09:20:00+08:00")
        #expect(funnel.engine.report(byDirector)?.waitingFor == ["chen.mei", "huang.zhiming"])
    }

    @Test func onlyProposingRolesMayPropose() throws {
        var funnel = try Funnel()
        let refusal = try funnel.refuse(
            .submit(
                .init(
                    report: "p", form: ChangeControl.formID, customer: CustomerID(ChangeControl.customer),
                    answers: Self.proposal(version: Self.version1), by: "lin.hao", at: at("2026-03-02T09:00:00+08:00")))
        )
        #expect(refusal.code == .notAllowedToFile)
    }

    @Test func publishingNeedsAnApprovedCurrentProposalOnce() throws {
        var funnel = try Funnel()
        let first = try Self.propose(&funnel, at: "2026-03-02T09:00:00+08:00")
        let early = try funnel.refuse(
            .publish(.init(proposal: first, by: "chen.mei", at: at("2026-03-02T09:30:00+08:00"))))
        #expect(early.code == .wrongState)
        try funnel.decide(first, .approve, by: "wang.li", at: at("2026-03-02T10:00:00+08:00"), opinion: "Needed.")
        let rep = try funnel.refuse(
            .publish(.init(proposal: first, by: "lin.hao", at: at("2026-03-02T10:05:00+08:00"))))
        #expect(rep.code == .notAllowedToPublish)
        let events = try funnel.run(
            .publish(.init(proposal: first, by: "chen.mei", at: at("2026-03-02T10:10:00+08:00"))))
        guard case .formSetPublished(let published)? = events.first else {
            Issue.record("expected form-set-published, got \(events.map(\.kind))")
            return
        }
        #expect(published.number == 1 && published.version == Self.version1 && published.replaces == nil)
        #expect(funnel.engine.state.publishedVersion?.version == Self.version1)
        let twice = try funnel.refuse(
            .publish(.init(proposal: first, by: "wang.li", at: at("2026-03-02T10:20:00+08:00"))))
        #expect(twice.code == .alreadyPublished)

        // A proposal made against no version, approved after version 1 came into force, is stale.
        let stale = try Self.propose(&funnel, version: Self.version2, at: "2026-03-02T11:00:00+08:00")
        try funnel.decide(stale, .approve, by: "wang.li", at: at("2026-03-02T11:10:00+08:00"), opinion: "Fine.")
        let refusal = try funnel.refuse(
            .publish(.init(proposal: stale, by: "chen.mei", at: at("2026-03-02T11:20:00+08:00"))))
        #expect(refusal.code == .staleProposal)
        let current = try Self.propose(
            &funnel, version: Self.version2, base: Self.version1, at: "2026-03-02T12:00:00+08:00")
        try funnel.decide(current, .approve, by: "wang.li", at: at("2026-03-02T12:10:00+08:00"), opinion: "Fine.")
        try funnel.run(.publish(.init(proposal: current, by: "wang.li", at: at("2026-03-02T12:20:00+08:00"))))
        #expect(funnel.engine.state.formSetVersions.map(\.number) == [1, 2])
        #expect(funnel.engine.state.publishedVersion?.replaces == Self.version1)

        // Replaying the journal gives the same versions; so does the state's JSON.
        let replayed = Engine.replaying(funnel.journal, formSet: funnel.engine.formSet)
        #expect(replayed.state == funnel.engine.state)
        let data = try JSONEncoder().encode(funnel.engine.state)
        #expect(
            try JSONDecoder().decode(EngineState.self, from: data).formSetVersions
                == funnel.engine.state.formSetVersions)
    }

    @Test func publishingAnOrdinaryReportIsRefused() throws {
        var funnel = try Funnel()
        let info = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation())
        let refusal = try funnel.refuse(
            .publish(.init(proposal: info, by: "chen.mei", at: at("2026-03-02T09:10:00+08:00"))))
        #expect(refusal.code == .notAProposal)
    }

    /// Acme with `customer_information` changed: `website` removed, `employees` required, `tax_id`
    /// now an integer.
    static func acmeVersion2() throws -> FormSet {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("formwork-cc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in ["forms", "workflows", "examples/acme-industrial"] {
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Examples.root.appendingPathComponent(path), to: target)
        }
        let form = folder.appendingPathComponent("forms/customer-information.yaml")
        var text = try String(contentsOf: form, encoding: .utf8)
        let website = try #require(text.range(of: "      - id: website\n"))
        let address = try #require(text.range(of: "      - id: address\n"))
        text.replaceSubrange(
            website.lowerBound..<address.lowerBound,
            with: "      - id: employees\n        type: integer\n        label: Employees\n        required: true\n")
        try text.write(to: form, atomically: true, encoding: .utf8)
        let result = FormSetLoader().load(folder.appendingPathComponent("examples/acme-industrial").path)
        #expect(result.diagnostics.isEmpty)
        return try #require(result.formSet)
    }

    @Test func aReturnedReportIsMigratedOnResubmission() throws {
        var funnel = try Funnel()
        var answers = Funnel.customerInformation()
        answers["website"] = .text("https://hpm.com.tw")
        let info = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"), answers: answers)
        let pending = try funnel.submit(
            "customer_information", for: "tsmc", at: at("2026-03-02T09:05:00+08:00"),
            answers: Funnel.customerInformation("Another Co."))
        try funnel.decide(info, .return, at: at("2026-03-02T10:00:00+08:00"), opinion: "Which contact decides?")
        let old = try #require(funnel.engine.report(info)?.revision.formVersion)

        // Version 2 comes into force: the same state, served with the new form set.
        var engine = Engine(formSet: try Self.acmeVersion2(), state: funnel.engine.state)
        let current = try #require(engine.formSet.form("customer_information")?.version)
        #expect(current != old)

        // The new required field is asked, naming it; nothing else is wrong with the old answers.
        let missing = engine.execute(
            .resubmit(
                .init(
                    report: info, changes: texts(["contact_title": "CEO"]), by: "lin.hao",
                    at: at("2026-03-02T11:00:00+08:00"))))
        guard case .failure(let refusal) = missing else {
            Issue.record("resubmission without the new required field was accepted")
            return
        }
        #expect(refusal.fieldErrors.map(\.field) == ["employees"])

        let events = try #require(
            try? engine.execute(
                .resubmit(
                    .init(
                        report: info, changes: texts(["contact_title": "CEO", "employees": "120"]), by: "lin.hao",
                        at: at("2026-03-02T11:05:00+08:00")))
            ).get())
        #expect(events.map(\.kind).first == "report-resubmitted")
        let revision = try #require(engine.report(info)?.revision)
        #expect(revision.formVersion == current)
        #expect(revision.answers["employees"] == .int(120))
        #expect(revision.answers["website"] == nil)
        let dropped = try #require(revision.dropped.first { $0.field == "website" })
        #expect(dropped.value == .string("https://hpm.com.tw"))
        #expect(dropped.reason.contains("no longer in form version"))
        // The carried-over answers are the old ones, by field id.
        #expect(revision.answers["company_name"] == .string("Hsinchu Precision Machining Co., Ltd."))

        // The pending report keeps its version and routing: it is signed as filed.
        let signed = engine.execute(
            .decide(
                .init(
                    report: pending, decision: .approve, opinion: "Complete.", by: "chen.mei",
                    at: at("2026-03-02T11:10:00+08:00"))))
        #expect((try? signed.get())?.map(\.kind).contains("report-approved") == true)
        #expect(engine.report(pending)?.revision.formVersion == old)
    }
}
