import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

@Suite("Entity codec")
struct EntityCodecTests {
    /// A report and its customer after a busy run of the Acme funnel: returns, resubmissions,
    /// decisions, escalations.
    private static func sample() throws -> (ReportRecord, CustomerRecord) {
        var simulation = Simulation.acme(formSet: try #require(Examples.acme))
        var generator = SplitMix(seed: 42)
        simulation.run((0..<200).map { _ in Int(generator.next() % 1_000_000_000) })
        let reports = simulation.engine.state.reports.values
        let report = try #require(
            reports.max { $0.decisions.count + $0.revisions.count < $1.decisions.count + $1.revisions.count })
        let customer = try #require(simulation.engine.state.customers[report.customer])
        return (report, customer)
    }

    @Test("answers of every type come back exactly, decimals to the last digit")
    func everyValueType() throws {
        var (report, _) = try Self.sample()
        let values: [FieldID: Value] = [
            "flag": .bool(false), "count": .int(-9_223_372_036_854_775_807),
            "amount": .decimal(Decimal(string: "-12345678901234567890.125")!),
            "small": .decimal(Decimal(string: "0.0001")!), "name": .string("華新精密 \u{1F600} \"quoted\"\n"),
            "day": .date(LocalDate(year: 2026, month: 2, day: 28)!),
            "when": .datetime(Timestamp(secondsSinceEpoch: -86_400, utcOffsetMinutes: -570)!),
            "utc": .datetime(Timestamp(secondsSinceEpoch: 1_790_000_000)),
            "tags": .list([.string("a"), .list([]), .int(3)]),
            "lines": .list([
                .record(
                    Record(
                        name: "row",
                        fields: [.init(name: "product", value: .string("bearing")), .init(name: "qty", value: .int(3))])
                )
            ]),
        ]
        report.revisions[0].answers = Answers(values)
        report.revisions[0].dropped = [DroppedAnswer(field: "old", value: .decimal(5), reason: "the field is gone")]
        let decoded = try EntityCodec.decodeReport(EntityCodec.encode(report))
        #expect(decoded == report)
        #expect(decoded.revisions[0].answers["amount"] == .decimal(Decimal(string: "-12345678901234567890.125")!))
    }

    @Test("a value cut short anywhere, or with any byte changed, is refused or read, never a crash")
    func damagedBytes() throws {
        let (report, customer) = try Self.sample()
        let cases: [(bytes: [UInt8], read: ([UInt8]) -> Bool)] = [
            (EntityCodec.encode(report), { (try? EntityCodec.decodeReport($0)) != nil }),
            (EntityCodec.encode(customer), { (try? EntityCodec.decodeCustomer($0)) != nil }),
        ]
        for (bytes, read) in cases {
            #expect(read(bytes))
            for length in 0..<bytes.count {
                #expect(!read(Array(bytes.prefix(length))), "cut to \(length) bytes")
            }
            #expect(!read(bytes + [0]), "a byte after the end")
            var generator = SplitMix(seed: 7)
            for _ in 0..<2000 {
                var damaged = bytes
                let index = Int(generator.next() % UInt64(bytes.count))
                damaged[index] = UInt8(truncatingIfNeeded: generator.next())
                _ = read(damaged)
            }
        }
    }

