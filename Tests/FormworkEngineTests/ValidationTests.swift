import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import Foundation
import Testing

@Suite struct ValidationTests {
    /// Submits customer information with `changes` over good answers; returns the refusal, if any.
    private func customerInformation(_ changes: GivenAnswers, removing: [String] = []) throws -> Refusal? {
        let engine = Engine(formSet: try #require(Examples.acme))
        var answers = Funnel.customerInformation()
        for key in removing { answers[key] = nil }
        answers.merge(changes)
        let command = Command.submit(
            .init(
                report: "r-1", form: "customer_information", customer: "hpm", answers: answers, by: "lin.hao",
                at: at("2026-03-02T09:00:00+08:00")))
        if case .failure(let refusal) = engine.handle(command) { return refusal }
        return nil
    }

    /// An answer to a hidden field is dropped, but only once it is an answer the field could have: its own limits
    /// are checked, as its type is (and as the published schema checks them, not knowing what is hidden).
    @Test func aHiddenAnswerIsHeldToItsFieldsLimitsBeforeItIsDropped() throws {
        let long = String(repeating: "x", count: 81)
        let refused = try #require(try customerInformation(["industry_other": .json(.string(long))]))
        #expect(refused.fieldErrors.map(\.field) == ["industry_other"])
        #expect(refused.fieldErrors.first?.message == "Which industry takes at most 80 characters; it has 81")
        #expect(try customerInformation(["industry_other": .json(.string("Shipbuilding"))]) == nil)
    }

    @Test func aMultipleChoiceNamesEachOptionOnce() throws {
        let refused = try #require(
            try customerInformation([
                "products_of_interest": .json(.array(["v_belt_b50", "v_belt_b50"].map(JSONValue.string)))
            ]))
        #expect(refused.fieldErrors.map(\.field) == ["products_of_interest"])
        #expect(refused.fieldErrors.first?.message.hasSuffix("lists 'v_belt_b50' more than once") == true)
    }

