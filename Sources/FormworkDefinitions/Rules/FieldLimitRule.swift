import FormworkDiagnostics
import FormworkLanguage

/// Field limits make sense: patterns compile, defaults are among the choices and within the range,
/// a field is not both required and computed, and a choice list has the options a default names.
struct FieldLimitRule: FormSetRule {
    var ids: [DiagnosticID] { ["invalid-pattern", "invalid-default", "conflicting-keys"] }

    func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Forms often share patterns; compile each distinct one once.
        var patternErrors: [String: String?] = [:]
        for form in context.formSet.forms {
            for field in form.fields.flatMap({ [$0] + $0.fields }) {
                if let pattern = field.pattern {
                    let problem =
                        patternErrors[pattern.value]
                        ?? {
                            if case .failure(let failure) = LinearPattern.compile(pattern.value) {
                                return failure.message
                            }
                            return PatternSafety.nestedRepetition(in: pattern.value).map {
                                "can take exponential time to match an answer: \($0) (repeat it once: ([0-9]+)+ is [0-9]+)"
                            }
                        }()
                    patternErrors[pattern.value] = problem
                    if let problem {
                        out.append(
                            .error(
                                "invalid-pattern",
                                "the pattern of '\(field.id.value)' \(problem)",
                                at: pattern.location, length: pattern.value.unicodeScalars.count))
                    }
                }
                out += check(field, context)
            }
        }
        return out
    }

    private func check(_ field: Field, _ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let compute = field.compute {
            for (key, present) in [
                ("required", field.required != nil), ("default", field.defaultValue != nil),
                ("default_expr", field.defaultExpr != nil), ("prefill", field.prefill != nil),
            ] where present {
                out.append(
                    .error(
                        "conflicting-keys", "'\(field.id.value)' is computed, so it cannot also have '\(key)'",
                        at: compute.location))
            }
        }
        if field.defaultValue != nil, let expr = field.defaultExpr {
            out.append(
                .error(
                    "conflicting-keys", "'\(field.id.value)' has both 'default' and 'default_expr'; keep one",
                    at: expr.location))
        }
        guard let value = field.defaultValue else { return out }
        let options = self.options(of: field, context)
        if let options {
            let values: [Value] = if case .list(let items) = value.value { items } else { [value.value] }
            for case .string(let text) in values where !options.contains(text) {
                out.append(
                    .error(
                        "invalid-default",
                        "the default '\(text)' is not one of the choices of '\(field.id.value)'\(Suggestion.didYouMean(text, in: options))",
                        at: value.location, length: text.unicodeScalars.count))
            }
        }
        if let range = field.range {
            if let low = range.min, NodeDecoder.isGreater(low.value, value.value) {
                out.append(
                    .error(
                        "invalid-default", "the default of '\(field.id.value)' is below its range", at: value.location))
            }
            if let high = range.max, NodeDecoder.isGreater(value.value, high.value) {
                out.append(
                    .error(
                        "invalid-default", "the default of '\(field.id.value)' is above its range", at: value.location))
            }
        }
        return out
    }

    private func options(of field: Field, _ context: RuleContext) -> [String]? {
        switch field.choices {
        case .inline(let options): options.map(\.value.value)
        case .list(let id): context.choiceLists[id.value]?.options.map(\.value.value)
        case nil: nil
        }
    }
}
