import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkPrompts
import Foundation
import Testing

/// The conversation generated from the shipped forms, driven through a scripted terminal.
@Suite struct FormConversationTests {
    /// Every question of customer information answered in English, the last line submitting.
    static let customerInformation = [
        "Acme TW",  // company name
        "",  // registered outside Taiwan: keeps "no"
        "24536806",  // tax id
        "mach",  // industry, by the start of its value
        "",  // company size
        "",  // website
        "No. 12, Gongye 1st Rd, Hsinchu",  // address
        "Wang Da-wei",  // contact name
        "",  // job title
        "1",  // role in the purchase, by number
        "03-578-1234",  // phone
        "",  // email
        "",  // other contacts: an empty first line means none
        "trade",  // lead source, by the start of its label
        "",  // first contact: keeps today
        "1 4",  // products of interest, two numbers
        "",  // notes
        "s",
    ]

    @Test func asksEveryVisibleFieldInFormOrderUnderItsSectionAndSubmitsWhatTheEngineAccepts() throws {
        let acme = try Acme()
        let run = Scripted("customer_information", on: acme.engine, typing: Self.customerInformation)
        let answers = try #require(run.answers, "\(run.transcript)")
        #expect(
            answers == [
                "company_name": .text("Acme TW"), "tax_id": .text("24536806"), "industry": .text("machinery"),
                "address": .text("No. 12, Gongye 1st Rd, Hsinchu"), "contact_name": .text("Wang Da-wei"),
                "contact_role": .text("decision_maker"), "contact_phone": .text("03-578-1234"),
                "lead_source": .text("trade_show"),
                "products_of_interest": .value(.list([.string("bearing_6204"), .string("grease_ep2")])),
            ])
        #expect(run.terminal.remaining.isEmpty)
        // Sections as headings, questions in the form's order.
        let order = [
            "Customer information", "== Company ==", "Registered company name *", "Company registered outside Taiwan",
            "Unified business number", "Industry *", "== Main contact ==", "Contact name *", "Phone", "Email",
            "== How we met ==", "Lead source *", "First contact", "Products of interest", "Notes", "== Review ==",
        ]
        var rest = Substring(run.transcript)
        for marker in order {
            let found = try #require(rest.range(of: marker), "'\(marker)' missing or out of order")
            rest = rest[found.upperBound...]
        }
        // The hidden section (overseas billing) and the hidden field (referred by) were never asked.
        #expect(!run.transcript.contains("Overseas billing"))
        #expect(!run.transcript.contains("Referred by"))
        let revision = try #require(try expectFiled(answers, form: "customer_information", on: acme.engine))
        #expect(revision.answers["first_contact_date"] == .date(LocalDate(year: 2026, month: 3, day: 2) ?? .minimum))
        #expect(revision.answers["overseas"] == .bool(false))
    }

    @Test func labelsAndHintsAreInTheChosenLocaleAndTheFormatIsShown() throws {
        let acme = try Acme(locale: "zh-Hant")
        let run = Scripted("customer_information", on: acme.engine, typing: ["新竹精密"], then: .endOfInput)
        #expect(run.transcript.contains("客戶資訊收集表"))
        #expect(run.transcript.contains("== 公司資料 =="))
        #expect(run.transcript.contains("公司登記名稱 *"))
        #expect(run.transcript.contains("請填公司登記之全名，報價單與發票將使用此名稱。"))
        #expect(run.transcript.contains("境外公司"))
        #expect(!run.transcript.contains("Registered company name"))
        #expect(run.stop == .endOfInput)

        var walked = try Acme()
        try walked.walkToVisit()
        let plan = Scripted("visit_plan", on: walked.engine, typing: [""], then: .interrupted)
        #expect(plan.transcript.contains("Visit date *\n  Your supervisor signs the plan before this date.\n"))
        #expect(plan.transcript.contains("(a date, YYYY-MM-DD)"))
        let qualification = Scripted(
            "customer_qualification", on: walked.engine, customer: "new-co", typing: [], then: .interrupted)
        // A new customer cannot be qualified before its information is filed: nothing is asked.
        guard case .refused(let refusal) = qualification.outcome else {
            Issue.record("expected a refusal, got \(qualification.outcome)")
            return
        }
        #expect(refusal.code == .stageNotReached)
        #expect(qualification.transcript.isEmpty)
        let budget = Scripted(
            "customer_qualification", on: walked.engine, typing: ["", "1"], then: .interrupted)
        #expect(budget.after("Budget amount").contains("(an amount in TWD, such as 1250 or 1250.50; at least 0 TWD)"))
    }

    /// A time the store has passed refuses the filing before the first question, not after the review.
    @Test func aTimeEarlierThanTheLatestEventIsRefusedBeforeAnythingIsAsked() throws {
        var walked = try Acme()
        try walked.walkToVisit()
        let latest = try #require(walked.engine.state.clock)
        let early = Timestamp(secondsSinceEpoch: latest.secondsSinceEpoch - 3600)
        let plan = Scripted("visit_plan", on: walked.engine, at: early, typing: ["2026-03-09"], then: .interrupted)
        guard case .refused(let refusal) = plan.outcome else {
            Issue.record("expected a refusal, got \(plan.outcome)")
            return
        }
        #expect(refusal.code == .timeOutOfOrder)
        #expect(plan.transcript.isEmpty)
        let terminal = ScriptedTerminal([], then: .endOfInput, supportsColor: false)
        let returned = try #require(walked.engine.state.reports.keys.first)
        var revision = FormConversation(
            engine: walked.engine, revising: returned, by: "lin.hao", at: early, terminal: terminal)
        guard case .refused(let again) = revision.run() else {
            Issue.record("a revision at a time the store has passed was asked")
            return
        }
        #expect(again.code == .timeOutOfOrder)
        #expect(terminal.transcript.isEmpty)
    }

    @Test(arguments: [
        ("3", "machinery"), ("mach", "machinery"), ("Machinery and equipment", "machinery"), ("LOG", "logistics"),
        ("e", "electronics"),
    ])
    func choicesAreAnsweredByNumberValueLabelOrAnUnambiguousStart(typed: String, value: String) throws {
        let acme = try Acme()
        let run = Scripted(
            "customer_information", on: acme.engine, typing: ["Acme TW", "", "", typed], then: .interrupted)
        #expect(run.transcript.contains("    3  Machinery and equipment\n"))
        #expect(!run.transcript.contains("error:"), "\(run.transcript)")
        // The answer was taken: the next question (company size) was asked.
        #expect(run.after("Industry *").contains("Company size"))
        #expect(run.partial["industry"] == .text(value))
    }

    /// A `required_if` field is marked `*` when its condition holds on the answers given so far.
    @Test func aConditionallyRequiredFieldIsMarkedWhenItsConditionHolds() throws {
        let acme = try Acme()
        let run = Scripted(
            "customer_information", on: acme.engine, typing: ["Acme TW", "", "", "other", ""], then: .interrupted)
        #expect(run.transcript.contains("Which industry *\n"), "\(run.transcript)")
        #expect(run.after("Which industry *").contains("error: Which industry is required when"))
    }

    @Test func anAmbiguousStartOrAWrongNumberIsAskedAgain() throws {
        let acme = try Acme()
        let run = Scripted(
            "customer_information", on: acme.engine,
            typing: ["Acme TW", "", "", "m", "11", "shipbuilding", "me"], then: .interrupted)
        let industry = run.after("Industry *")
        #expect(
            industry.contains(
                "error: 'm' could be Manufacturing or Machinery and equipment or Metalworking; type more of it, or its number"
            ))
        #expect(industry.contains("error: choose a number from 1 to 10"))
        // Text that matches no option goes to the validator, whose message names the options.
        #expect(industry.contains("error: 'shipbuilding' is not an option of Industry"))
        #expect(industry.contains("Company size"))
    }

    @Test func multipleChoiceTakesSeveralNumbersAndBooleansTakeYesOrNo() throws {
        let acme = try Acme()
        var lines = Self.customerInformation
        lines[1] = "y"  // registered outside Taiwan: the tax id hides, the overseas section shows
        lines.remove(at: 2)
        lines.insert(contentsOf: ["Japan", ""], at: 6)  // country, billing currency keeps USD
        lines[16] = "2, 3 10"
        let run = Scripted("customer_information", on: acme.engine, typing: lines)
        let answers = try #require(run.answers, "\(run.transcript)")
        #expect(answers["overseas"] == .text("yes"))
        #expect(answers["tax_id"] == nil)
        #expect(answers["country"] == .text("Japan"))
        #expect(
            answers["products_of_interest"]
                == .value(.list([.string("v_belt_b50"), .string("hydraulic_oil_vg68"), .string("compressor_filter")])))
        #expect(run.transcript.contains("== Overseas billing =="))
        #expect(run.after("Billing currency").contains("[US dollar (USD)] > "))
        #expect(!run.transcript.contains("Unified business number"))
        let revision = try #require(try expectFiled(answers, form: "customer_information", on: acme.engine))
        #expect(revision.answers["billing_currency"] == .string("USD"))
        #expect(revision.defaulted.contains("billing_currency"))
    }

    @Test func showIfIsReevaluatedAfterEveryAnswer() throws {
        let acme = try Acme()
        var lines = Self.customerInformation
        lines[13] = "1"  // lead source: referral, so "referred by" shows and is required
        lines.insert(contentsOf: ["", "Mr. Chen"], at: 14)
        let run = Scripted("customer_information", on: acme.engine, typing: lines)
        let answers = try #require(run.answers, "\(run.transcript)")
        #expect(answers["referred_by"] == .text("Mr. Chen"))
        // Required when shown: an empty answer was refused with the rule's words, and asked again.
        #expect(
            run.after("Referred by").contains(
                "error: Referred by is required when `lead_source == 'referral'`\nReferred by *\n> Mr. Chen"))
        try expectFiled(answers, form: "customer_information", on: acme.engine)
    }

    @Test func requiredFieldsAreInsistedOnAndErrorsAskTheSameQuestionAgain() throws {
        let acme = try Acme()
        let run = Scripted(
            "customer_information", on: acme.engine, typing: ["", " ", "A", "Acme TW", "", "1234", "12345678"],
            then: .interrupted)
        #expect(
            run.transcript.contains(
                "> \n  error: Registered company name is required\nRegistered company name *\n"
                    + ">  \n  error: Registered company name is required\nRegistered company name *\n"
                    + "> A\n  error: Registered company name needs at least 2 characters; it has 1\n"
                    + "Registered company name *\n> Acme TW\n"))
        #expect(
            run.transcript.contains(
                "> 1234\n  error: Unified business number must match the pattern ^[0-9]{8}$; '1234' does not\n"
                    + "Unified business number\n> 12345678\n"))
        #expect(run.stop == .interrupted)
    }

    @Test func interruptedOrEndedInputStopsAtAnyPointWithNothingSubmitted() throws {
        let acme = try Acme()
        for count in [0, 3, Self.customerInformation.count - 1] {
            let lines = Array(Self.customerInformation.prefix(count))
            let interrupted = Scripted("customer_information", on: acme.engine, typing: lines, then: .interrupted)
            #expect(interrupted.stop == .interrupted)
            #expect(interrupted.transcript.hasSuffix("^C\n"))
            let ended = Scripted("customer_information", on: acme.engine, typing: lines, then: .endOfInput)
            #expect(ended.stop == .endOfInput)
        }
    }

    @Test func colourOnlyWhenTheTerminalAllowsIt() throws {
        let acme = try Acme()
        let plain = Scripted("customer_information", on: acme.engine, typing: ["", "Acme TW"], then: .interrupted)
        #expect(!plain.transcript.contains("\u{1B}["))
        let coloured = Scripted(
            "customer_information", on: acme.engine, typing: ["", "Acme TW"], then: .interrupted, color: true)
        #expect(coloured.transcript.contains("\u{1B}[1mRegistered company name\u{1B}[0m *"))
        #expect(coloured.transcript.contains("\u{1B}[31merror:\u{1B}[0m Registered company name is required"))
    }
}
