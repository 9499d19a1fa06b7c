import FormworkLanguage
import PropertyBased
import Testing

@Suite("Properties")
struct PropertyTests {
    @Test("printing then parsing gives back the same tree")
    func printParseRoundTrip() async {
        await propertyCheck(count: 1000, input: ExpressionGenerator.expressions()) { expression in
            let printed = expression.description
            let result = Parser.parse(printed)
            #expect(result.diagnostics.isEmpty, "\(printed): \(result.diagnostics)")
            guard let parsed = result.expression else { return }
            #expect(parsed.isStructurallyEqual(to: expression), "\(printed) parsed as \(parsed)")
            // Spans point inside the printed text.
            #expect(parsed.span.end <= printed.unicodeScalars.count)
        }
    }

    @Test("random text never crashes the parser, and whatever parses prints back to the same tree")
    func randomTextIsSafe() async {
        await propertyCheck(count: 1000, input: ExpressionGenerator.randomTexts()) { text in
            PropertyTests.exercise(text)
        }
    }

    @Test("random fragments of the language never crash the parser, checker or evaluator")
    func randomFragmentsAreSafe() async {
        await propertyCheck(count: 2000, input: ExpressionGenerator.fragmentTexts()) { text in
            PropertyTests.exercise(text)
        }
    }

    /// Parses, checks and evaluates `text`, checking the laws that hold for any input.
    static func exercise(_ text: String) {
        let result = Parser.parse(text)
        let length = text.unicodeScalars.count
        for diagnostic in result.diagnostics {
            #expect(diagnostic.span.start >= 0 && diagnostic.span.end <= length, "\(text): \(diagnostic)")
            #expect(!diagnostic.message.isEmpty)
        }
        guard let expression = result.expression else {
            #expect(result.diagnostics.contains { $0.severity == .error }, "\(text) gave neither tree nor error")
            return
        }
        #expect(result.diagnostics.isEmpty)
        let reparsed = Parser.parse(expression.description).expression
        #expect(reparsed?.isStructurallyEqual(to: expression) == true, "\(text) printed as \(expression)")
        let check = TypeChecker.check(expression, in: Fixture.environment, expecting: .bool)
        for diagnostic in check.diagnostics {
            #expect(diagnostic.span.start >= 0 && diagnostic.span.end <= length, "\(text): \(diagnostic)")
        }
        // Evaluating never traps, whether or not the expression type checks.
        _ = Evaluator.evaluate(expression, in: Fixture.context())
        if !check.hasErrors, check.type == .bool || check.type == .null {
            let outcome = Evaluator.evaluateCondition(expression, in: Fixture.context())
            if case .failure(let failure) = outcome {
                let expected: Set<EvaluationError.Code> = [
                    .integerOverflow, .decimalOverflow, .divisionByZero, .dateOutOfRange, .invalidArgument,
                ]
                #expect(expected.contains(failure.code), "\(text): \(failure)")
            }
        }
    }
}
