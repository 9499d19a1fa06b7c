import FormworkDefinitions

/// A field of a form.
struct FieldKey: Hashable, Sendable {
    let form: FormID
    let field: FieldID
}
