import FormworkDefinitions

extension Located where Value: RawRepresentable, Value.RawValue == String {
    /// The id's length in scalars, for the caret.
    var length: Int { value.rawValue.unicodeScalars.count }
}
