public import FormworkDefinitions
public import FormworkLanguage

extension Engine {
    /// Parses one answer for `field` as a submission would, without the rest of the form: for
    /// prompts that check each answer as it is typed. Only the type is judged here (not required,
    /// limits or checks, which need the other answers).
    public func parse(_ answer: Answer, for field: Field) -> Result<Value, Refusal> {
        let parsed = AnswerParser(catalog: catalog).parse(
            answer, for: field, path: field.id.value.rawValue, order: [0])
        guard parsed.problems.isEmpty else {
            let findings = Problem.sorted(parsed.problems)
            return .failure(
                Refusal(.invalidAnswers, findings.first?.message ?? "the answer cannot be read", fieldErrors: findings))
        }
        return .success(parsed.value)
    }
}