    @Test func aListOverItsCountIsNotAlsoComparedItemByItem() throws {
        let contacts = (0..<12).map { "Contact \($0 % 3)" }
        let refused = try #require(
            try customerInformation(["other_contacts": .json(.array(contacts.map(JSONValue.string)))]))
        #expect(refused.fieldErrors.map(\.message) == ["Other people we know there takes at most 10 items; it has 12"])
        let repeated = try #require(
            try customerInformation(["other_contacts": .json(.array(["A", "B", "A", "A"].map(JSONValue.string)))]))
        #expect(refused.fieldErrors.count == 1)
        #expect(repeated.fieldErrors.map(\.message) == ["Other people we know there lists 'A' more than once"])
    }

    @Test func everyInvalidAnswerIsListedWithItsFieldAtOnce() throws {
        let refusal = try #require(
            try customerInformation(
                texts([
                    "company_name": "X", "tax_id": "1234", "industry": "shipbuilding", "website": "www.example.com",
                    "contact_email": "not an address", "first_contact_date": "2026-02-30", "lead_source": "",
                    "referred_by": "ignored", "colour": "blue",
                ]), removing: ["contact_name"]))
        #expect(refusal.code == .invalidAnswers)
        #expect(refusal.category == .invalidData)
        #expect(refusal.category.exitCode == 65)
        #expect(
            refusal.fieldErrors.map(\.field) == [
                "company_name", "tax_id", "industry", "website", "contact_name", "contact_email", "lead_source",
                "first_contact_date", "colour",
            ])
        let messages = Dictionary(
            refusal.fieldErrors.map { ($0.field ?? "", $0.message) }, uniquingKeysWith: { first, _ in first })
        #expect(messages["company_name"] == "Registered company name needs at least 2 characters; it has 1")
        #expect(messages["tax_id"] == "Unified business number must match the pattern ^[0-9]{8}$; '1234' does not")
        #expect(
            messages["industry"]
                == "'shipbuilding' is not an option of Industry; choose one of manufacturing, electronics, "
                + "machinery, automotive, metalworking, chemicals, food_beverage, construction, logistics, other")
        #expect(messages["contact_name"] == "Contact name is required")
        #expect(messages["lead_source"] == "Lead source is required")
        #expect(
            messages["first_contact_date"]
                == "First contact must be a date written YYYY-MM-DD, such as 2026-03-02, not '2026-02-30'")
        #expect(messages["colour"] == "form customer_information has no field 'colour'")
        #expect(refusal.fieldErrors.first?.label == "Registered company name")
    }

    @Test func lengthsCountCharactersNotBytes() throws {
        // 名 is one character in three UTF-8 bytes; 台積電 three in nine; 120 × 電 is 360 bytes within the limit.
        let short = try #require(try customerInformation(texts(["company_name": "名"])))
        #expect(short.fieldErrors.map(\.message) == ["Registered company name needs at least 2 characters; it has 1"])
        #expect(try customerInformation(texts(["company_name": "台積電"])) == nil)
        #expect(try customerInformation(texts(["company_name": String(repeating: "電", count: 120)])) == nil)
        let long = try #require(try customerInformation(texts(["company_name": String(repeating: "電", count: 121)])))
        #expect(
            long.fieldErrors.map(\.message) == ["Registered company name takes at most 120 characters; it has 121"])
        let ascii = try #require(try customerInformation(texts(["company_name": String(repeating: "a", count: 121)])))
        #expect(
            ascii.fieldErrors.map(\.message) == ["Registered company name takes at most 120 characters; it has 121"])
    }

    @Test func unknownKeysAreRefusedWithASuggestion() throws {
        let refusal = try #require(try customerInformation(texts(["contact_nmae": "Wang"])))
        #expect(
            refusal.fieldErrors.map(\.message) == [
                "form customer_information has no field 'contact_nmae'; did you mean 'contact_name'?"
            ])
    }

    @Test func computedFieldsCannotBeAnswered() throws {
        var funnel = try Funnel()
        try funnel.walkToVisit("hpm")
        var answers = Funnel.qualification()
        answers["bant_score"] = .text("100")
        let refusal = try funnel.refuse(
            .submit(
                .init(
                    report: "q", form: "customer_qualification", customer: "other", answers: answers, by: "lin.hao",
                    at: at("2026-03-03T09:00:00+08:00"))))
        #expect(refusal.code == .stageNotReached)
        let second = try funnel.refuse(
            .submit(
                .init(
                    report: "q", form: "customer_qualification", customer: "hpm", answers: answers, by: "lin.hao",
                    at: at("2026-03-03T09:00:00+08:00"))))
        #expect(second.fieldErrors.map(\.message) == ["BANT score (0–100) is computed and takes no answer"])
    }

    @Test func theCrossFieldCheckIsAnErrorWithoutAField() throws {
        let refusal = try #require(try customerInformation([:], removing: ["contact_email"]))
        #expect(refusal.fieldErrors.count == 1)
        #expect(refusal.fieldErrors.first?.field == nil)
        #expect(
            refusal.fieldErrors.first?.message == "Give at least a phone number or an email address for the contact.")
    }

    @Test func textOfNothingButSpacesIsNoAnswer() throws {
        let refusal = try #require(try customerInformation(texts(["contact_name": "   ", "industry": " machinery "])))
        #expect(refusal.fieldErrors.map(\.message) == ["Contact name is required"])
    }

    @Test func requiredIfNamesItsCondition() throws {
        let refusal = try #require(try customerInformation(texts(["lead_source": "referral"])))
        #expect(refusal.fieldErrors.map(\.message) == ["Referred by is required when `lead_source == 'referral'`"])
    }

    @Test func hiddenFieldValuesAreDroppedAndTheDropRecorded() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "tokyo-seiki", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation("Tokyo Seiki K.K.").merging(
                texts(["overseas": "yes", "country": "Japan", "referred_by": "Someone"])))
        let revision = try #require(funnel.engine.report(report)?.revision)
        // tax_id hides for overseas companies; referred_by shows only for referrals.
        #expect(revision.answers["tax_id"] == nil)
        #expect(revision.answers["referred_by"] == nil)
        #expect(
            revision.dropped == [
                DroppedAnswer(
                    field: "tax_id", value: .string("24536806"),
                    reason: "hidden because its show_if `!overseas` is false"),
                DroppedAnswer(
                    field: "referred_by", value: .string("Someone"),
                    reason: "hidden because its show_if `lead_source == 'referral'` is false"),
            ])
        // The overseas billing section now shows: its default applies.
        #expect(revision.answers["billing_currency"] == .string("USD"))
        #expect(revision.answers["country"] == .string("Japan"))
    }

    @Test func aHiddenSectionDropsItsFields() throws {
        var funnel = try Funnel()
        let report = try funnel.submit(
            "customer_information", for: "hpm", at: at("2026-03-02T09:00:00+08:00"),
            answers: Funnel.customerInformation().merging(
                texts(["country": "Taiwan"])))
        let revision = try #require(funnel.engine.report(report)?.revision)
        #expect(revision.dropped.map(\.field) == ["country"])
        #expect(revision.dropped.first?.reason.contains("section overseas_billing") == true)
        #expect(revision.answers["billing_currency"] == nil)
    }

    @Test(
        arguments: [
            ("integer", "quantity", "12", Value.int(12)),
            ("integer", "quantity", " -3 ", .int(-3)),
            ("decimal", "travel_km", "12.50", .decimal(12.5)),
            ("decimal", "travel_km", "-007.50", .decimal(-7.5)),
            ("decimal", "travel_km", "+0.25", .decimal(0.25)),
            ("decimal", "travel_km", "000", .decimal(0)),
            ("percent", "win_probability", "12.5%", .decimal(12.5)),
            ("date", "visit_date", "2026-03-02", .date(LocalDate(year: 2026, month: 3, day: 2) ?? .minimum)),
            ("boolean", "objective_met", "yes", .bool(true)),
            ("boolean", "objective_met", "False", .bool(false)),
            ("text_list", "next_steps", "a, b\\, c,, d", .list([.string("a"), .string("b, c"), .string("d")])),
            ("multi_choice", "risks", "price,timing", .list([.string("price"), .string("timing")])),
        ] as [(String, String, String, Value)])
    func textAnswersAreParsedByTheFieldsType(_ type: String, _ field: String, _ text: String, _ expected: Value) throws
    {
        let formSet = try #require(Examples.acme)
        let definition = try #require(
            formSet.forms.flatMap { $0.fields + $0.fields.flatMap(\.fields) }.first { $0.id.value.rawValue == field })
        #expect(definition.type.value.rawValue == type)
        let parsed = try Engine(formSet: formSet).parse(.text(text), for: definition).get()
        #expect(parsed == expected)
    }

    @Test(arguments: [
        ("12.5", "Quantity must be a whole number such as 12, not '12.5'"),
        ("1e3", "Quantity must be a whole number such as 12, not '1e3'"),
        ("99999999999999999999", "Quantity: 99999999999999999999 is too large a number"),
    ])
    func malformedNumbersAreRefused(_ text: String, _ message: String) throws {
        let formSet = try #require(Examples.acme)
        let group = try #require(formSet.form("closed_deal")?.field("products"))
        let quantity = try #require(group.fields.first { $0.id.value == "quantity" })
        switch Engine(formSet: formSet).parse(.text(text), for: quantity) {
        case .success(let value): Issue.record("parsed as \(value)")
        case .failure(let refusal): #expect(refusal.message == message)
        }
    }

    @Test func jsonAnswersAreStrictlyTyped() throws {
        let formSet = try #require(Examples.visitReport)
        let form = try #require(formSet.form("visit_report"))
        let amount = try #require(form.field("amount"))
        let engine = Engine(formSet: formSet)
        let tenth = Decimal(string: "0.1") ?? 0
        #expect((try? engine.parse(.json(.number(tenth)), for: amount).get()) == .decimal(tenth))
        guard case .failure(let refusal) = engine.parse(.json(.string("650000")), for: amount) else {
            Issue.record("a JSON string was accepted for a decimal")
            return
        }
        #expect(refusal.message == "Expected amount must be a JSON number, not the text \"650000\"")
    }

    /// A JSON date or choice is the value itself, as the published schema (`format: date`, an `enum`) has it:
    /// spaces around it or an empty text are refused, not trimmed or taken as no answer; typed text is trimmed.
    @Test func jsonDatesAndChoicesAreTakenExactly() throws {
        let formSet = try #require(Examples.acme)
        let form = try #require(formSet.form("visit_plan"))
        let date = try #require(form.field("visit_date"))
        let kind = try #require(form.field("visit_type"))
        let engine = Engine(formSet: formSet)
        let day = try #require(LocalDate("2026-03-05"))
        #expect((try? engine.parse(.json(.string("2026-03-05")), for: date).get()) == .date(day))
        #expect((try? engine.parse(.text(" 2026-03-05 "), for: date).get()) == .date(day))
        #expect((try? engine.parse(.json(.null), for: date).get()) == .null)
        for text in [" 2026-03-05", "2026-03-05\n", ""] {
            guard case .failure(let refusal) = engine.parse(.json(.string(text)), for: date) else {
                Issue.record("the JSON text \(text.debugDescription) was taken as a date")
                continue
            }
            #expect(
                refusal.message
                    == "Visit date must be a date in quotes with nothing around it, not the text \"\(text)\"; "
                    + "null is no answer")
        }
        let option = "onsite"
        #expect((try? engine.parse(.json(.string(option)), for: kind).get()) == .string(option))
        #expect((try? engine.parse(.text(" \(option) "), for: kind).get()) == .string(option))
        guard case .failure(let refusal) = engine.parse(.json(.string(" \(option) ")), for: kind) else {
            Issue.record("a choice with spaces around it was trimmed")
            return
        }
        #expect(refusal.message.hasPrefix("Visit type must be one of its options in quotes with nothing around it"))
    }

    @Test func groupRowsAreCheckedRowByRow() throws {
        var funnel = try Funnel()
        try funnel.walkToClose("hpm")
        var answers = Funnel.closedDeal(quantity: 10, unitPrice: "100")
        answers["products"] = .text(
            #"[{"product": "bearing_6204", "quantity": 0, "unit_price": 100}, {"product": "bearing_6205", "qty": 1}]"#)
        let refusal = try funnel.refuse(
            .submit(
                .init(
                    report: "d", form: "closed_deal", customer: "hpm", answers: answers, by: "lin.hao",
                    at: at("2026-03-16T10:00:00+08:00"))))
        #expect(
            refusal.fieldErrors.map(\.field) == [
                "products[1].quantity", "products[2].product", "products[2].quantity", "products[2].unit_price",
                "products[2].qty", nil,
            ])
        #expect(refusal.fieldErrors[0].message == "Quantity must be at least 1; it is 0")
        #expect(
            refusal.fieldErrors[1].message == "'bearing_6205' is not an option of Product; did you mean 'bearing_6204'?"
        )
        #expect(refusal.fieldErrors[4].message == "row 2 of Products ordered has no field 'qty'")
        #expect(refusal.fieldErrors[5].message == "A closed deal needs a value above zero.")
    }
}

