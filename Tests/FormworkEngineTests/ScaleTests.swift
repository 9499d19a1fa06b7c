import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Testing

@Suite struct ScaleTests {
    /// Ten thousand visit reports filed and signed: every command touches only its report and its
    /// customer (and the deadline queue), so this stays cheap; a scan per command would not.
    @Test func tenThousandReportsAreFiledAndSigned() throws {
        var engine = Engine(formSet: try #require(Examples.visitReport))
        let reps: [(PersonID, PersonID)] = [("u0", "u1000"), ("u1", "u1001"), ("u50", "u1000"), ("u51", "u1001")]
        var time = at("2026-03-02T00:00:00Z")
        let count = 10_000
        for index in 0..<count {
            let (rep, _) = reps[index % reps.count]
            time = time.adding(seconds: 30) ?? time
            let answers = texts([
                "report_id": "R-\(String(100_000 + index).suffix(6))", "rep_id": rep.rawValue,
                "customer": "Customer \(index % 997)",
                "visit_date": "2026-03-02", "stage": "proposal", "amount": "\(1000 + index)", "currency": "CNY",
                "products": "P-1, P-2", "visit_type": "video",
            ])
            let result = engine.execute(
                .submit(
                    .init(
                        report: ReportID("r\(index)"), form: "visit_report", customer: CustomerID("c\(index % 997)"),
                        answers: answers, by: rep, at: time)))
            #expect((try? result.get()) != nil)
        }
        #expect(engine.inbox(for: "u1000").count == count / 2)
        for index in 0..<count {
            let (_, supervisor) = reps[index % reps.count]
            time = time.adding(seconds: 30) ?? time
            let result = engine.execute(
                .decide(
                    .init(
                        report: ReportID("r\(index)"), decision: .approve, opinion: "Seen.", by: supervisor, at: time)))
            #expect((try? result.get())?.last?.kind == "report-approved")
        }
        #expect(engine.state.reports.values.allSatisfy { $0.status == .approved })
        #expect(engine.inbox(for: "u1000").isEmpty)
        #expect(engine.state.customers.count == 997)
        #expect((try? engine.handle(.advanceTime(to: at("2026-12-31T00:00:00Z"))).get())?.isEmpty == true)
    }
}