    @Test("a string that is not valid UTF-8 is refused, not repaired")
    func invalidText() throws {
        var (report, _) = try Self.sample()
        report.history.append(HistoryEntry(at: report.updatedAt, kind: "note", text: "Zq9Zq9 😀"))
        let bytes = EntityCodec.encode(report)
        let needle = Array("Zq9Zq9 😀".utf8)
        let at = try #require(
            (0...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle })
        for (offset, byte) in [(0, UInt8(0xFF)), (needle.count - 1, UInt8(0x41)), (needle.count - 4, UInt8(0xC3))] {
            var damaged = bytes
            damaged[at + offset] = byte
            #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeReport(damaged) }
        }
    }

    @Test("values nested beyond any form's depth are refused, so damaged bytes cannot recurse without end")
    func nestingIsBounded() throws {
        var deep = Value.list([])
        for _ in 0..<40 { deep = .list([deep]) }
        var writer = BinaryWriter()
        writer.value(deep)
        var reader = try BinaryReader(writer.bytes)
        #expect(throws: BinaryReader.Malformed.self) { try reader.value() }
        var (report, _) = try Self.sample()
        var shallow = Value.list([])
        for _ in 0..<8 { shallow = .list([shallow]) }
        report.revisions[0].answers = Answers(["shallow": shallow])
        #expect(try EntityCodec.decodeReport(EntityCodec.encode(report)) == report)
    }

    @Test("JSON and another layout are told apart and refused with the reason")
    func otherLayouts() throws {
        let (report, _) = try Self.sample()
        let json = Array(try JSONEncoder().encode(report))
        #expect(!EntityCodec.isBinary(json))
        #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeReport(json) }
        var future = EntityCodec.encode(report)
        future[1] = 9
        do {
            _ = try EntityCodec.decodeReport(future)
            Issue.record("a future layout was read")
        } catch {
            #expect(error.description == "the report has layout 9, this build reads 1")
        }
    }

    @Test("a report without a revision, or with progress for a different number of steps, is refused")
    func inconsistentReports() throws {
        let (report, _) = try Self.sample()
        var noRevision = report
        noRevision.revisions = []
        #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeReport(EntityCodec.encode(noRevision)) }
        var extraStep = report
        extraStep.steps.append(StepProgress(step: "ghost", status: .waiting, reason: nil))
        #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeReport(EntityCodec.encode(extraStep)) }
    }

    @Test("a customer's map that names a form twice is refused; one whose forms are out of order is read in order")
    func customerMapsAreChecked() throws {
        var customer = CustomerRecord(id: "c1")
        customer.latestApproved = ["form_a": "r1", "form_b": "r2"]
        let bytes = EntityCodec.encode(customer)
        // The two ids have the same length, so the other's bytes can be written in place of either one.
        func replacing(_ old: String, with new: String, in bytes: [UInt8]) throws -> [UInt8] {
            let (old, new) = (Array(old.utf8), Array(new.utf8))
            let start = try #require(
                (0...(bytes.count - old.count)).first { Array(bytes[$0..<($0 + old.count)]) == old })
            var changed = bytes
            changed.replaceSubrange(start..<(start + old.count), with: new)
            return changed
        }
        let repeated = try replacing("form_b", with: "form_a", in: bytes)
        #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeCustomer(repeated) }
        let swapped = try replacing("form_b", with: "form_0", in: bytes)
        let read = try EntityCodec.decodeCustomer(swapped)
        #expect(read.latestApproved.keys == ["form_0", "form_a"])
        #expect(read.latestApproved["form_0"] == "r2")
    }

    @Test("counts and numbers a snapshot was altered to hold are refused: counting on from them must not trap")
    func countsAreBounded() throws {
        let (report, customer) = try Self.sample()
        #expect(try EntityCodec.decodeCustomer(EntityCodec.encode(customer)) == customer)
        for change: (inout CustomerRecord) -> Void in [
            { $0.reportCount = Int.max }, { $0.lineCount = Int.max }, { $0.reportCount = -1 },
            { $0.reportCount = $0.lineCount + 1 },
        ] {
            var altered = customer
            change(&altered)
            #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeCustomer(EntityCodec.encode(altered)) }
        }
        for number in [0, -3, Int.max] {
            var altered = report
            altered.revisions[0].number = number
            #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeReport(EntityCodec.encode(altered)) }
        }
        let timed = try #require(report.routing.steps.firstIndex { $0.sla != nil })
        for days in [366, Int.max] {
            var altered = report
            altered.routing.steps[timed].sla?.days = days
            #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeReport(EntityCodec.encode(altered)) }
        }
        // An instant no RFC 3339 text can hold: its date could not be computed.
        for seconds in [Int64.min, Int64.max, Timestamp.representableSeconds.upperBound + 1] {
            var altered = customer
            altered.stageHistory.append(
                HistoryEntry(at: Timestamp(secondsSinceEpoch: seconds), kind: "k", text: "text"))
            #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeCustomer(EntityCodec.encode(altered)) }
        }
        for text in ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59"] {
            var edge = customer
            edge.stageHistory.append(HistoryEntry(at: try #require(Timestamp(text)), kind: "k", text: "text"))
            #expect(try EntityCodec.decodeCustomer(EntityCodec.encode(edge)) == edge)
        }
        let page = CustomerPage(customer: customer.id, number: Int.max)
        #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeCustomerPage(EntityCodec.encode(page)) }

        // The globals, altered through their JSON (their fields are the engine's own).
        var simulation = Simulation.acme(formSet: try #require(Examples.acme))
        simulation.run([1, 2, 3])
        let globals = simulation.engine.state.globals
        #expect(try EntityCodec.decodeGlobals(EntityCodec.encode(globals)) == globals)
        for key in ["eventCount", "reportCount"] {
            var object = try #require(
                try JSONSerialization.jsonObject(with: JSONEncoder().encode(globals)) as? [String: Any])
            object[key] = Int.max
            let altered = try JSONDecoder().decode(
                EngineState.Globals.self, from: JSONSerialization.data(withJSONObject: object))
            #expect(throws: EntityCodec.Malformed.self) { try EntityCodec.decodeGlobals(EntityCodec.encode(altered)) }
        }
    }
}
