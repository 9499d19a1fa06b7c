/// Evaluates expressions against a context of values; never traps.
///
/// Overflow, division by zero and dates out of range are reported as ``EvaluationError``s carrying the span
/// of the failing node. Empty (null) values follow the rules in docs/condition-language.md: null counts as
/// false where true or false is needed, makes arithmetic empty, and makes ordering comparisons and `in` false.
public enum Evaluator {
    /// The deepest tree evaluated; deeper trees (which the parser never builds) are refused with an error.
    public static let maximumDepth = 256

    /// Evaluates `expression` in `context`.
    public static func evaluate(
        _ expression: Expression, in context: EvaluationContext
    )
        -> Result<Value, EvaluationError>
    {
        var interpreter = Interpreter(context: context)
        do {
            return .success(try interpreter.value(of: expression))
        } catch {
            return .failure(error)
        }
    }

    /// Evaluates `expression` as a condition: an empty result counts as false.
    public static func evaluateCondition(
        _ expression: Expression, in context: EvaluationContext
    )
        -> Result<Bool, EvaluationError>
    {
        var interpreter = Interpreter(context: context)
        do {
            return .success(try interpreter.truth(of: expression))
        } catch {
            return .failure(error)
        }
    }
}