/// Answers of any length are checked against a field's pattern at once, in time linear in the answer: a plain
/// sequence of classes by the engine's byte matcher, any other pattern by `LinearPattern`, which refuses only an
/// answer longer than its work bound allows for that pattern's size.
@Suite struct LongAnswerTests {
    static func formSet() throws -> FormSet {
        let result = Examples.inline([
            "formwork.yaml":
                "formwork: 1\nname: Codes\nlocale: en\ninclude: [codes.yaml, policy.yaml, funnel.yaml, org.yaml]\n",
            "codes.yaml": """
            form: codes
            title: Codes
            policy: checked
            fields:
              - {id: serial, type: text, label: Serial, pattern: '^[0-9]*[0-9]*x$'}
              - {id: reference, type: text, label: Reference, pattern: '^(?:[0-9]+-)?[0-9]*x$'}
              - {id: wide, type: text, label: Wide, pattern: '^(?:a|b){0,1000}$'}
              - {id: tags, type: text_list, label: Tags, unique: true}
              - id: rows
                type: group
                label: Rows
                fields:
                  - {id: qty, type: integer, label: Qty}
            """,
            "funnel.yaml": """
            workflow: codes
            filled_by: [rep]
            stages:
              - id: all
                forms:
                  - form: codes
                    repeatable: true
            """,
            "policy.yaml": """
            policy: checked
            meaning: Codes checked
            steps:
              - id: check
                approvers:
                  - person: s1
            """,
            "org.yaml": """
            org: o
            roles:
              - id: rep
              - id: supervisor
            people:
              - {id: s1, name: Supervisor One, roles: [supervisor]}
              - {id: r1, name: Rep One, roles: [rep], manager: s1}
            """,
        ])
        return try #require(result.formSet, "\(result.diagnostics)")
    }

