import FormworkDefinitions
import FormworkEngine
import FormworkLanguage
import FormworkPrompts
import Foundation
import Testing

/// Repeat groups: rows up to the minimum, "add another row?" up to the maximum, each row's own
/// `show_if`, computed values shown, rows kept, edited or deleted from the review.
@Suite struct GroupConversationTests {
    static let files = [
        "formwork.yaml": """
        formwork: 1
        name: Orders
        locale: en
        currency: EUR
        calendar:
          timezone: Europe/Berlin
        include: [order.yaml, policy.yaml, funnel.yaml, org.yaml]
        """,
        "order.yaml": """
        form: order
        title: Order
        policy: signoff
        fields:
          - id: lines
            type: group
            label: Order lines
            required: true
            items: {min: 1, max: 2}
            fields:
              - id: product
                type: choice
                label: Product
                required: true
                choices:
                  - value: pens
                    label: Pens
                  - value: paper
                    label: Paper
              - id: quantity
                type: integer
                label: Quantity
                required: true
                range: {min: 1}
              - id: gift
                type: boolean
                label: Gift wrapped
                default: false
              - id: gift_note
                type: text
                label: Gift note
                show_if: gift
              - id: total
                type: money
                label: Line total
                compute: quantity * 2
          - id: fixed
            type: boolean
            label: Fixed price
          - id: price
            type: money
            label: Price
            default: 100
            read_only_if: fixed
          - id: remarks
            type: text
            label: Remarks
        """,
        "policy.yaml": """
        policy: signoff
        steps:
          - id: boss
            approvers:
              - manager: 1
        """,
        "funnel.yaml": """
        workflow: orders
        filled_by: [rep]
        stages:
          - id: ordering
            forms:
              - form: order
                repeatable: true
        """,
        "org.yaml": """
        org: shop
        roles:
          - id: rep
          - id: boss
        people:
          - id: ann
            name: Ann
            roles: [rep]
            manager: bob
          - id: bob
            name: Bob
            roles: [boss]
        """,
    ]

    static func engine() throws -> Engine {
        Engine(formSet: try #require(Examples.inline(files)))
    }

    static let twoRows = [
        "pe", "0", "3", "",  // row 1: pens; quantity 0 is refused; gift keeps "no"
        "y",  // add another row
        "2", "5", "y", "For Carl",  // row 2: paper, gift wrapped with a note
        // The maximum of two rows is reached: no more question.
        "", "",  // fixed price, price keeps 100
        "",  // remarks
    ]

    @Test func rowsAreAskedUpToTheMinimumThenOfferedUpToTheMaximum() throws {
        let engine = try Self.engine()
        let run = Scripted("order", on: engine, customer: "carl", by: "ann", typing: Self.twoRows + ["s"])
        let answers = try #require(run.answers, "\(run.transcript)")
        #expect(
            answers["lines"]
                == .value(
                    .list([
                        .record(Record(name: "row", ["product": .string("pens"), "quantity": .string("3")])),
                        .record(
                            Record(
                                name: "row",
                                [
                                    "product": .string("paper"), "quantity": .string("5"), "gift": .string("yes"),
                                    "gift_note": .string("For Carl"),
                                ])),
                    ])))
        #expect(run.transcript.contains("Order lines *\n  (from 1 to 2 rows)\n  Order lines, row 1\n"))
        #expect(
            run.transcript.contains(
                "    > 0\n      error: Quantity must be at least 1; it is 0\n    Quantity *\n    > 3\n"))
        #expect(run.transcript.contains("    Line total: 6 EUR\n  Add another row to Order lines? [y/N] y\n"))
        #expect(run.transcript.contains("    Line total: 10 EUR\n\nFixed price\n"))
        // The first row's gift note stayed hidden.
        let first = run.after("Order lines, row 1").prefix { $0 != "?" }
        #expect(!first.contains("Gift note"))
        #expect(run.after("Order lines, row 2").contains("    Gift note\n    > For Carl\n"))
        #expect(
            run.after("== Review ==").contains(
                "    1  Order lines  2 rows\n"
                    + "                    1. Product: Pens, Quantity: 3, Gift wrapped: no, Line total: 6 EUR\n"))
        let revision = try #require(try expectFiled(answers, form: "order", on: engine, customer: "carl", by: "ann"))
        #expect(revision.defaulted.contains("lines[1].gift"))
    }

    @Test func declinedRowsStopAndRowsAreDeletedFromTheReview() throws {
        let engine = try Self.engine()
        let run = Scripted(
            "order", on: engine, customer: "carl", by: "ann",
            typing: ["1", "4", "", "", "", "", "", "1", "d", "", "2", "7", "", "", "s"])
        let answers = try #require(run.answers, "\(run.transcript)")
        #expect(
            answers["lines"]
                == .value(
                    .list([.record(Record(name: "row", ["product": .string("paper"), "quantity": .string("7")]))])))
        #expect(run.transcript.contains("  Add another row to Order lines? [y/N] \n"))
        #expect(run.transcript.contains("  Row 1: Product: Pens, Quantity: 4, Gift wrapped: no, Line total: 8 EUR\n"))
        #expect(run.transcript.contains("  Enter keeps it, e edits it, d deletes it > d\n"))
        try expectFiled(answers, form: "order", on: engine, customer: "carl", by: "ann")
    }

    @Test func aReadOnlyAnswerIsShownNotAsked() throws {
        let engine = try Self.engine()
        let run = Scripted(
            "order", on: engine, customer: "carl", by: "ann", typing: ["1", "4", "", "", "y", "", "s"])
        let answers = try #require(run.answers, "\(run.transcript)")
        #expect(answers["price"] == nil)
        #expect(run.transcript.contains("Price: 100 EUR (cannot be changed here)\n"))
        let revision = try #require(try expectFiled(answers, form: "order", on: engine, customer: "carl", by: "ann"))
        #expect(revision.answers["price"] == .decimal(100))
    }
}