    func refusal(_ answers: GivenAnswers) throws -> Refusal? {
        let engine = Engine(formSet: try Self.formSet())
        let command = Command.submit(
            .init(
                report: "r-1", form: "codes", customer: "c", answers: answers, by: "r1",
                at: at("2026-03-02T09:00:00Z")))
        if case .failure(let refusal) = engine.handle(command) { return refusal }
        return nil
    }

    @Test func aSimplePatternChecksAnAnswerOfAnyLengthAndQuotesItShortened() throws {
        let digits = String(repeating: "7", count: 20_000)
        let accepted = try refusal(texts(["serial": digits + "x"]))
        #expect(accepted == nil, "\(String(describing: accepted).prefix(500))")
        let refused = try #require(try refusal(texts(["serial": digits])))
        #expect(refused.fieldErrors.map(\.field) == ["serial"])
        #expect(
            refused.fieldErrors.first?.message
                == "Serial must match the pattern ^[0-9]*[0-9]*x$; '\(digits.prefix(60))…' (20000 characters) does not")
    }

    @Test func rowsGivenAsTextSayWhatIsWrongWithTheirJSON() throws {
        let refused = try #require(try refusal(["rows": .text(#"[{"qty": 01}]"#)]))
        #expect(
            refused.fieldErrors.first?.message
                == #"give the rows of Rows as a JSON list of objects, e.g. [{"quantity": 2}] (line 1, column 10: "#
                + "a number does not start with 0 unless it is 0 (JSON has no leading zeros))")
    }

    @Test func aLongListIsCheckedForRepeatedItemsOnceEachInLinearTime() throws {
        var tags = (0..<50_000).map { "tag \($0)" }
        tags += ["tag 7", "tag 49999", "tag 7", "caf\u{E9}", "cafe\u{301}"]
        let answers: GivenAnswers = ["tags": .json(.array(tags.map(JSONValue.string)))]
        let refused = try #require(try refusal(answers))
        // Each repeated item once, in the order of its first repetition; texts equal only canonically differ.
        #expect(
            refused.fieldErrors.map(\.message) == [
                "Tags lists 'tag 7' more than once", "Tags lists 'tag 49999' more than once",
            ])
    }

    @Test func aPatternWithGroupsChecksAnAnswerOfAnyLengthAtOnce() throws {
        // Groups and alternation are matched in time linear in the answer, so no answer is too long to check
        // (a backtracking engine was bounded to 4,096 characters, and still hung on ^(a|aa)*$).
        let long = String(repeating: "7", count: 20_000)
        #expect(try refusal(texts(["reference": "12-" + long + "x"])) == nil)
        #expect(
            try refusal(texts(["reference": long + "-7"]))?.fieldErrors.map(\.message) == [
                "Reference must match the pattern ^(?:[0-9]+-)?[0-9]*x$; '\(long.prefix(60))…' (20002 characters) does not"
            ])
        // The work is bounded still: a pattern of thousands of states checks answers up to a length it names.
        let large = try #require(LinearPattern("^(?:a|b){0,1000}$"))
        #expect(large.longestText > 10_000 && large.longestText < 20_000)
        #expect(try refusal(texts(["wide": String(repeating: "ab", count: 500)])) == nil)
        #expect(
            try refusal(texts(["wide": String(repeating: "a", count: 1_001)]))?.fieldErrors.map(\.message) == [
                "Wide must match the pattern ^(?:a|b){0,1000}$; '\(String(repeating: "a", count: 60))…' (1001 characters) does not"
            ])
        #expect(
            try refusal(texts(["wide": String(repeating: "a", count: 20_000)]))?.fieldErrors.map(\.message) == [
                "Wide is too long to be checked against the pattern ^(?:a|b){0,1000}$ (20000 characters; at most \(large.longestText) for this pattern)"
            ])
        let wide = String(repeating: "é", count: 4_096)
        #expect(
            try refusal(texts(["reference": wide]))?.fieldErrors.map(\.message) == [
                "Reference must match the pattern ^(?:[0-9]+-)?[0-9]*x$; '\(wide.prefix(60))…' (4096 characters) does not"
            ])
    }
}
